import "server-only";
import { Prisma } from "../db";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";

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
  if (filter.recommended.length) parts.push(Prisma.sql`${a}."recommendedApproach"::text IN (${Prisma.join(filter.recommended)})`);
  if (filter.chosen.length) parts.push(Prisma.sql`${a}."chosenApproach"::text IN (${Prisma.join(filter.chosen)})`);
  if (filter.flag.length) parts.push(Prisma.sql`${a}."riskFlags" && ${filter.flag}::text[]`);
  return Prisma.join(parts, " AND ");
}

/** The approach a use case counts under "as chosen": its decision, else its recommendation. */
export function asChosenApproach(alias = "u"): Prisma.Sql {
  return Prisma.raw(`COALESCE("${alias}"."chosenApproach", "${alias}"."recommendedApproach")`);
}
