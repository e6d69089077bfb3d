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

/**
 * The WHERE clause for a portfolio filter over `"UseCase" u`: always scoped to one organization
 * and to use cases that are not deleted. Every value is a bound parameter.
 */
export function useCaseWhere(organizationId: string, filter: PortfolioFilter, alias = "u"): Prisma.Sql {
  const a = Prisma.raw(`"${alias}"`);
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
  for (const key of ["highImpact", "sourcing", "stage", "euRiskTier"] as const) {
    if (filter[key].length) parts.push(recordedIn(Prisma.sql`${a}.${Prisma.raw(`"${key}"`)}`, filter[key]));
  }
  if (filter.personalData.length) {
    const bools = filter.personalData.filter((v) => v !== NOT_RECORDED).map((v) => v === "yes");
    const ors: Prisma.Sql[] = bools.map((b) => Prisma.sql`${a}."personalData" = ${b}`);
    if (filter.personalData.includes(NOT_RECORDED)) ors.push(Prisma.sql`${a}."personalData" IS NULL`);
    parts.push(Prisma.sql`(${Prisma.join(ors, " OR ")})`);
  }
  return Prisma.join(parts, " AND ");
}

/** The approach a use case counts under "as chosen": its decision, else its recommendation. */
export function asChosenApproach(alias = "u"): Prisma.Sql {
  return Prisma.raw(`COALESCE("${alias}"."chosenApproach", "${alias}"."recommendedApproach")`);
}
