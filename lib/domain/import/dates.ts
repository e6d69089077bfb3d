/**
 * Dates as inventories write them. Ours are YYYY-MM-DD; a spreadsheet exported in Europe writes
 * 05/01/2027 for 5 January, one exported in the US writes it for May 1. Where a file's own
 * values settle the order (a 14/03/2027 can only be day first) it is detected; where they do
 * not, the person importing chooses it, and until then those cells are errors, never a guess.
 *
 * Read: 2027-01-05 (with a time or a zone after it), 2027/1/5, 05/01/2027 and 05.01.2027 (in
 * the chosen order), 5 Jan 2027, 05-Jan-2027, Jan 5, 2027, January 5th 2027, and a spreadsheet's
 * day number (45292 is 2024-01-01): precision "day". A month alone (2027-01, 01/2027, Jan 2027,
 * and "Jan-24", a spreadsheet's month-and-year format as public inventories export it): precision
 * "month", stored as its first day. A year alone ("2025", or "2019.0" as a spreadsheet exports a
 * number): precision "year", stored as 1 January and shown as the year.
 * A calendar quarter with its year in full (Q3 2027, Q3-2027, Q3/2027, 2027 Q3, 2027-Q3, 3Q2027):
 * precision "month", stored as the quarter's first day (Q3 2027 is 2027-07-01). A fiscal quarter
 * or year (FY27 Q3, Q3 FY2027, FY2027) is refused: when it starts depends on the organization's
 * fiscal year. So is a quarter with a two-digit year (Q3 27, 3Q27), which fiscal years are
 * often written as.
 * "N/A", "Unknown", "TBD" and the like are no date (the cell is empty), never an error.
 * Two-digit years appear only after a month name: "Jan-24" (the spreadsheet's month-year format,
 * with its hyphen) or "Sep 49" (49 cannot be a day).
 *
 * The one date column is the planned start ("Date Initiated" in public inventories): when work on
 * the use case starts or started. A year written in full is taken from 1950 on (public inventories
 * list systems started in the 1990s; the use-case schema checks the range), but the two shorthands
 * that hide their century are read only where a start is plausible, from 2000: a day number from
 * 36526 to 73415 (2000-01-01 to 2100-12-31; 18264–36525 were read as 1950–1999, so a typo such as
 * "20250" became 10 June 1955), and a two-digit year as 2000–2049 ("Sep 98" was read as 1998; it
 * may as well be 2098). Anything else written that way is refused, asking for the year in full.
 *
 * Refused, never guessed: a day and a month without a year ("20-Apr", a spreadsheet's day-month
 * format, whose year is lost; "27 Jan"), a month name and a number that could be a day or a
 * year ("Jan 24", "Jan 05"), 05/01/27 (the century), a five-digit number outside 36526–73415,
 * and a two-digit year from 50 to 99.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

export const DATE_ORDERS = ["DMY", "MDY"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  DMY: "Day first (31/12/2027)",
  MDY: "Month first (12/31/2027)",
};

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})${TIME}$`);
const DAY_NAME_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/;
const NAME_DAY_YEAR = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;
const NAME_YEAR = /^([A-Za-z]+)\.?,?\s+(\d{4})$/;

export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export type DateCell = { ok: true; value: string; precision: DatePrecision } | { ok: true; value: null } | { ok: false; ambiguous: boolean; message: string };

const NAME_YY = /^([A-Za-z]+)\.?[\s-](\d{1,2})$/;
const YY_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]([A-Za-z]+)\.?$/;
const YEAR_ONLY = /^(\d{4})(?:\.0+)?$/;
/** A calendar quarter, its year in full: "Q3 2027", "Q3-2027", "Q3/2027", "2027 Q3", "2027-Q3", "3Q2027". */
const QUARTER_YEAR = /^Q([1-4])\s*[-/ ]?\s*(\d{4})$/i;
const YEAR_QUARTER = /^(\d{4})\s*[-/ ]?\s*Q([1-4])$/i;
const N_Q_YEAR = /^([1-4])Q\s*[-/ ]?\s*(\d{4})$/i;
/** A quarter whose year has two digits ("Q3 27", "3Q27", "27-Q3"): fiscal years are written this way too. */
const QUARTER_YY = /^(?:Q[1-4]\s*[-/ ]?\s*'?\d{2}|[1-4]Q\s*[-/ ]?\s*'?\d{2}|'?\d{2}\s*[-/ ]?\s*Q[1-4])$/i;
/** A fiscal year or quarter: "FY27 Q3", "FY2027-Q3", "Q3 FY27", "FY 2027", "3Q FY27". */
const FISCAL = /^(?:(?:Q[1-4]|[1-4]Q)\s*[-/ ]?\s*)?FY\s*'?\d{2,4}(?:\s*[-/ ]?\s*(?:Q[1-4]|[1-4]Q))?$/i;
/** "Q3" alone. */
const QUARTER_ALONE = /^Q[1-4]$/i;
/** A spreadsheet's day number (days since 1899-12-30); read only from 2000-01-01 to 2100-12-31. */
const SERIAL = /^(\d{5})(?:\.0+)?$/;
export const SERIAL_FIRST = 36526; // 2000-01-01
export const SERIAL_LAST = 73415; // 2100-12-31
/** Two digits after a month name are read as 2000 + them, up to this. */
export const LAST_TWO_DIGIT_YEAR = 49;
const NOT_KNOWN = new Set(["n/a", "na", "n.a.", "not applicable", "unknown", "tbd", "to be determined", "-", "--", "?", "none", "not available", "not yet", "pending"]);


function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** YYYY-MM-DD from its parts; whether it is a real date in range is the use-case schema's check (one message for every way of writing it). */
function build(year: number, month: number, day: number, precision: DatePrecision = "DAY"): DateCell {
  return { ok: true, precision, value: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

const month = (name: string): number | undefined => MONTHS[name.toLowerCase()];

const NOT_A_DATE = (raw: string): DateCell => ({
  ok: false,
  ambiguous: false,
  message: `“${shown(raw)}” is not a date we can read: write it as YYYY-MM-DD (e.g. 2027-03-01).`,
});

/** The forms a date outside the shorthands' window is read in. */
const IN_FULL = "Write the date as YYYY-MM-DD (e.g. 2027-03-01), or with its year in full (5 Jan 1998, Sep 1998, 1998).";

/** A day and a month with no year, or a number after a month name that could be a day or a two-digit year. */
const NO_YEAR = (raw: string): DateCell => ({
  ok: false,
  ambiguous: false,
  message: `“${shown(raw)}” has no year we can read (it may be a day and a month): write the date as YYYY-MM-DD (e.g. 2027-04-20), or a month with its year in full (Apr 2027, 2027-04).`,
});

/** A quarter's first day: Q1 → January, Q2 → April, Q3 → July, Q4 → October. */
const quarter = (year: number, q: number): DateCell => build(year, (q - 1) * 3 + 1, 1, "MONTH");

/** One cell as YYYY-MM-DD, or why not. `order` settles 05/01/2027; without it such a cell is ambiguous. */
export function parseDateCell(raw: string, order?: DateOrder): DateCell {
  const s = raw.trim();
  if (s === "" || NOT_KNOWN.has(s.toLowerCase())) return { ok: true, value: null };
  let m = YEAR_ONLY.exec(s);
  if (m) return build(Number(m[1]), 1, 1, "YEAR");
  m = QUARTER_YEAR.exec(s) ?? N_Q_YEAR.exec(s);
  if (m) return quarter(Number(m[2]), Number(m[1]));
  m = YEAR_QUARTER.exec(s);
  if (m) return quarter(Number(m[1]), Number(m[2]));
  if (FISCAL.test(s)) {
    return {
      ok: false,
      ambiguous: false,
      message: `“${shown(s)}” is a fiscal year or quarter: when it starts depends on the organization's fiscal year, so it is not read. Write the date as YYYY-MM-DD (e.g. 2027-04-01), or a calendar quarter with its year in full (Q3 2027 is read as 2027-07-01).`,
    };
  }
  if (QUARTER_YY.test(s)) {
    return {
      ok: false,
      ambiguous: false,
      message: `“${shown(s)}” has a two-digit year, which may be a fiscal year: write the calendar quarter with its year in full (Q3 2027 is read as 2027-07-01), or the date as YYYY-MM-DD.`,
    };
  }
  if (QUARTER_ALONE.test(s)) {
    return { ok: false, ambiguous: false, message: `“${shown(s)}” has no year: write the quarter with its year in full (Q3 2027 is read as 2027-07-01), or the date as YYYY-MM-DD.` };
  }
  m = SERIAL.exec(s);
  if (m) {
    const days = Number(m[1]);
    const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
    if (days >= SERIAL_FIRST && days <= SERIAL_LAST) return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    return {
      ok: false,
      ambiguous: false,
      message:
        `“${shown(s)}” is not read as a date: a number is read as a spreadsheet's day number only from ${SERIAL_FIRST} to ${SERIAL_LAST} (2000-01-01 to 2100-12-31), ` +
        `and this one would be ${d.toISOString().slice(0, 10)}. ${IN_FULL}`,
    };
  }
  m = NAME_YY.exec(s);
  if (m && month(m[1]!)) {
    // "Jan-24" is the spreadsheet's month-year format; "Jan 24" may be the 24th of January.
    if (m[2]!.length === 1 || (!s.includes("-") && Number(m[2]) >= 1 && Number(m[2]) <= 31)) return NO_YEAR(s);
    const yy = Number(m[2]);
    if (yy > LAST_TWO_DIGIT_YEAR) {
      return {
        ok: false,
        ambiguous: false,
        message: `“${shown(s)}” has a two-digit year whose century we do not guess: two digits after a month name are read as 2000 to 20${LAST_TWO_DIGIT_YEAR} only (Jan-24 is January 2024). ${IN_FULL}`,
      };
    }
    return build(2000 + yy, month(m[1]!)!, 1, "MONTH");
  }
  m = YY_NAME.exec(s);
  // "20-Apr" is a day and a month (the spreadsheet's day-month format): its year is not in the cell.
  if (m && month(m[2]!)) return NO_YEAR(s);
  m = ISO.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(s);
  if (m) {
    if (m[3]!.length !== 4) return { ok: false, ambiguous: false, message: `“${shown(s)}”: write the year in full (e.g. 2027), so it cannot be read as another century.` };
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    if (a > 12 && b > 12) return NOT_A_DATE(s);
    if (a > 12) return build(year, b, a);
    if (b > 12) return build(year, a, b);
    if (a === b) return build(year, a, b);
    if (!order) {
      return {
        ok: false,
        ambiguous: true,
        message: `“${shown(s)}” could be day first or month first: choose how the file writes dates (under Dates).`,
      };
    }
    return order === "DMY" ? build(year, b, a) : build(year, a, b);
  }
  m = DAY_NAME_YEAR.exec(s);
  if (m && month(m[2]!)) return build(Number(m[3]), month(m[2]!)!, Number(m[1]));
  m = NAME_DAY_YEAR.exec(s);
  if (m && month(m[1]!)) return build(Number(m[3]), month(m[1]!)!, Number(m[2]));
  m = YEAR_MONTH.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), 1, "MONTH");
  m = MONTH_YEAR.exec(s);
  if (m) return build(Number(m[2]), Number(m[1]), 1, "MONTH");
  m = NAME_YEAR.exec(s);
  if (m && month(m[1]!)) return build(Number(m[2]), month(m[1]!)!, 1, "MONTH");
  return NOT_A_DATE(s);
}

export interface DateOrderEvidence {
  /** The order the file's own values prove, if any (and none contradicts it). */
  detected: DateOrder | null;
  /** A value that proves it, to show the person importing. */
  example: string | null;
  /** Whether some cells read differently by order (so an order must be known to import them). */
  ambiguous: boolean;
  /** Values that prove both orders: the column mixes them, and each such cell is read as it says. */
  mixed: boolean;
}

/** What a column's values say about their day/month order. */
export function dateOrderEvidence(cells: Iterable<string>): DateOrderEvidence {
  let dmy: string | null = null;
  let mdy: string | null = null;
  let ambiguous = false;
  for (const raw of cells) {
    const m = NUMERIC.exec(raw.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy ??= raw.trim();
    else if (b > 12 && a <= 12) mdy ??= raw.trim();
    else if (a !== b && a <= 12 && b <= 12) ambiguous = true;
  }
  const mixed = dmy !== null && mdy !== null;
  const detected = mixed ? null : dmy ? "DMY" : mdy ? "MDY" : null;
  return { detected, example: detected === "DMY" ? dmy : detected === "MDY" ? mdy : null, ambiguous, mixed };
}
