import "server-only";
import { randomBytes } from "node:crypto";
import { diffFields } from "@/lib/domain/use-case-changes";
import { additionalText } from "@/lib/domain/governance";
import type { Tx } from "../db";
import { ConflictError } from "../errors";
import { refreshRollups } from "../portfolio/rollup";
import { beginReattribution } from "../actuals/reattribute";
import { USE_CASE_ENTITY, USE_CASE_IMPORTED_ACTION } from "../use-cases/write";
import { deriveFrom, derivedRows, loadDeriveContext, recordset, type DerivedRows, type ScoreMemo } from "../use-cases/derive";
import { dayToDate } from "../use-cases/mapping";
import { COST_LINE_COLUMNS, COST_YEAR_COLUMNS, DERIVED_USE_CASE_COLUMNS } from "./derived-records";
import type { ImportActor, PlannedRow } from "./plan";

/**
 * Writes the planned rows of an import inside the caller's transaction, in a handful of
 * set-based statements however many rows there are: use cases inserted and updated a few hundred
 * at a time (each row's values travel as one JSON array, unpacked by jsonb_to_recordset), their
 * derived scores and cost projections computed in memory by the registry's own derivation
 * (deriveFrom + writeDerived through derived-records.ts) and written in bulk, and one audit event
 * per use case. The same result as writeUseCase + deriveUseCase + audit per row, without five to
 * ten round trips per row (measured: ~10x faster; see docs/decisions/csv-import.md).
 *
 * Updates are version-checked like any edit: a use case saved by someone else since the rows
 * were planned makes the whole import fail with a conflict (the transaction rolls back).
 */

const USE_CASE_CHUNK = 250;
const COST_CHUNK = 10_000;
const AUDIT_CHUNK = 2_000;

/** A cuid-like id: "c", time in base 36, then randomness; sortable by creation, like Prisma's. */
export function newId(): string {
  return `c${Date.now().toString(36).padStart(9, "0")}${randomBytes(10).toString("hex").slice(0, 15)}`;
}

type Row = Record<string, unknown>;

async function inChunks<T>(items: readonly T[], size: number, fn: (chunk: readonly T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

const USE_CASE_RECORD = `"id" text, "externalId" text, "title" text, "description" text, "businessUnit" text, "ownerId" text,
  "status" "UseCaseStatus", "startDate" date, "horizonYears" int, "assessment" jsonb, "manualEstimate" jsonb,
  "recommendedApproach" "Approach", "evidence" "Evidence", "agreementVotes" int, "agreementVoters" int, "disagreement" boolean, "riskFlags" text[],
  "score" jsonb, "scoredAt" timestamp(3), "projectionSummary" jsonb, "assumptionVersionId" text, "expectedVersion" int,
  "startDatePrecision" text, "highImpact" text, "personalData" boolean, "sourcing" text, "vendor" text, "stage" text, "topicArea" text,
  "euRiskTier" text, "additionalFields" jsonb, "additionalText" text`;

/** The governance columns (lib/domain/governance.ts), written as given. */
const GOVERNANCE_COLUMNS = ["startDatePrecision", "highImpact", "personalData", "sourcing", "vendor", "stage", "topicArea", "euRiskTier", "additionalFields", "additionalText"] as const;
const GOV_NAMES = GOVERNANCE_COLUMNS.map((c) => `"${c}"`).join(", ");
const GOV_VALUES = GOVERNANCE_COLUMNS.map((c) => `v."${c}"`).join(", ");
const GOV_SET = GOVERNANCE_COLUMNS.map((c) => `"${c}" = v."${c}"`).join(", ");

const INSERT_USE_CASES = `INSERT INTO "UseCase" ("id", "organizationId", "externalId", "title", "description", "businessUnit", "ownerId", "status",
    "startDate", "horizonYears", "assessment", "manualEstimate", "recommendedApproach", "evidence", "agreementVotes", "agreementVoters", "disagreement",
    "riskFlags", "score", "scoredAt", "projectionSummary", "assumptionVersionId", "createdById", "createdAt", "updatedAt", ${GOV_NAMES})
  SELECT v."id", $2, v."externalId", v."title", v."description", v."businessUnit", v."ownerId", v."status",
    v."startDate", v."horizonYears", v."assessment", v."manualEstimate", v."recommendedApproach", v."evidence", v."agreementVotes", v."agreementVoters", v."disagreement",
    COALESCE(v."riskFlags", ARRAY[]::text[]), v."score", v."scoredAt", v."projectionSummary", v."assumptionVersionId", $3, $4::timestamp(3), $4::timestamp(3), ${GOV_VALUES}
  FROM jsonb_to_recordset($1::jsonb) AS v(${USE_CASE_RECORD})`;

const UPDATE_USE_CASES = `UPDATE "UseCase" AS u SET
    "title" = v."title", "description" = v."description", "businessUnit" = v."businessUnit", "ownerId" = v."ownerId", "status" = v."status",
    "startDate" = v."startDate", "horizonYears" = v."horizonYears", "assessment" = v."assessment", "manualEstimate" = v."manualEstimate",
    "recommendedApproach" = v."recommendedApproach", "evidence" = v."evidence", "agreementVotes" = v."agreementVotes", "agreementVoters" = v."agreementVoters",
    "disagreement" = v."disagreement", "riskFlags" = COALESCE(v."riskFlags", ARRAY[]::text[]), "score" = v."score", "scoredAt" = v."scoredAt",
    "projectionSummary" = v."projectionSummary", "assumptionVersionId" = v."assumptionVersionId", ${GOV_SET},
    "version" = u."version" + 1, "updatedAt" = $3::timestamp(3)
  FROM jsonb_to_recordset($1::jsonb) AS v(${USE_CASE_RECORD})
  WHERE u."id" = v."id" AND u."organizationId" = $2 AND u."version" = v."expectedVersion" AND u."deletedAt" IS NULL`;

const INSERT_COST_LINES = `INSERT INTO "CostLine" (${COST_LINE_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${COST_LINE_COLUMNS.map((c) => `v."${c}"`).join(", ")}
  FROM jsonb_to_recordset($1::jsonb) AS v("organizationId" text, "useCaseId" text, "approach" "Approach", "yearIndex" int, "calendarYear" int,
    "category" text, "lowCents" bigint, "baseCents" bigint, "highCents" bigint, "manual" boolean)`;

const INSERT_COST_YEARS = `INSERT INTO "CostYear" (${COST_YEAR_COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT ${COST_YEAR_COLUMNS.map((c) => `v."${c}"`).join(", ")}
  FROM jsonb_to_recordset($1::jsonb) AS v("organizationId" text, "useCaseId" text, "approach" "Approach", "yearIndex" int, "calendarYear" int,
    "lowCents" bigint, "baseCents" bigint, "highCents" bigint, "complete" boolean, "manual" boolean)`;

const INSERT_AUDIT = `INSERT INTO "AuditEvent" ("id", "organizationId", "actorId", "action", "entity", "entityId", "before", "after", "at")
  SELECT v."id", $2, $3, v."action", v."entity", v."entityId", v."before", v."after", $4::timestamp(3)
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "action" text, "entity" text, "entityId" text, "before" jsonb, "after" jsonb)`;

export const IMPORT_AUDIT_ACTION = USE_CASE_IMPORTED_ACTION;

export interface WrittenRow {
  row: number;
  id: string;
  action: "create" | "update";
}

/** Rows per batch: derived in memory, then written while the next batch is derived. */
const BATCH = 250;

interface Batch {
  create: Row[];
  update: Row[];
  costLines: DerivedRows["costLines"];
  costYears: DerivedRows["costYears"];
  audits: Row[];
}

/**
 * Writes the rows that change something (creates and updates); returns them with their ids.
 * Pipelined: while PostgreSQL writes one batch, the next is derived (pure CPU) in this process.
 */
export async function writePlannedRows(tx: Tx, actor: ImportActor, planned: readonly PlannedRow[], now: Date): Promise<WrittenRow[]> {
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
  const ctx = await loadDeriveContext(tx, organizationId);
  const memo: ScoreMemo = new Map();
  const at = now.toISOString();
  const written: WrittenRow[] = [];

  const derive = async (rows: readonly PlannedRow[]): Promise<Batch> => {
    const batch: Batch = { create: [], update: [], costLines: [], costYears: [], audits: [] };
    let n = 0;
    for (const p of rows) {
      // Let the event loop run now and then, so the previous batch's statements keep flowing.
      if (++n % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const id = p.existing?.id ?? newId();
      const f = p.fields;
      const derived = deriveFrom(
        {
          assessment: f.assessment,
          chosenApproach: (p.existing?.chosenApproach ?? null) as Parameters<typeof deriveFrom>[0]["chosenApproach"],
          horizonYears: f.horizonYears,
          startDate: dayToDate(f.startDate),
          overrides: p.existing?.overrides ?? {},
          manualEstimate: f.manualEstimate,
          createdAt: p.existing?.createdAt ?? now,
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
        startDate: f.startDate,
        horizonYears: f.horizonYears,
        assessment: f.assessment,
        manualEstimate: f.manualEstimate,
        expectedVersion: p.existing?.version ?? null,
      };
      for (const c of GOVERNANCE_COLUMNS) record[c] = c === "additionalText" ? additionalText(f.additionalFields) : f[c];
      for (const c of DERIVED_USE_CASE_COLUMNS) record[c] = rec.useCase[c] instanceof Date ? (rec.useCase[c] as Date).toISOString() : rec.useCase[c];
      (p.existing ? batch.update : batch.create).push(record);
      batch.costLines.push(...rec.costLines);
      batch.costYears.push(...rec.costYears);
      const changes = p.changes ?? diffFields({}, f);
      batch.audits.push({ id: newId(), action: IMPORT_AUDIT_ACTION, entity: USE_CASE_ENTITY, entityId: id, before: p.existing ? changes.before : null, after: changes.after });
      written.push({ row: p.row, id, action: p.existing ? "update" : "create" });
    }
    return batch;
  };

  const write = async (b: Batch): Promise<void> => {
    await inChunks(b.create, USE_CASE_CHUNK, async (chunk) => {
      await tx.$executeRawUnsafe(INSERT_USE_CASES, recordset(chunk), organizationId, actor.userId, at);
    });
    await inChunks(b.update, USE_CASE_CHUNK, async (chunk) => {
      const count = await tx.$executeRawUnsafe(UPDATE_USE_CASES, recordset(chunk), organizationId, at);
      if (count !== chunk.length) {
        throw new ConflictError("Someone changed or deleted use cases of this file while it was being imported. Nothing was imported; check the file again.");
      }
    });
    const updatedIds = b.update.map((r) => r.id as string);
    if (updatedIds.length) {
      await tx.costLine.deleteMany({ where: { organizationId, useCaseId: { in: updatedIds } } });
      await tx.costYear.deleteMany({ where: { organizationId, useCaseId: { in: updatedIds } } });
    }
    await inChunks(b.costLines, COST_CHUNK, async (chunk) => {
      await tx.$executeRawUnsafe(INSERT_COST_LINES, recordset(chunk));
    });
    await inChunks(b.costYears, COST_CHUNK, async (chunk) => {
      await tx.$executeRawUnsafe(INSERT_COST_YEARS, recordset(chunk));
    });
    await refreshRollups(tx, organizationId, [...b.create, ...b.update].map((r) => r.id as string));
    await inChunks(b.audits, AUDIT_CHUNK, async (chunk) => {
      await tx.$executeRawUnsafe(INSERT_AUDIT, recordset(chunk), organizationId, actor.userId, at);
    });
  };

  let pending: Promise<void> = Promise.resolve();
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = await derive(writes.slice(i, i + BATCH));
    await pending;
    pending = write(batch);
    // Handled here so a failure while the next batch is derived is not reported as unhandled;
    // it still surfaces at the next `await pending`.
    pending.catch(() => {});
  }
  await pending;
  await reattribution.finish();
  return written;
}
