/**
 * How money reads in the app: one rule, so that a figure on one panel reads the same on the next.
 * Every amount is kept in integer cents (BigInt for actual spend) and written by one of these.
 *
 * 1. Whole dollars, `dollars`: "$2,866,412", "−$1,235". The default for sentences, lists, chart
 *    tooltips, notifications, decisions and single figures (a table's cell that adds up to nothing
 *    shown with it), for projected costs, value, savings and actual spend alike. A projection is an
 *    estimate, so its cents say nothing on their own. Rounded half away from zero, the same for
 *    −$0.50 as for $0.50.
 * 2. Compact, `compactDollars`: "$2.87M", "$412k", "$950" (three significant figures). Only where
 *    room is the point and the whole-dollar figure is one hover or one glance away: the portfolio's
 *    headline tiles (each compact figure carries its whole dollars as its title) and chart axes
 *    (each chart has its table, and its tooltip). Never in a table or sentence: "$2.87M" beside
 *    "$2,866,412" reads as two figures.
 * 3. To the cent, where a dollar is too coarse, where finance ticks the figure off, or where a
 *    reader adds figures up:
 *    - `unitPrice`, a price or per-unit rate: "$2.50" per million tokens, "$0.004123" a call,
 *      "$85.00" an hour, and the prices and rates on the assumptions page. Always with its cents,
 *      and finer digits when the price has them; a rate rounded to the dollar multiplies into a
 *      wrong cost.
 *    - `exactDollars`, "$2,866,412.37", always two decimals:
 *      a. every table whose rows (or cells) add up to a total or subtotal shown with them: the
 *         portfolio's spend per year and its scenarios year by year, the value table and its "All
 *         in view", the use case's yearly cost table and its lifecycle row, and the use case's
 *         actual spend by month and by category, and the portfolio's by business unit and by
 *         approach (each adds up to the spend its sentence gives).
 *         A reader who adds the column gets the total exactly, as in the CSV export; rows rounded
 *         to the dollar one by one visibly miss their total by a dollar, and finance catches it at
 *         once. Such a table is exact throughout, its totals and ranges too, never whole dollars
 *         beside cents.
 *      b. figures people typed, shown as entered: business units' budgets (on the value page and
 *         the portfolio's budgets table, where what a budget is set against reads in the same
 *         precision: "over by $0.30", never "$0"), manual estimates, and every amount in a change history,
 *         so that a history never reads "$1,000 → $1,000" for a change of cents.
 *      c. actual spend on the Actual spend page, as imported: each import's total and months, the
 *         sources and reasons of the spend no use case owns, reconciled against the provider's
 *         invoice, which is to the cent. Once attributed to use cases (their panels, the portfolio's
 *         sentences) actual spend reads in whole dollars beside its projection.
 * The CSV exports are not written here: they keep exact cents, as plain decimals, for finance.
 *
 * A whole-dollar figure that is a sum is the exact cent sum rounded once (`dollars(sum of cents)`),
 * never a sum of rounded parts, so it matches the export's total to the dollar.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

import { DECIMAL_COMMA, THOUSANDS } from "./numbers";

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** |cents| rounded to whole dollars, half away from zero. */
function wholeDollarsOf(cents: number | bigint): bigint {
  const c = BigInt(typeof cents === "bigint" ? cents : Math.round(cents));
  const a = c < 0n ? -c : c;
  return (a + 50n) / 100n;
}

/** Cents rounded to the whole dollar `dollars` shows (half away from zero), as cents: 12_345_67 → 12_346_00. */
export function shownDollarCents(cents: number): number {
  const d = Number(wholeDollarsOf(cents)) * 100;
  return cents < 0 ? -d : d;
}

/** Whole dollars: 286_641_237 → "$2,866,412"; negative amounts "−$1,235"; under 50 cents "$0". */
export function dollars(cents: number | bigint): string {
  const d = wholeDollarsOf(cents);
  const negative = (typeof cents === "bigint" ? cents < 0n : cents < 0) && d > 0n;
  return `${negative ? "−" : ""}$${WHOLE.format(d)}`;
}

/** "$100 – $2,500" */
export function dollarRange(r: { low: number; high: number }): string {
  return `${dollars(r.low)} – ${dollars(r.high)}`;
}

const UNITS: readonly [number, string][] = [[1e9, "B"], [1e6, "M"], [1e3, "k"]];

/**
 * Compact, for headline tiles and chart axes only (see above): whole dollars below $1,000, three
 * significant figures above ($950, $1.23k, $41k, $1.32M, $3.4B). A figure that rounds up to the
 * next unit takes it ($999,999 is "$1M", never "$1,000k"), and one that rounds to nothing has no
 * sign.
 */
export function compactDollars(cents: number | bigint): string {
  const c = Number(cents);
  const usd = Math.abs(c) / 100;
  const whole = Number(wholeDollarsOf(c));
  const sign = c < 0 && whole > 0 ? "−" : "";
  if (whole < 1000) return `${sign}$${whole}`;
  const rounded = Number(usd.toPrecision(3));
  const [size, suffix] = UNITS.find(([size]) => rounded >= size)!;
  return `${sign}$${Number((rounded / size).toPrecision(3)).toLocaleString("en-US")}${suffix}`;
}

/** To the cent (rule 3 above: tables that add up, typed figures, imported spend): 4_123_007n → "$41,230.07"; −5 → "−$0.05". */
export function exactDollars(cents: number | bigint): string {
  const c = BigInt(typeof cents === "bigint" ? cents : Math.round(cents));
  const a = c < 0n ? -c : c;
  return `${c < 0n ? "−" : ""}$${WHOLE.format(a / 100n)}.${String(a % 100n).padStart(2, "0")}`;
}

/** "$100.40 – $2,500.00": a low–high range in a table that is exact throughout (rule 3a). */
export function exactDollarRange(r: { low: number; high: number }): string {
  return `${exactDollars(r.low)} – ${exactDollars(r.high)}`;
}

/**
 * A price or per-unit rate, in dollars: always its cents ("$2.50", "$10.00", "$1,250.00"), and
 * finer digits where the price has them, to four significant figures and at most six decimals
 * ("$0.075", "$2.125", "$0.004123").
 */
export function unitPrice(usd: number): string {
  const a = Math.abs(usd);
  const decimals = a > 0 ? Math.min(6, Math.max(2, 3 - Math.floor(Math.log10(a)))) : 2;
  const text = a.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: decimals });
  return `${usd < 0 && /[1-9]/.test(text) ? "−" : ""}$${text}`;
}

/** A price in cents (an hourly rate), as unitPrice writes it: 8_550 → "$85.50", 5_000 → "$50.00". */
export function unitPriceOfCents(cents: number): string {
  return unitPrice(cents / 100);
}

/*
 * Reading an amount a person typed (a budget, a rate, a manual estimate) or a file brought (the
 * cost column of actual spend). One rule everywhere: a leading "$", commas only between thousands
 * ("1,234,567.89"), spaces ignored, and a k or M suffix for thousands and millions ("60k" is
 * 60,000, "1.5M" is 1,500,000). The suffix moves the decimal point in the text itself, never
 * through floating point, so "1.005M" is 1,005,000 exactly.
 */

const SUFFIX_PLACES: Record<string, number> = { k: 3, K: 3, m: 6, M: 6 };

/** How to write an amount, for the messages that refuse one. */
export const AMOUNT_EXAMPLE = "e.g. 60000, 60,000.50, 60k or 1.5M";

/**
 * An amount as written ("$1,500", "-2.5k", "1.005M") as a plain decimal ("1500", "-2500",
 * "1005000"): sign, digits and at most one point, no "$", commas or suffix. null when the text is
 * not an amount so written (words, "1,50", two points, "5kk"). The text is not checked for
 * exponents: a decimal with one ("1.2E-5", as billing files write tiny costs) comes back unchanged.
 */
export function plainDecimal(text: string): string | null {
  let s = text.replace(/[\s_]/g, "").replace(/^\$(?=[+-])/, "");
  const sign = /^[+-]/.test(s) ? s[0] : "";
  if (sign) s = s.slice(1);
  s = s.replace(/^\$/, "");
  const places = SUFFIX_PLACES[s.slice(-1)] ?? 0;
  if (places) s = s.slice(0, -1);
  if (s.includes(",")) {
    if (!THOUSANDS.test(s)) return null;
    s = s.replace(/,/g, "");
  }
  if (!places) return /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? `${sign === "-" ? "-" : ""}${s}` : null;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const [whole = "", frac = ""] = s.split(".");
  const int = (whole + frac.padEnd(places, "0").slice(0, places)).replace(/^0+(?=\d)/, "");
  const rest = frac.slice(places);
  return `${sign === "-" ? "-" : ""}${int}${rest ? `.${rest}` : ""}`;
}

export type AmountReading = { ok: true; cents: number } | { ok: false; message: string };

/**
 * Dollars as typed → whole cents, or the reason it cannot be read, in words: how to write an
 * amount, that it cannot be negative, or that it has more than cents. null: nothing typed.
 */
export function readDollars(text: string): AmountReading | null {
  if (text.replace(/[\s_]/g, "") === "") return null;
  const plain = plainDecimal(text);
  if (plain === null || /e/i.test(plain)) {
    const t = text.replace(/[\s_$]/g, "");
    if (DECIMAL_COMMA.test(t)) return { ok: false, message: `Write decimals with a point (${t.replace(",", ".")}); a comma only separates thousands (1,000)` };
    return { ok: false, message: `Write the amount in dollars, ${AMOUNT_EXAMPLE}` };
  }
  if (plain.startsWith("-") && /[1-9]/.test(plain)) return { ok: false, message: "Cannot be negative" };
  const [whole = "", written = ""] = plain.replace(/^-/, "").split(".");
  // Zeros after the cents change nothing ("5.000"); any other third decimal is more than cents.
  const frac = written.replace(/(?<=^\d\d)0+$/, "");
  if (frac.length > 2) return { ok: false, message: `At most two decimals (cents): ${plain.replace(/^-/, "")} dollars has ${frac.length}` };
  const cents = Number(whole || "0") * 100 + Number(frac.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return { ok: false, message: "Too large" };
  return { ok: true, cents };
}
