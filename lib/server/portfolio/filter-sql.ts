import "server-only";
import { Prisma } from "../db";
import { NOT_RECORDED, splitApproaches, type ApproachOrNone, type PortfolioFilter } from "@/lib/domain/portfolio/filter";

/** `column IN (named) OR column IS NULL` as the filter asks. */
function approachIn(column: Prisma.Sql, values: readonly ApproachOrNone[]): Prisma.Sql {
  const { named, none } = splitApproaches(values);
  const parts: Prisma.Sql[] = [];
  if (named.length) parts.push(Prisma.sql`${column}::text IN (${Prisma.join(named)})`);
  if (none) parts.push(Prisma.sql`${column} IS NULL`);
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** A governance column among the values asked for (NOT_RECORDED: null). */
function recordedIn(column: Prisma.Sql, values: readonly string[]): Prisma.Sql {
  const named = values.filter((v) => v !== NOT_RECORDED);
  const parts: Prisma.Sql[] = [];
  if (named.length) parts.push(Prisma.sql`${column} IN (${Prisma.join(named)})`);
  if (values.includes(NOT_RECORDED)) parts.push(Prisma.sql`${column} IS NULL`);
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** The governance filters (issue 15): columns of the use case itself, which the rollup does not copy. */
const GOVERNANCE_KEYS = ["highImpact", "sourcing", "stage", "euRiskTier"] as const;

/** The governance conditions of a filter over the use case `a` (empty: none asked for). */
function governanceParts(a: Prisma.Sql, filter: PortfolioFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  for (const key of GOVERNANCE_KEYS) {
    if (filter[key].length) parts.push(recordedIn(Prisma.sql`${a}.${Prisma.raw(`"${key}"`)}`, filter[key]));
  }
  if (filter.personalData.length) {
    const bools = filter.personalData.filter((v) => v !== NOT_RECORDED).map((v) => v === "yes");
    const ors: Prisma.Sql[] = bools.map((b) => Prisma.sql`${a}."personalData" = ${b}`);
    if (filter.personalData.includes(NOT_RECORDED)) ors.push(Prisma.sql`${a}."personalData" IS NULL`);
    parts.push(Prisma.sql`(${Prisma.join(ors, " OR ")})`);
  }
  return parts;
}

/** The conditions both tables hold the columns for: the registry's own, the scores, the flags, the evidence. */
function sharedParts(a: Prisma.Sql, organizationId: string, filter: PortfolioFilter, alias: string): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [
    Prisma.sql`${a}."organizationId" = ${organizationId}`,
    Prisma.sql`${a}."deletedAt" IS NULL`,
  ];
  if (filter.businessUnit.length) parts.push(Prisma.sql`${a}."businessUnit" IN (${Prisma.join(filter.businessUnit)})`);
  if (filter.status.length) parts.push(Prisma.sql`${a}."status"::text IN (${Prisma.join(filter.status)})`);
  if (filter.ownerId.length) parts.push(Prisma.sql`${a}."ownerId" IN (${Prisma.join(filter.ownerId)})`);
  if (filter.recommended.length) parts.push(approachIn(Prisma.sql`${a}."recommendedApproach"`, filter.recommended));
  if (filter.chosen.length) parts.push(approachIn(Prisma.sql`${a}."chosenApproach"`, filter.chosen));
  if (filter.asChosen.length) parts.push(Prisma.sql`${asChosenApproach(alias)}::text IN (${Prisma.join(filter.asChosen)})`);
  if (filter.flag.length) parts.push(Prisma.sql`${a}."riskFlags" && ${filter.flag}::text[]`);
  if (filter.evidence.length) parts.push(Prisma.sql`${a}."evidence"::text IN (${Prisma.join(filter.evidence)})`);
  if (filter.disagreement.length) parts.push(Prisma.sql`${a}."disagreement" IN (${Prisma.join(filter.disagreement.map((v) => v === "yes"))})`);
  return parts;
}

/**
 * Awaiting a decision over `a`, the use case or its rollup row, whose use case's key is `id`: the
 * SQL function "UseCase_awaitsDecision" (lib/domain/decisions/queue.ts, awaitsDecision; migration
 * 20261206150000_awaits_decision_function), its workflow facts asked of UseCaseDecision through
 * EXISTS. Inlined by PostgreSQL, so the plans are those of the conditions written out. Never null,
 * so NOT gives the rest.
 */
function awaitingSql(a: Prisma.Sql, id: Prisma.Sql, organizationId: string): Prisma.Sql {
  const state = (s: string) => Prisma.sql`EXISTS (SELECT 1 FROM "UseCaseDecision" "dq" WHERE "dq"."useCaseId" = ${id} AND "dq"."organizationId" = ${organizationId} AND "dq".state = ${Prisma.raw(`'${s}'`)})`;
  return Prisma.sql`"UseCase_awaitsDecision"(${a}.status, ${a}."recommendedApproach", ${a}."chosenApproach", ${state("SENT_BACK")}, ${state("PROPOSED")})`;
}

/** The awaiting-a-decision condition the filter asks for, if any. */
function awaitingOf(a: Prisma.Sql, id: Prisma.Sql, organizationId: string, filter: PortfolioFilter): Prisma.Sql | null {
  const asked = new Set(filter.awaitingDecision);
  if (asked.size === 0 || asked.size === 2) return asked.size === 2 ? Prisma.sql`TRUE` : null;
  return asked.has("yes") ? awaitingSql(a, id, organizationId) : Prisma.sql`NOT ${awaitingSql(a, id, organizationId)}`;
}

/**
 * The cost-coverage conditions over a rollup row `r` (its as-chosen columns), the same tests the
 * dashboard's "What the totals leave out" counts by (lib/server/portfolio/panels/use-cases.ts).
 */
function coverageOf(r: Prisma.Sql, filter: PortfolioFilter): Prisma.Sql | null {
  if (!filter.costs.length) return null;
  const ors = filter.costs.map((c) =>
    c === "NOT_COSTED" ? Prisma.sql`(${r}."chosenBaseCents" IS NULL AND ${r}."evidence" <> 'none')` : Prisma.sql`(${r}."incomplete" & 1) <> 0`,
  );
  return Prisma.sql`(${Prisma.join(ors, " OR ")})`;
}

/**
 * The WHERE clause for a portfolio filter over `"UseCase" u`: always scoped to one organization
 * and to use cases that are not deleted. Every value is a bound parameter.
 */
export function useCaseWhere(organizationId: string, filter: PortfolioFilter, alias = "u"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const parts = [...sharedParts(a, organizationId, filter, alias), ...governanceParts(a, filter)];
  // The cost coverage is kept in the use case's rollup row, asked for by its key.
  const coverage = coverageOf(Prisma.raw(`"x"`), filter);
  if (coverage) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "UseCaseRollup" "x" WHERE "x"."useCaseId" = ${a}."id" AND "x"."organizationId" = ${organizationId} AND ${coverage})`);
  const awaiting = awaitingOf(a, Prisma.sql`${a}."id"`, organizationId, filter);
  if (awaiting) parts.push(awaiting);
  return Prisma.join(parts, " AND ");
}

/**
 * The same filter over `"UseCaseRollup" r` (the dashboard's, the value panel's and the budgets'
 * reads). The rollup keeps the columns the counts need but not the governance fields, so those
 * are asked of the use case itself, by its key, in one EXISTS.
 */
export function rollupWhere(organizationId: string, filter: PortfolioFilter, alias = "r"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
  const parts = sharedParts(a, organizationId, filter, alias);
  const coverage = coverageOf(a, filter);
  if (coverage) parts.push(coverage);
  const awaiting = awaitingOf(a, Prisma.sql`${a}."useCaseId"`, organizationId, filter);
  if (awaiting) parts.push(awaiting);
  const governance = governanceParts(Prisma.raw(`"g"`), filter);
  if (governance.length) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "UseCase" "g" WHERE "g"."id" = ${a}."useCaseId" AND "g"."organizationId" = ${organizationId} AND ${Prisma.join(governance, " AND ")})`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/** The approach a use case counts under "as chosen": its decision, else its recommendation. */
export function asChosenApproach(alias = "u"): Prisma.Sql {
  return Prisma.raw(`COALESCE("${alias}"."chosenApproach", "${alias}"."recommendedApproach")`);
}

/** The as-chosen yearly amounts column of a rollup row (the three fixed approaches keep theirs apart). */
export function asChosenArray(alias: string): Prisma.Sql {
  const a = `"${alias}"`;
  return Prisma.raw(
    `(CASE COALESCE(${a}."chosenApproach", ${a}."recommendedApproach") WHEN 'RAG' THEN ${a}."ragCents" WHEN 'FINE_TUNING' THEN ${a}."fineTuningCents" WHEN 'HYBRID' THEN ${a}."hybridCents" ELSE ${a}."chosenCents" END)`,
  );
}
