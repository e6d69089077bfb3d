import "server-only";
import { Prisma } from "../../db";

/**
 * "Awaiting a decision" (lib/domain/decisions/queue.ts, awaitsDecision) as rows of the use-case
 * panels' statement (./use-cases.ts), over its CTE `uc` (the rollup rows in view). The rows' counts
 * add up to it, in two parts that never overlap:
 *
 * - the use cases with a recommendation, none chosen and not retired: counted over `uc` when
 *   filtered, read from the kept tally (kind 'awaiting', migration
 *   20261206110000_awaiting_decision_tally) when not;
 * - from the workflow, which the rollup does not know, through UseCaseDecision's index by
 *   organization and state: a proposal awaiting approval not already counted, and a decision sent
 *   back after an earlier approval left a chosen approach (not retired).
 */
const RECOMMENDED_NONE_CHOSEN = Prisma.sql`uc.rec IS NOT NULL AND uc.chosen IS NULL AND uc.st <> 'RETIRED'`;

/** The rollup's part over the use cases in view. */
export const awaitingCounted = Prisma.sql`
    SELECT 'awaiting', jsonb_build_object('n', count(*)), NULL, NULL, NULL
      FROM uc WHERE ${RECOMMENDED_NONE_CHOSEN}`;

/** The rollup's part from the kept tally (the unfiltered view). */
export const awaitingKept = (organizationId: string) => Prisma.sql`
    SELECT 'awaiting', jsonb_build_object('n', coalesce(sum(t.n), 0)), NULL, NULL, NULL
      FROM "PortfolioTally" t
     WHERE t."organizationId" = ${organizationId} AND t.kind = 'awaiting'`;

/** The workflow's part, for either view. */
export const awaitingFromWorkflow = (organizationId: string) => Prisma.sql`
    SELECT 'awaiting', jsonb_build_object('n', count(*)), NULL, NULL, NULL
      FROM "UseCaseDecision" d JOIN uc ON uc.id = d."useCaseId"
     WHERE d."organizationId" = ${organizationId} AND d.state IN ('PROPOSED', 'SENT_BACK')
       AND NOT (${RECOMMENDED_NONE_CHOSEN})
       AND (d.state = 'PROPOSED' OR (uc.rec IS NOT NULL AND uc.st <> 'RETIRED'))`;
