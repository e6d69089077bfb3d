import "server-only";
import { randomFillSync } from "node:crypto";
import { diffFields } from "@/lib/domain/use-case-changes";
import { additionalText } from "@/lib/domain/governance";
import type pg from "pg";
import type { Tx } from "../db";
import { ConflictError } from "../errors";
import { refreshRollups } from "../portfolio/rollup";
import { beginReattribution } from "../actuals/reattribute";
import { watchWarnings } from "../actuals/warnings";
import { USE_CASE_ENTITY, USE_CASE_IMPORTED_ACTION } from "../use-cases/write";
import { deriveFrom, derivedRows, loadDeriveContext, type ScoreMemo } from "../use-cases/derive";
import { dayToDate } from "../use-cases/mapping";
import { copyIn, stagingTable } from "./copy";
import { lineSets, yearSets } from "@/lib/domain/costing/line-sets";
import { COST_LINE_SET_COLUMNS, COST_YEAR_SET_COLUMNS, DERIVED_USE_CASE_COLUMNS } from "./derived-records";
import { timed, type ImportPhases } from "./phases";
import type { ImportActor, PlannedRow } from "./plan";

/**
 * Writes the planned rows of an import inside the caller's transaction, in a handful of
 * set-based statements however many rows there are. Each batch of rows is streamed with
 * PostgreSQL's COPY (lib/server/import/copy.ts) into staging tables (temporary, dropped at commit,
 * so they live and die with the transaction), and moved from there into the real tables by one
 * INSERT … SELECT (or UPDATE … FROM) per table: use cases, their cost lines and yearly totals
 * (derived in memory by the registry's own derivation, deriveFrom + derivedRows, the rows every
 * single save stores), and one audit event per use case. The organization of every row written
 * is the statement's parameter, never a value of the stream. The same result as writeUseCase +
 * deriveUseCase + audit per row, without five to ten round trips per row; COPY instead of one
 * JSON array per statement (jsonb_to_recordset, until issue 22) spares PostgreSQL parsing
 * ~100 MB of JSON and Prisma handling it (docs/decisions/csv-import.md, "Issue 22").
 *
 * Updates are version-checked like any edit: a use case saved by someone else since the rows
 * were planned makes the whole import fail with a conflict (the transaction rolls back).
 */

/**
 * Random bytes for ids, drawn from the system's generator a few kilobytes at a time: an import of
 * 10,000 rows makes 20,000 ids, and one call to the generator per id took 0.4 s of its CPU.
 */
const idBytes = { pool: Buffer.alloc(8 * 512), at: Number.POSITIVE_INFINITY };

/** A cuid-like id: "c", time in base 36, then 15 random hex digits; sortable by creation, like Prisma's. */
export function newId(): string {
  if (idBytes.at + 8 > idBytes.pool.length) {
    randomFillSync(idBytes.pool);
    idBytes.at = 0;
  }
  const random = idBytes.pool.toString("hex", idBytes.at, idBytes.at + 8).slice(0, 15);
  idBytes.at += 8;
  return `c${Date.now().toString(36).padStart(9, "0")}${random}`;
}

type Row = Record<string, unknown>;

/** The governance columns (lib/domain/governance.ts), written as given. */
const GOVERNANCE_COLUMNS = ["startDatePrecision", "highImpact", "personalData", "sourcing", "vendor", "stage", "topicArea", "euRiskTier", "additionalFields", "additionalText"] as const;
const GOV_NAMES = GOVERNANCE_COLUMNS.map((c) => `"${c}"`).join(", ");
const GOV_VALUES = GOVERNANCE_COLUMNS.map((c) => `v."${c}"`).join(", ");
const GOV_SET = GOVERNANCE_COLUMNS.map((c) => `"${c}" = v."${c}"`).join(", ");

/** The staging tables (one per target table): their columns, in the order the stream gives them. */
const USE_CASE_STAGE = stagingTable("import_use_case", [
  ["id", "text"], ["externalId", "text"], ["title", "text"], ["description", "text"], ["businessUnit", "text"], ["ownerId", "text"],
  ["status", '"UseCaseStatus"'], ["retiredAt", "timestamp(3)"], ["startDate", "date"], ["horizonYears", "int"], ["assessment", "jsonb"], ["manualEstimate", "jsonb"],
  ["recommendedApproach", '"Approach"'], ["evidence", '"Evidence"'], ["agreementVotes", "int"], ["agreementVoters", "int"], ["disagreement", "boolean"], ["riskFlags", "text[]"],
  ["score", "jsonb"], ["scoredAt", "timestamp(3)"], ["projectionSummary", "jsonb"], ["assumptionVersionId", "text"], ["expectedVersion", "int"],
  ["startDatePrecision", "text"], ["highImpact", "text"], ["personalData", "boolean"], ["sourcing", "text"], ["vendor", "text"], ["stage", "text"], ["topicArea", "text"],
  ["euRiskTier", "text"], ["additionalFields", "jsonb"], ["additionalText", "text"],
]);
/** A use case's cost lines as sets (lib/domain/costing/line-sets.ts); `ord` keeps the order their ids are given in. */
const COST_LINE_SET_STAGE = stagingTable("import_cost_line_set", [
  ["ord", "int"], ["useCaseId", "text"], ["approach", '"Approach"'], ["manual", "boolean"], ["category", "text[]"],
  ["yearIndex", "int[]"], ["calendarYear", "int[]"], ["lowCents", "bigint[]"], ["baseCents", "bigint[]"], ["highCents", "bigint[]"],
]);
/** A use case's yearly totals as one set per approach (lib/domain/costing/line-sets.ts). */
const COST_YEAR_SET_STAGE = stagingTable("import_cost_year_set", [
  ["ord", "int"], ["useCaseId", "text"], ["approach", '"Approach"'], ["manual", "boolean"],
  ["yearIndex", "int[]"], ["calendarYear", "int[]"], ["lowCents", "bigint[]"], ["baseCents", "bigint[]"], ["highCents", "bigint[]"], ["complete", "boolean[]"],
]);
const AUDIT_STAGE = stagingTable("import_audit_event", [
  ["id", "text"], ["action", "text"], ["entity", "text"], ["entityId", "text"], ["before", "jsonb"], ["after", "jsonb"],
]);
const STAGES = [USE_CASE_STAGE, COST_LINE_SET_STAGE, COST_YEAR_SET_STAGE, AUDIT_STAGE];

/** New use cases: the staged rows with no expected version. $1 organization, $2 actor, $3 time. */
const INSERT_USE_CASES = `INSERT INTO "UseCase" ("id", "organizationId", "externalId", "title", "description", "businessUnit", "ownerId", "status", "retiredAt",
    "startDate", "horizonYears", "assessment", "manualEstimate", "recommendedApproach", "evidence", "agreementVotes", "agreementVoters", "disagreement",
    "riskFlags", "score", "scoredAt", "projectionSummary", "assumptionVersionId", "createdById", "createdAt", "updatedAt", ${GOV_NAMES})
  SELECT v."id", $1, v."externalId", v."title", v."description", v."businessUnit", v."ownerId", v."status", v."retiredAt",
    v."startDate", v."horizonYears", v."assessment", v."manualEstimate", v."recommendedApproach", v."evidence", v."agreementVotes", v."agreementVoters", v."disagreement",
    COALESCE(v."riskFlags", ARRAY[]::text[]), v."score", v."scoredAt", v."projectionSummary", v."assumptionVersionId", $2, $3::timestamp(3), $3::timestamp(3), ${GOV_VALUES}
  FROM ${USE_CASE_STAGE.name} AS v WHERE v."expectedVersion" IS NULL`;

/** Updated use cases: the staged rows with an expected version, only if it is still the stored one. $1 organization, $2 time. */
const UPDATE_USE_CASES = `UPDATE "UseCase" AS u SET
    "title" = v."title", "description" = v."description", "businessUnit" = v."businessUnit", "ownerId" = v."ownerId", "status" = v."status", "retiredAt" = v."retiredAt",
    "startDate" = v."startDate", "horizonYears" = v."horizonYears", "assessment" = v."assessment", "manualEstimate" = v."manualEstimate",
    "recommendedApproach" = v."recommendedApproach", "evidence" = v."evidence", "agreementVotes" = v."agreementVotes", "agreementVoters" = v."agreementVoters",
    "disagreement" = v."disagreement", "riskFlags" = COALESCE(v."riskFlags", ARRAY[]::text[]), "score" = v."score", "scoredAt" = v."scoredAt",
    "projectionSummary" = v."projectionSummary", "assumptionVersionId" = v."assumptionVersionId", ${GOV_SET},
    "version" = u."version" + 1, "updatedAt" = $2::timestamp(3)
  FROM ${USE_CASE_STAGE.name} AS v
  WHERE u."id" = v."id" AND u."organizationId" = $1 AND u."version" = v."expectedVersion" AND u."deletedAt" IS NULL`;

/** $1 organization. In the order staged, so the sets' ids follow the projection's order. */
const INSERT_COST_LINE_SETS = `INSERT INTO "CostLineSet" (${COST_LINE_SET_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${COST_LINE_SET_COLUMNS.map((c) => (c === "organizationId" ? "$1" : `v."${c}"`)).join(", ")} FROM ${COST_LINE_SET_STAGE.name} AS v ORDER BY v."ord"`;

/** $1 organization. */
const INSERT_COST_YEAR_SETS = `INSERT INTO "CostYearSet" (${COST_YEAR_SET_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${COST_YEAR_SET_COLUMNS.map((c) => (c === "organizationId" ? "$1" : `v."${c}"`)).join(", ")} FROM ${COST_YEAR_SET_STAGE.name} AS v ORDER BY v."ord"`;

/** $1 organization, $2 actor, $3 time. */
const INSERT_AUDIT = `INSERT INTO "AuditEvent" ("id", "organizationId", "actorId", "action", "entity", "entityId", "before", "after", "at")
  SELECT v."id", $1, $2, v."action", v."entity", v."entityId", v."before", v."after", $3::timestamp(3) FROM ${AUDIT_STAGE.name} AS v`;

export const IMPORT_AUDIT_ACTION = USE_CASE_IMPORTED_ACTION;

export interface WrittenRow {
  row: number;
  id: string;
  action: "create" | "update";
}

/** Rows per batch: derived in memory, then written while the next batch is derived. */
const BATCH = 250;

/** One batch, as COPY text lines per staging table, and the ids it creates and updates. */
interface Batch {
  created: string[];
  updated: string[];
  useCases: string[];
  costLines: string[];
  costYears: string[];
  audits: string[];
}

const CONFLICT = "Someone changed or deleted use cases of this file while it was being imported. Nothing was imported; check the file again.";

/**
 * Writes the rows that change something (creates and updates); returns them with their ids.
 * `connection` is the node-postgres connection of the same transaction as `tx`
 * (transactionWithConnection in lib/server/db.ts): the COPY streams and the statements that
 * move the staged rows go through it. Pipelined: while PostgreSQL writes one batch, the next is
 * derived and turned into COPY text (pure CPU) in this process.
 */
export async function writePlannedRows(
  tx: Tx,
  connection: pg.ClientBase,
  actor: ImportActor,
  planned: readonly PlannedRow[],
  now: Date,
  phases?: ImportPhases,
): Promise<WrittenRow[]> {
  const { organizationId } = actor;
  const writes = planned.filter((p) => p.action !== "unchanged");
  if (writes.length === 0) return [];
  // Actual spend already imported under these external ids follows the use cases (lib/server/actuals/reattribute.ts).
  const reattribution = await beginReattribution(
    tx,
    organizationId,
    { useCaseIds: writes.flatMap((p) => (p.existing ? [p.existing.id] : [])), externalIds: writes.map((p) => p.fields.externalId) },
    "long",
  );
  // New answers, estimates and external ids can raise early warnings on actual spend (lib/server/actuals/warnings.ts).
  const warnings = await watchWarnings(tx, organizationId, reattribution.touches === "all" ? "all" : [...writes.flatMap((p) => (p.existing ? [p.existing.id] : [])), ...reattribution.touches]);
  const ctx = await loadDeriveContext(tx, organizationId);
  const memo: ScoreMemo = new Map();
  const at = now.toISOString();
  const written: WrittenRow[] = [];
  await connection.query(STAGES.map((t) => t.create).join(";\n"));

  const derive = async (rows: readonly PlannedRow[]): Promise<Batch> => {
    const batch: Batch = { created: [], updated: [], useCases: [], costLines: [], costYears: [], audits: [] };
    let ord = 0;
    for (const p of rows) {
      // Let the event loop run between rows, so the previous batch's statements keep flowing:
      // PostgreSQL waits for each next statement and COPY piece while a row is derived (every
      // eighth row instead: 12.3 s against 11.4 s for 10,000 rows).
      await new Promise<void>((resolve) => setImmediate(resolve));
      const id = p.existing?.id ?? newId();
      const f = p.fields;
      // Retired by this import: now; retired already: when it was (the column's trigger keeps the same rule).
      const retiredAt = f.status !== "RETIRED" ? null : (p.existing?.retiredAt ?? now);
      const derived = deriveFrom(
        {
          assessment: f.assessment,
          chosenApproach: (p.existing?.chosenApproach ?? null) as Parameters<typeof deriveFrom>[0]["chosenApproach"],
          horizonYears: f.horizonYears,
          startDate: dayToDate(f.startDate),
          overrides: p.existing?.overrides ?? {},
          manualEstimate: f.manualEstimate,
          createdAt: p.existing?.createdAt ?? now,
          retiredAt,
        },
        ctx,
        { memo },
      );
      const rec = derivedRows(organizationId, id, derived, ctx);
      const record: Row = {
        id,
        externalId: f.externalId,
        title: f.title,
        description: f.description,
        businessUnit: f.businessUnit,
        ownerId: f.ownerId,
        status: f.status,
        retiredAt,
        startDate: f.startDate,
        horizonYears: f.horizonYears,
        assessment: f.assessment,
        manualEstimate: f.manualEstimate,
        expectedVersion: p.existing?.version ?? null,
      };
      for (const c of GOVERNANCE_COLUMNS) record[c] = c === "additionalText" ? additionalText(f.additionalFields) : f[c];
      for (const c of DERIVED_USE_CASE_COLUMNS) record[c] = rec.useCase[c];
      (p.existing ? batch.updated : batch.created).push(id);
      batch.useCases.push(USE_CASE_STAGE.line(record));
      for (const set of lineSets(rec.costLines)) batch.costLines.push(COST_LINE_SET_STAGE.line({ ord: ord++, useCaseId: id, ...set }));
      for (const set of yearSets(rec.costYears)) batch.costYears.push(COST_YEAR_SET_STAGE.line({ ord: ord++, useCaseId: id, ...set }));
      const changes = p.changes ?? diffFields({}, f);
      batch.audits.push(AUDIT_STAGE.line({ id: newId(), action: IMPORT_AUDIT_ACTION, entity: USE_CASE_ENTITY, entityId: id, before: p.existing ? changes.before : null, after: changes.after }));
      written.push({ row: p.row, id, action: p.existing ? "update" : "create" });
    }
    return batch;
  };

  const write = async (b: Batch): Promise<void> => {
    await timed(phases, "useCases", async () => {
      await copyIn(connection, USE_CASE_STAGE, b.useCases);
      if (b.created.length) await connection.query(INSERT_USE_CASES, [organizationId, actor.userId, at]);
      if (b.updated.length) {
        const res = await connection.query(UPDATE_USE_CASES, [organizationId, at]);
        if (res.rowCount !== b.updated.length) throw new ConflictError(CONFLICT);
        // The updated use cases' projections are replaced whole.
        await connection.query(`DELETE FROM "CostLineSet" WHERE "organizationId" = $1 AND "useCaseId" = ANY($2::text[])`, [organizationId, b.updated]);
        await connection.query(`DELETE FROM "CostYearSet" WHERE "organizationId" = $1 AND "useCaseId" = ANY($2::text[])`, [organizationId, b.updated]);
      }
    });
    await timed(phases, "costLines", async () => {
      await copyIn(connection, COST_LINE_SET_STAGE, b.costLines);
      await connection.query(INSERT_COST_LINE_SETS, [organizationId]);
    });
    await timed(phases, "costYears", async () => {
      await copyIn(connection, COST_YEAR_SET_STAGE, b.costYears);
      await connection.query(INSERT_COST_YEAR_SETS, [organizationId]);
    });
    await timed(phases, "rollups", () => refreshRollups(tx, organizationId, [...b.created, ...b.updated]));
    await timed(phases, "audit", async () => {
      await copyIn(connection, AUDIT_STAGE, b.audits);
      await connection.query(INSERT_AUDIT, [organizationId, actor.userId, at]);
    });
    await connection.query(`TRUNCATE ${STAGES.map((t) => t.name).join(", ")}`);
  };

  let pending: Promise<void> = Promise.resolve();
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = await timed(phases, "derive", () => derive(writes.slice(i, i + BATCH)));
    await pending;
    pending = write(batch);
    // Handled here so a failure while the next batch is derived is not reported as unhandled;
    // it still surfaces at the next `await pending`.
    pending.catch(() => {});
  }
  await pending;
  await reattribution.finish();
  await warnings.include(written.filter((w) => w.action === "create").map((w) => w.id), { created: true });
  await warnings.close(actor.userId);
  return written;
}
