/**
 * Spreadsheet-safe CSV cells. Quoting (RFC 4180) is left to csv-stringify; this module formats
 * money and neutralises text that a spreadsheet would run as a formula (OWASP, CSV injection).
 */

/** Text cells starting with one of these are prefixed with a single quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeText(value: string | null | undefined): string {
  const s = value ?? "";
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** Whole cents as a plain decimal with two places, no thousands separators, no floating point. */
export function centsToDecimal(cents: bigint | number | null): string {
  if (cents === null) return "";
  const c = BigInt(cents);
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** organization-export-YYYY-MM-DD.csv, with only safe characters. */
export function exportFileName(orgSlug: string, exportName: string, date: Date): string {
  const slug = orgSlug.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  return `${slug}-${exportName}-${date.toISOString().slice(0, 10)}.csv`;
}
