/**
 * CSV cells and lines for the finance exports, pure (no imports from next, react or Prisma).
 *
 * - RFC 4180: comma separated, CRLF after every record (the header too), a field holding a comma,
 *   a double quote, CR or LF is enclosed in double quotes with its quotes doubled.
 * - Spreadsheet-safe (OWASP, "CSV Injection"): a text cell beginning with `=`, `+`, `-`, `@`, tab
 *   or carriage return is prefixed with a single quote, so a spreadsheet shows it as text instead of
 *   running it as a formula. Money cells are written by `centsToDecimal` and are never neutralised.
 * - UTF-8 with a byte-order mark at the start of the file, so Excel reads accents correctly
 *   (docs/decisions/finance-export-csv.md).
 */

/** Written once, before the header row. */
export const UTF8_BOM = "\uFEFF";
export const CRLF = "\r\n";

/** What a spreadsheet would take for the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What makes a field need quoting (RFC 4180, 2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** A text value a spreadsheet will show as text: prefixed with `'` when it could start a formula. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted, with its quotes doubled, when it holds a comma, quote, CR or LF. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A free-text cell (a title, a business unit, a name): neutralised, then quoted as needed. Null is empty. */
export function textCell(value: string | null | undefined): string {
  return value ? csvField(neutralise(value)) : "";
}

/** A code cell (a status, an approach, an id): quoted as needed, never neutralised. Null is empty. */
export function codeCell(value: string | null | undefined): string {
  return value ? csvField(value) : "";
}

/** A whole number (a year, a count). Null is empty. */
export function integerCell(value: number | bigint | string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  if (!/^-?\d+$/.test(s)) throw new TypeError(`Not a whole number: ${s}`);
  return s;
}

/**
 * Whole cents as a plain decimal with two places and no thousands separators: 123450 → "1234.50".
 * Integer arithmetic only; a string is the decimal text PostgreSQL sends for a bigint, so amounts
 * beyond 2^53 stay exact. Null (a missing figure) is an empty cell, never "0.00".
 */
export function centsToDecimal(cents: bigint | number | string | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  let digits: string;
  if (typeof cents === "string") {
    if (!/^-?\d+$/.test(cents)) throw new TypeError(`Not a whole number of cents: ${cents}`);
    digits = cents;
  } else if (typeof cents === "number") {
    if (!Number.isSafeInteger(cents)) throw new TypeError(`Not a whole number of cents: ${cents}`);
    digits = String(cents);
  } else {
    digits = cents.toString();
  }
  const negative = digits.startsWith("-");
  let abs = (negative ? digits.slice(1) : digits).replace(/^0+(?=\d)/, "");
  if (abs.length < 3) abs = abs.padStart(3, "0");
  return `${negative ? "-" : ""}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** A record of already-encoded cells, ended by CRLF. */
export function csvLine(cells: readonly string[]): string {
  return cells.join(",") + CRLF;
}

/** The header row: names are encoded like any text. */
export function headerLine(names: readonly string[]): string {
  return csvLine(names.map(textCell));
}

/** `<organization slug>-<export>-<YYYY-MM-DD>.csv` (UTC date), with only [a-z0-9-] in it. */
export function exportFileName(orgSlug: string, exportName: string, date: Date): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "") || "export";
  return `${clean(orgSlug)}-${clean(exportName)}-${date.toISOString().slice(0, 10)}.csv`;
}

/** A Content-Disposition value for a download named by `exportFileName` (safe characters only). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`;
}
