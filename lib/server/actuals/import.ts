import "server-only";
import {
  ActualAggregator,
  actualMappingProblems,
  DEFAULT_TAG_KEY,
  detectFormat,
  fieldIndex,
  readActualRow,
  suggestActualColumns,
  unitOfQuantityColumn,
  withChosenColumns,
  chosenHeader,
  type ActualColumnMap,
  type ChosenActualField,
  type ActualFormat,
  type ActualLineDraft,
  type ReadOptions,
} from "@/lib/domain/actuals";
import { db, type Role, type Tx } from "../db";
import { audit } from "../audit";
import { AppError, ForbiddenError } from "../errors";
import { newId } from "../import/bulk-write";
import { rebuildSpend } from "./attribution";
import { streamCsv } from "./csv-stream";
import { watchWarnings } from "./warnings";

/**
 * Importing a file of actual spend (issue 21): FOCUS, a LiteLLM spend export, or any CSV through
 * a column map. The file is read as a stream and summed per month and attribution key as it
 * goes (lib/domain/actuals/rows.ts), so a file of millions of rows takes memory for its distinct
 * keys only. Then, in one transaction: the import, its months, its lines (in batches), the months
 * of earlier imports of the same feed that it covers marked superseded (a re-import replaces a
 * period, never adds to it), the attributed spend rebuilt, and the audit entry.
 *
 * Rows that cannot be read (a date or cost that is not one, a currency with no rate) are listed
 * with their row number and reason; any of them stops the import unless `onlyValid` is set, in
 * which case they are left out and counted.
 */

export const ACTUAL_IMPORT_ROLES: readonly Role[] = ["FINANCE", "ADMIN"];
export const ACTUAL_IMPORT_ENTITY = "ActualImport";
export const ACTUALS_IMPORTED_ACTION = "actuals.imported";

export interface ActualsActor {
  organizationId: string;
  userId: string;
  role: Role;
}

export interface ActualImportInput {
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
  fileName: string;
  /** Files of the same feed replace each other's months. Default: the format's name. */
  feed?: string;
  format?: ActualFormat;
  /** The column map; default: suggested from the header (FOCUS and LiteLLM names are known). */
  columns?: ActualColumnMap;
  /** Headers the person chose for the date, the cost and the use case, laid over the suggested map (withChosenColumns). */
  chosenColumns?: Partial<Record<ChosenActualField, string>>;
  costColumn?: "BilledCost" | "EffectiveCost";
  tagKey?: string;
  /** Exchange rates to our currency, { EUR: 1.08 } as millionths: { EUR: 1_080_000n }. */
  ratesMicros?: Record<string, bigint>;
  onlyValid?: boolean;
}

export interface RefusedRow {
  row: number;
  message: string;
}

export interface ActualImportOutcome {
  committed: boolean;
  importId: string | null;
  format: ActualFormat | null;
  feed: string;
  encoding: string | null;
  columns: ActualColumnMap;
  rows: number;
  accepted: number;
  refusedCount: number;
  /** The first 1,000 refused rows, with why. */
  refused: RefusedRow[];
  problems: string[];
  /** month ("2026-01") → cents, of the accepted rows. */
  months: Record<string, string>;
  totalCents: string;
  /** Months of earlier imports of this feed that this one replaced. */
  replacedMonths: string[];
  lines: number;
  ms: number;
}

const MAX_LISTED = 1_000;
const LINE_CHUNK = 5_000;

export function assertMayManageActuals(actor: { role: Role }): void {
  if (!ACTUAL_IMPORT_ROLES.includes(actor.role)) throw new ForbiddenError("Only finance and admins manage actual spend.");
}

export async function importActuals(actor: ActualsActor, input: ActualImportInput): Promise<ActualImportOutcome> {
  assertMayManageActuals(actor);
  const started = Date.now();
  const aggregator = new ActualAggregator();
  const refused: RefusedRow[] = [];
  let refusedCount = 0;
  let format: ActualFormat | null = input.format ?? null;
  let columns: ActualColumnMap = {};
  let encoding: string | null = null;
  const problems: string[] = [];
  let index: ReturnType<typeof fieldIndex> = {};
  const readOptions: ReadOptions = { format: "CSV" as ActualFormat, tagKey: input.tagKey?.trim() || DEFAULT_TAG_KEY, ratesMicros: input.ratesMicros ?? {}, defaultUnit: "" };

  const result = await streamCsv(
    input.source,
    (head) => {
      encoding = head.encodingLabel;
      format = input.format ?? detectFormat(head.headers);
      readOptions.format = format;
      const suggested = suggestActualColumns(head.headers, { costColumn: input.costColumn });
      columns = input.columns
        ? Object.fromEntries(head.headers.map((h) => [h, Object.hasOwn(input.columns!, h) ? input.columns![h]! : ""]))
        : input.chosenColumns
          ? withChosenColumns(head.headers, suggested, input.chosenColumns)
          : suggested;
      for (const h of Object.values(input.chosenColumns ?? {})) if (h && chosenHeader(head.headers, h) === undefined) problems.push(`The file has no column “${h}”.`);
      problems.push(...actualMappingProblems(head.headers, input.columns ?? columns));
      index = fieldIndex(head.headers, columns);
      // No unit column (a LiteLLM export): the quantity column's name says what it counts.
      readOptions.defaultUnit = index.unit === undefined && index.quantity !== undefined ? unitOfQuantityColumn(head.headers[index.quantity]) : "";
      return problems.length ? "stop" : undefined;
    },
    (row, cells) => {
      const r = readActualRow(cells, index, readOptions);
      if (r.ok) aggregator.add(r.row);
      else {
        refusedCount++;
        if (refused.length < MAX_LISTED) refused.push({ row, message: r.message });
      }
    },
  );
  if (result.empty) problems.push("The file is empty: it needs a header row naming the columns, then one row per charge.");
  else if (!problems.length && aggregator.rows + refusedCount === 0) problems.push("The file has a header row but no data rows.");
  if (result.invalidCharacters) problems.push(`${result.invalidCharacters.toLocaleString("en-US")} characters of the file could not be read in its encoding (${encoding}); save it as “CSV UTF-8” and try again.`);

  const feed = (input.feed?.trim() || format || "CSV").slice(0, 100);
  const totals = aggregator.monthTotals();
  const base = {
    format,
    feed,
    encoding,
    columns,
    rows: aggregator.rows + refusedCount,
    accepted: aggregator.rows,
    refusedCount,
    refused,
    months: Object.fromEntries([...totals].map(([m, c]) => [m, c.toString()])),
    totalCents: [...totals.values()].reduce((a, b) => a + b, 0n).toString(),
  };
  if (problems.length || (refusedCount > 0 && !input.onlyValid) || aggregator.rows === 0) {
    if (!problems.length && aggregator.rows === 0 && refusedCount > 0) problems.push("No row of the file could be read; nothing was imported.");
    return { ...base, committed: false, importId: null, problems, replacedMonths: [], lines: 0, ms: Date.now() - started };
  }

  const lines = aggregator.finish();
  const importId = newId();
  const replacedMonths = await inActualsTransaction(actor.organizationId, async (tx) => {
    // The early warnings as they stand before this import, to tell the executives only of new ones.
    const warnings = await watchWarnings(tx, actor.organizationId, "all");
    const total = [...totals.values()].reduce((a, b) => a + b, 0n);
    await tx.actualImport.create({
      data: { id: importId, organizationId: actor.organizationId, feed, format: format!, fileName: input.fileName.slice(0, 255), rows: base.rows, refusedRows: refusedCount, totalCents: total, createdById: actor.userId },
    });
    // Earlier imports of this feed that cover these months: superseded by this one.
    const monthDates = [...totals.keys()].map(monthDate);
    const replaced = await tx.$queryRaw<{ month: Date }[]>`
      UPDATE "ActualImportMonth" m SET "supersededById" = ${importId}
        FROM "ActualImport" i
       WHERE i."id" = m."importId" AND i."organizationId" = ${actor.organizationId} AND i."feed" = ${feed} AND i."undoneAt" IS NULL
         AND m."organizationId" = ${actor.organizationId} AND m."supersededById" IS NULL AND m."month" = ANY(${monthDates}::date[])
      RETURNING m."month"`;
    await tx.actualImportMonth.createMany({
      data: [...totals].map(([m, cents]) => ({ id: newId(), organizationId: actor.organizationId, importId, month: monthDate(m), totalCents: cents })),
    });
    await insertLines(tx, actor.organizationId, importId, lines);
    await rebuildSpend(tx, actor.organizationId);
    const replacedMonths = [...new Set(replaced.map((r) => r.month.toISOString().slice(0, 7)))].sort();
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: ACTUALS_IMPORTED_ACTION,
      entity: ACTUAL_IMPORT_ENTITY,
      entityId: importId,
      before: replacedMonths.length ? { replacedMonths } : null,
      after: { fileName: input.fileName, feed, format, encoding, rows: base.rows, refused: refusedCount, totalCents: base.totalCents, months: base.months, lines: lines.length },
    });
    await warnings.close(actor.userId);
    return replacedMonths;
  });
  return { ...base, committed: true, importId, problems: [], replacedMonths, lines: lines.length, ms: Date.now() - started };
}

export const monthDate = (m: string) => new Date(`${m}-01T00:00:00.000Z`);

const INSERT_LINES = `INSERT INTO "ActualLine" ("organizationId", "importId", "month", "category", "tag", "resource", "sku", "account", "unit", "quantity", "costCents", "rows")
  SELECT $2, $3, v."month", v."category", v."tag", v."resource", v."sku", v."account", v."unit", v."quantity", v."cents", v."rows"
  FROM jsonb_to_recordset($1::jsonb) AS v("month" date, "category" text, "tag" text, "resource" text, "sku" text, "account" text, "unit" text, "quantity" float8, "cents" bigint, "rows" int)`;

async function insertLines(tx: Tx, organizationId: string, importId: string, lines: readonly ActualLineDraft[]): Promise<void> {
  for (let i = 0; i < lines.length; i += LINE_CHUNK) {
    const chunk = lines.slice(i, i + LINE_CHUNK).map((l) => ({ ...l, month: `${l.month}-01`, cents: l.cents.toString() }));
    await tx.$executeRawUnsafe(INSERT_LINES, JSON.stringify(chunk), organizationId, importId);
  }
}

/** Long enough for a year of daily rows for 10,000 use cases on a slow machine. */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

/**
 * One transaction, holding the organization's actual-spend lock: imports, undos and rule changes
 * of one organization run one after another, so each rebuild sees the others' results.
 */
export async function inActualsTransaction<T>(organizationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`actuals:${organizationId}`}))`;
        return fn(tx);
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    console.error(err);
    throw new AppError("Saving the actual spend failed part-way on our side and was undone: nothing changed. Please try again.");
  }
}
