/**
 * Money in actual-spend files, exactly. FOCUS writes costs as decimals in the billing currency
 * ("0.000123456", "1234.5", "-3.10", sometimes "1.2E-5"); they are read as integers of nano-units
 * (10^-9 of the currency), summed as BigInt, and turned into cents only once, per month and line,
 * by apportioning the exact total (largest remainder), so the lines add up to the total to the cent.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { plainDecimal } from "../money";

export const NANOS_PER_CENT = 10_000_000n;
export const NANOS_PER_UNIT = 1_000_000_000n;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * A decimal string as nano-units, or null when it is not a number. Thousands separators (","),
 * a leading currency sign ($) and a k or M suffix (thousands, millions) are tolerated; more than 9 decimals are rounded half away from zero.
 */
export function parseDecimalNanos(input: string): bigint | null {
  const trimmed = input.trim();
  // A space inside a cell ("12 34") is not read as a thousands separator in a file.
  if (/\s/.test(trimmed)) return null;
  // "$", commas only as thousands separators ("1,234.50"; "0,125", a decimal comma, is refused,
  // never read as 125), and a k or M suffix ("15k", "1.2M"), exactly: ../money.ts.
  const s = plainDecimal(trimmed);
  if (s === null) return null;
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const [, sign, intPart = "", fracPart = "", expPart] = m;
  if (!intPart && !fracPart) return null;
  let digits = intPart + fracPart;
  let scale = fracPart.length - Number(expPart ?? 0); // value = digits × 10^-scale
  if (scale < 0) {
    digits += "0".repeat(-scale);
    scale = 0;
  }
  let n = BigInt(digits || "0");
  if (scale <= 9) n *= 10n ** BigInt(9 - scale);
  else {
    const div = 10n ** BigInt(scale - 9);
    const q = n / div;
    n = (n % div) * 2n >= div ? q + 1n : q;
  }
  return sign === "-" ? -n : n;
}

/** An exchange rate ("1.08": one unit of the file's currency in ours), as millionths; null when not a positive number. */
export function parseRateMicros(input: string): bigint | null {
  const nanos = parseDecimalNanos(input);
  if (nanos === null || nanos <= 0n) return null;
  const micros = (nanos + 500n) / 1000n;
  return micros > 0n ? micros : null;
}

/** nanos × rate (millionths), rounded half away from zero. */
export function convertNanos(nanos: bigint, rateMicros: bigint): bigint {
  const p = nanos * rateMicros;
  const neg = p < 0n;
  const a = neg ? -p : p;
  const q = (a + 500_000n) / 1_000_000n;
  return neg ? -q : q;
}

/** Nano-units to cents, rounded half away from zero. */
export function nanosToCents(nanos: bigint): bigint {
  const neg = nanos < 0n;
  const a = neg ? -nanos : nanos;
  const q = (a + NANOS_PER_CENT / 2n) / NANOS_PER_CENT;
  return neg ? -q : q;
}

/**
 * Splits a total (cents) in proportion to weights (any integers, same sign as each other or
 * mixed), so that the parts are whole cents and add up to the total exactly: each part is rounded
 * down, and the cents left go to the largest remainders (ties: the earlier part).
 */
export function apportion(totalCents: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    // Nothing to go by (credits and charges cancelling out): all of it on the first part.
    return weights.map((_, i) => (i === 0 ? totalCents : 0n));
  }
  const floorDiv = (a: bigint, b: bigint) => {
    const q = a / b;
    return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
  };
  const parts = weights.map((w) => floorDiv(totalCents * w, sum));
  const rema = weights.map((w, i) => totalCents * w - parts[i]! * sum);
  let left = totalCents - parts.reduce((a, b) => a + b, 0n);
  const order = weights.map((_, i) => i).sort((a, b) => {
    const ra = sum > 0n ? rema[a]! : -rema[a]!;
    const rb = sum > 0n ? rema[b]! : -rema[b]!;
    return ra === rb ? a - b : rb > ra ? 1 : -1;
  });
  for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
    const i = order[k]!;
    const step = left > 0n ? 1n : -1n;
    parts[i] = parts[i]! + step;
    left -= step;
  }
  return parts;
}

/**
 * Amounts (nano-units) as whole cents that add up to `totalCents` exactly: each rounded on its own,
 * then the cents the rounding left over, one each, to the amounts it moved most the other way
 * (ties: the earlier). For parts of both signs, where apportion's split of a total near zero in
 * proportion to them would give each part nothing: a $100 charge and a $100 credit in one month
 * would both have become $0, one use case losing its spend and another its credit.
 */
export function roundToTotal(nanos: readonly bigint[], totalCents: bigint): bigint[] {
  const parts = nanos.map(nanosToCents);
  let left = totalCents - parts.reduce((a, b) => a + b, 0n);
  if (left === 0n || parts.length === 0) return parts;
  // What rounding took off each amount (positive: rounded down), in nano-units.
  const off = nanos.map((n, i) => n - parts[i]! * NANOS_PER_CENT);
  const order = nanos.map((_, i) => i).sort((a, b) => (off[a] === off[b] ? a - b : (left > 0n ? off[b]! > off[a]! : off[a]! > off[b]!) ? 1 : -1));
  for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
    const step = left > 0n ? 1n : -1n;
    parts[order[k]!] = parts[order[k]!]! + step;
    left -= step;
  }
  return parts;
}
