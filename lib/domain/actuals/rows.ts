/**
 * One row of an actual-spend file, read: its month, category, attribution keys (the use-case tag,
 * resource, SKU, account) and cost in nano-units of our currency; or why it was refused. Then the
 * rows summed per month and key (ActualAggregator), in memory proportional to the distinct keys,
 * not to the rows: a year of daily rows becomes twelve lines per key.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { compactName } from "../import/columns";
import { THOUSANDS } from "../numbers";
import { apportion, convertNanos, nanosToCents, parseDecimalNanos, roundToTotal } from "./money";
import { categoryOf, type ActualCategory, type ActualColumnMap, type ActualFieldKey, type ActualFormat } from "./fields";

export const DEFAULT_TAG_KEY = "usecase";
export const OUR_CURRENCY = "USD";
/** Longest key kept (resource ids can be long ARNs; beyond this they are cut). */
const MAX_KEY = 500;

export interface ReadOptions {
  format: ActualFormat;
  /** The tag naming a use case's external id: "usecase" matches usecase=, use_case:, "UseCase": … */
  tagKey: string;
  /** Other currencies accepted, with their rate (millionths of a dollar per unit). */
  ratesMicros: Readonly<Record<string, bigint>>;
  /** The unit of a row whose file has no unit column: what its quantity column counts (unitOfQuantityColumn). */
  defaultUnit?: string;
}

/**
 * What a quantity column counts when the file names no unit: LiteLLM's spend export has
 * "api_requests" (calls) and no unit column, so without this its rows counted nothing and the
 * actuals page said "no calls counted" for a LiteLLM log. "" when the name says nothing.
 */
export function unitOfQuantityColumn(header: string | undefined): string {
  const n = compactName(header ?? "");
  if (/^(api)?(requests?|calls?)$/.test(n)) return "Requests";
  if (/^(total)?tokens?$/.test(n)) return "Tokens";
  return "";
}

export interface ActualRow {
  /** "2026-01" */
  month: string;
  category: ActualCategory;
  tag: string | null;
  resource: string;
  sku: string;
  account: string;
  unit: string;
  quantity: number;
  nanos: bigint;
}

/**
 * The value of the use-case tag in a Tags cell: a JSON object ({"usecase":"UC-1"}, FOCUS), a JSON
 * list (["usecase=UC-1"] or ["usecase:UC-1"], LiteLLM's request_tags) or plain text
 * ("usecase=UC-1; env=prod"). Keys compare without case or punctuation. Null when absent.
 */
export function tagValue(cell: string, tagKey: string): string | null {
  const want = compactName(tagKey);
  const s = cell.trim();
  if (!s) return null;
  const fromPair = (pair: string): string | null => {
    const m = /^\s*([^=:]+?)\s*[=:]\s*(.+?)\s*$/.exec(pair);
    // A quoted value (usecase: "UC-1", as a YAML-ish export writes it) is the text inside its quotes.
    const value = m?.[2]!.trim().replace(/^["']+|["']+$/g, "").trim();
    return m && compactName(m[1]!) === want && value ? value : null;
  };
  if (s.startsWith("{") || s.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) {
        for (const item of parsed) if (typeof item === "string") {
          const v = fromPair(item);
          if (v) return v.slice(0, MAX_KEY);
        }
        return null;
      }
      if (parsed && typeof parsed === "object") {
        for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
          if (compactName(k) === want && (typeof v === "string" || typeof v === "number") && String(v).trim()) return String(v).trim().slice(0, MAX_KEY);
        }
        return null;
      }
    } catch {
      // Not JSON after all: read as text.
    }
  }
  for (const part of s.split(/[;,|]/)) {
    const v = fromPair(part.replace(/^[\s"'[{]+|[\s"'\]}]+$/g, ""));
    if (v) return v.slice(0, MAX_KEY);
  }
  return null;
}

/** "2026-01-15", "2026-01-15T10:00:00Z", "2026-01-15 10:00:00", "2026-01": the month, or null. */
export function monthOf(value: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$/.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : 1;
  // A day the month does not have (2026-02-31) is a typo, not a date in February.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days || year < 2000 || year > 2200) return null;
  return `${m[1]}-${m[2]}`;
}

/** Column index per field, from the column map. */
export function fieldIndex(headers: readonly string[], columns: Readonly<ActualColumnMap>): Partial<Record<ActualFieldKey, number>> {
  const out: Partial<Record<ActualFieldKey, number>> = {};
  headers.forEach((h, i) => {
    const k = columns[h];
    if (k && out[k] === undefined) out[k] = i;
  });
  return out;
}

export type ReadResult = { ok: true; row: ActualRow } | { ok: false; message: string };

export function readActualRow(cells: readonly string[], index: Partial<Record<ActualFieldKey, number>>, options: ReadOptions): ReadResult {
  const cell = (k: ActualFieldKey) => (index[k] === undefined ? "" : (cells[index[k]!] ?? "").trim());
  const dateCell = cell("date");
  const month = monthOf(dateCell);
  if (!month) {
    if (!dateCell) return { ok: false, message: "The date is empty." };
    const year = /^(\d{4})-\d{2}/.exec(dateCell)?.[1];
    // A well-formed date outside the years the app keeps is said as such, not as "not a date".
    return { ok: false, message: year && (Number(year) < 2000 || Number(year) > 2200) ? `The date “${dateCell.slice(0, 40)}” is outside 2000–2200.` : `The date “${dateCell.slice(0, 40)}” is not a date like 2026-01-31.` };
  }
  const costCell = cell("cost");
  let nanos = parseDecimalNanos(costCell);
  if (nanos === null) return { ok: false, message: costCell ? `The cost “${costCell.slice(0, 40)}” is not a number: write it like 1234.56, 1,234.56, 15k or 1.2M.` : "The cost is empty." };
  const currency = cell("currency").toUpperCase();
  // "$5" in a row whose currency says EUR: one of the two is wrong, so neither is guessed.
  if (currency && currency !== OUR_CURRENCY && /^[+-]?\$/.test(costCell)) {
    return { ok: false, message: `The cost “${costCell.slice(0, 40)}” is written in dollars, but the row's currency is ${currency.slice(0, 10)}.` };
  }
  if (currency && currency !== OUR_CURRENCY) {
    const rate = options.ratesMicros[currency];
    if (!rate) return { ok: false, message: `The cost is in ${currency.slice(0, 10)}, and no exchange rate to ${OUR_CURRENCY} was given for it.` };
    nanos = convertNanos(nanos, rate);
  }
  const quantityCell = cell("quantity");
  const quantity = quantityCell ? quantityOf(quantityCell) : 0;
  const direct = cell("useCase");
  return {
    ok: true,
    row: {
      month,
      category: categoryOf(cell("category"), options.format),
      tag: direct ? direct.slice(0, MAX_KEY) : tagValue(cell("tags"), options.tagKey),
      resource: cell("resource").slice(0, MAX_KEY),
      sku: cell("sku").slice(0, MAX_KEY),
      account: cell("account").slice(0, MAX_KEY),
      unit: (index.unit === undefined ? options.defaultUnit ?? "" : cell("unit")).slice(0, 100),
      quantity: Number.isFinite(quantity) ? quantity : 0,
      nanos,
    },
  };
}

export interface ActualLineDraft {
  month: string;
  category: ActualCategory;
  tag: string | null;
  resource: string;
  sku: string;
  account: string;
  unit: string;
  quantity: number;
  rows: number;
  cents: bigint;
}

/**
 * A usage quantity ("1,250", "0.5"); 0 (unknown, left out of the unit costs) when it is not a plain
 * number or its commas do not separate thousands: "1,5" is not 15.
 */
function quantityOf(cell: string): number {
  const s = cell.replace(/\s/g, "");
  if (s.includes(",") && !THOUSANDS.test(s)) return 0;
  const n = Number(s.replace(/,/g, ""));
  return Number.isFinite(n) ? n : 0;
}

/** Rows summed per month and key; finish() gives whole-cent lines that add up to each month's exact total. */
export class ActualAggregator {
  private readonly lines = new Map<string, { row: ActualRow; nanos: bigint; quantity: number; rows: number }>();
  private readonly months = new Map<string, bigint>();
  rows = 0;

  add(row: ActualRow): void {
    this.rows++;
    const key = [row.month, row.category, row.tag ?? "\u0000", row.resource, row.sku, row.account, row.unit].join("\u0001");
    const line = this.lines.get(key);
    if (line) {
      line.nanos += row.nanos;
      line.quantity += row.quantity;
      line.rows++;
    } else this.lines.set(key, { row, nanos: row.nanos, quantity: row.quantity, rows: 1 });
    this.months.set(row.month, (this.months.get(row.month) ?? 0n) + row.nanos);
  }

  get distinctKeys(): number {
    return this.lines.size;
  }

  /** Each month's exact total, in cents (rounded once). */
  monthTotals(): Map<string, bigint> {
    return new Map([...this.months].sort(([a], [b]) => a.localeCompare(b)).map(([m, n]) => [m, nanosToCents(n)]));
  }

  finish(): ActualLineDraft[] {
    const byMonth = new Map<string, { row: ActualRow; nanos: bigint; quantity: number; rows: number }[]>();
    for (const l of this.lines.values()) {
      const list = byMonth.get(l.row.month) ?? [];
      list.push(l);
      byMonth.set(l.row.month, list);
    }
    const out: ActualLineDraft[] = [];
    for (const [month, list] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
      const total = nanosToCents(this.months.get(month)!);
      const weights = list.map((l) => l.nanos);
      // Charges and credits in one month: each line keeps its own amount (see roundToTotal).
      const mixed = weights.some((w) => w < 0n) && weights.some((w) => w > 0n);
      const cents = mixed ? roundToTotal(weights, total) : apportion(total, weights);
      list.forEach((l, i) => {
        const { category, tag, resource, sku, account, unit } = l.row;
        out.push({ month, category, tag, resource, sku, account, unit, quantity: l.quantity, rows: l.rows, cents: cents[i]! });
      });
    }
    return out;
  }
}
