import "server-only";
import { reviewDecisions } from "../decisions/review";
import {
  buildReport,
  callsOverHorizon,
  crossRowChecks,
  decodeCsvBytes,
  ENCODING_LABELS,
  IMPORT_ROLES,
  MAX_FILE_BYTES,
  mappingProblems,
  parseCsv,
  prepareRows,
  refusedRows,
  describeEncoding,
  encodingWarnings,
  TOO_LARGE_MESSAGE,
  type CsvRow,
  type ImportMapping,
  type ImportReport,
  type RowsCheck,
} from "@/lib/domain/import";
import type pg from "pg";
import { db, Prisma, transactionWithConnection, type Tx } from "../db";
import { importRowAllowance, quotaMessage } from "./quota";
import { audit } from "../audit";
import { AppError, ForbiddenError, ValidationError } from "../errors";
import { withOrganizationScope } from "../rls";
import { newId, writePlannedRows } from "./bulk-write";
import { timed, timedSync, type ImportPhases } from "./phases";
import { planRows, type ImportActor } from "./plan";
import { readAssessment } from "../use-cases/mapping";

/**
 * The import's two server steps.
 *
 * check: some rows of a file (the browser sends them a chunk at a time, so it can show progress),
 *   converted and planned against the registry: per-row errors and warnings, what each row would
 *   do. Writes nothing.
 * import: the whole file again (the server reads it itself: its own decoding and parsing, never
 *   the browser's), everything checked again inside one transaction, and written only if no row
 *   has an error: all or nothing.
 */

export const IMPORT_ENTITY = "UseCaseImport";
export const IMPORT_SUMMARY_ACTION = "use_cases.imported";

function assertMayImport(actor: ImportActor): void {
  if (!(IMPORT_ROLES as readonly string[]).includes(actor.role)) throw new ForbiddenError("Your role does not allow importing use cases.");
}

/**
 * `registry`: also return the calls over the horizon of the organization's use cases (not retired,
 * not in the trash) that give their monthly calls, which the browser compares the file's rows
 * with (volumeOutliers); asked with the first chunk only.
 */
export async function checkRows(actor: ImportActor, input: { headers: string[]; rows: CsvRow[]; mapping: ImportMapping; registry?: boolean }): Promise<RowsCheck> {
  assertMayImport(actor);
  const { plan, converted } = prepareRows(input.headers, input.rows, input.mapping);
  // Read-only: runs as the organization-scoped database role (lib/server/rls.ts).
  const { planned, registry } = await db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, actor.organizationId);
      const planned = await planRows(tx, actor, converted, plan, { closeTitles: true });
      if (!input.registry) return { planned, registry: undefined };
      const stored = await tx.useCase.findMany({
        where: { organizationId: actor.organizationId, deletedAt: null, status: { not: "RETIRED" } },
        select: { id: true, assessment: true, horizonYears: true },
      });
      const registry: [string, number][] = [];
      for (const s of stored) {
        const a = readAssessment(s.assessment);
        if (a.monthlyCalls !== undefined) registry.push([s.id, callsOverHorizon({ monthlyCalls: a.monthlyCalls, yearlyGrowthPct: a.yearlyGrowthPct ?? null, horizonYears: s.horizonYears })]);
      }
      return { planned, registry };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return {
    actions: planned.actions,
    changes: planned.changes,
    errors: planned.errors,
    warnings: planned.warnings,
    notes: planned.notes,
    matches: planned.matches,
    volumes: planned.volumes,
    ...(registry ? { registry } : {}),
  };
}

export type ImportOutcome =
  | { committed: false; report: ImportReport }
  | { committed: true; report: ImportReport; importId: string; created: number; updated: number; unchanged: number; refused: number; ms: number };

/** Long enough for 10,000 rows on a slow machine; the import is one transaction. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/**
 * `onlyValid`: import the rows that pass and leave the refused ones out (they are listed in the
 * report and counted in the audit event); without it, any refused row stops the whole import.
 * `phases`: filled with where the time went (lib/server/import/phases.ts), for the benchmark.
 */
export async function importFile(
  actor: ImportActor,
  input: { file: Blob; fileName: string; mapping: ImportMapping; onlyValid?: boolean; quota?: boolean },
  phases?: ImportPhases,
): Promise<ImportOutcome> {
  assertMayImport(actor);
  const started = Date.now();
  const refuse = (problems: string[]): ImportOutcome => ({ committed: false, report: buildReport({ actions: new Map(), rows: 0, errors: [], warnings: [], problems }) });
  // The size first, before a byte is read.
  if (input.file.size > MAX_FILE_BYTES) return refuse([TOO_LARGE_MESSAGE(input.file.size)]);
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const { decoded, parsed } = timedSync(phases, "parse", () => {
    const decoded = decodeCsvBytes(bytes);
    return { decoded, parsed: parseCsv(decoded.text, { marks: decoded.foreignOffsets }) };
  });
  const { encoding } = decoded;
  const encodingNote = describeEncoding(decoded, parsed.markedRows);
  const problems = [...parsed.problems, ...(parsed.problems.length ? [] : mappingProblems(parsed.headers, input.mapping.columns, input.mapping.externalIdColumns))];
  if (problems.length) return { committed: false, report: { ...refuse(problems).report, encoding, encodingNote } };
  // A new organization's import quota (lib/server/import/quota.ts): refused here at once, and
  // counted again under the organization's import lock below, which holds it against imports sent
  // at the same time.
  const overQuota = async (client?: Pick<Tx, "organization" | "auditEvent">): Promise<ImportOutcome | null> => {
    if (!input.quota) return null;
    const allowance = await importRowAllowance(actor.organizationId, new Date(), client);
    return allowance !== null && parsed.rows.length > allowance ? { committed: false, report: { ...refuse([quotaMessage(parsed.rows.length, allowance)]).report, encoding, encodingNote } } : null;
  };
  const early = await overQuota();
  if (early) return early;

  const { plan, converted, cross } = timedSync(phases, "convert", () => {
    const prepared = prepareRows(parsed.headers, parsed.rows, input.mapping);
    return { ...prepared, cross: crossRowChecks(prepared.converted, prepared.plan, { closeTitles: false }) };
  });
  const fileRows = converted.map((c) => ({ row: c.row, title: c.title }));
  const outcome = await inImportTransaction(async (tx, connection) => {
    // One import of an organization at a time: the same file sent twice at once (a double click,
    // two tabs) was planned twice against the registry before either wrote, and imported twice;
    // three files at once each passed the quota. The next waits for this one to commit, then plans
    // against what it wrote and counts its rows against the quota.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`import:${actor.organizationId}`}))::text`;
    const late = await overQuota(tx);
    if (late) return late;
    const planned = await timed(phases, "plan", () => planRows(tx, actor, converted, plan, { closeTitles: false }));
    const report = buildReport({
      actions: new Map(planned.actions),
      rows: parsed.rows.length,
      errors: [...cross.errors, ...planned.errors],
      warnings: [...planned.warnings, ...encodingWarnings(parsed.markedRows)],
      encoding,
      encodingNote,
      fileRows,
      changes: new Map(planned.changes),
    });
    if (report.errorCount > 0 && !input.onlyValid) return { committed: false as const, report };
    const refused = refusedRows(report);
    const now = new Date();
    const written = await writePlannedRows(
      tx,
      connection,
      actor,
      planned.planned.filter((p) => !refused.has(p.row)),
      now,
      phases,
    );
    // Approved decisions whose deciding answers this import changed go back to review (issue 20).
    await timed(phases, "review", () => reviewDecisions(tx, actor.organizationId, actor.userId, written.filter((w) => w.action !== "create").map((w) => w.id)));
    const importId = newId();
    const created = written.filter((w) => w.action === "create").length;
    const updated = written.length - created;
    const unchanged = report.counts.unchanged;
    await timed(phases, "summary", () => audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: IMPORT_SUMMARY_ACTION,
      entity: IMPORT_ENTITY,
      entityId: importId,
      before: null,
      after: {
        fileName: input.fileName,
        encoding: ENCODING_LABELS[encoding],
        encodingNote,
        rows: parsed.rows.length,
        created,
        updated,
        unchanged,
        refused: refused.size,
        /** The moment every row of this import was written (its use cases' updatedAt), for the undo. */
        writtenAt: now.toISOString(),
        refusedRows: [...refused].slice(0, 10_000),
        columns: Object.fromEntries(Object.entries(input.mapping.columns).filter(([, k]) => k)),
        useCaseIds: written.map((w) => w.id),
      },
    }));
    return { committed: true as const, report, importId, created, updated, unchanged, refused: refused.size };
  });
  return outcome.committed ? { ...outcome, ms: Date.now() - started } : outcome;
}

/** The import's one transaction, with its node-postgres connection for the bulk writer's COPY. */
async function inImportTransaction<T>(fn: (tx: Tx, connection: pg.ClientBase) => Promise<T>): Promise<T> {
  try {
    return await transactionWithConnection(fn, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ValidationError("An external id of this file was given to another use case while it was being imported. Nothing was imported; check the file again.");
    }
    // A unique violation raised by a raw statement arrives as a driver error (SQLSTATE 23505).
    if (isUniqueViolation(err)) {
      throw new ValidationError("An external id of this file was given to another use case while it was being imported. Nothing was imported; check the file again.");
    }
    if (err instanceof AppError) throw err;
    // Anything else (the database failing part-way, a timeout): the transaction was rolled back.
    // Logged for us; the person is told plainly that nothing of the file was kept.
    console.error(err);
    throw new AppError(IMPORT_FAILED_MESSAGE);
  }
}

export const IMPORT_FAILED_MESSAGE =
  "The import stopped part-way because of a problem on our side, and was undone: nothing from this file was imported and your use cases are as they were. Please try again.";

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { code?: string; originalCode?: string; kind?: string } } }; message?: string };
  const cause = e?.meta?.driverAdapterError?.cause;
  return e?.code === "23505" || e?.meta?.code === "23505" || cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation" || /23505|unique constraint/i.test(e?.message ?? "");
}
