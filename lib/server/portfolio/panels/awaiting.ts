import "server-only";
import { Prisma } from "../../db";

/**
 * "Awaiting a decision" (lib/domain/decisions/queue.ts, awaitsDecision; in SQL the function
 * "UseCase_awaitsDecision", migration 20261206150000_awaits_decision_function) as rows of the
 * use-case panels' statement (./use-cases.ts), over its CTE `uc` (the rollup rows in view). The
 * rows' counts add up to it, in two parts that never overlap:
 *
 * - what the rollup alone says (no workflow row: neither sent back nor proposed): counted over
 *   `uc` when filtered, read from the kept tally (kind 'awaiting', which "PortfolioTally_of" keeps
 *   with the same call) when not;
 * - from the workflow, which the rollup does not know, through UseCaseDecision's index by
 *   organization and state (the two states the rule reads): the use cases its row makes await a
 *   decision that the rollup alone did not.
 */
const awaits = (sentBack: Prisma.Sql, proposed: Prisma.Sql) => Prisma.sql`"UseCase_awaitsDecision"(uc.st, uc.rec, uc.chosen, ${sentBack}, ${proposed})`;
const BY_ROLLUP_ALONE = awaits(Prisma.sql`false`, Prisma.sql`false`);

/** The rollup's part over the use cases in view. */
export const awaitingCounted = Prisma.sql`
    SELECT 'awaiting', jsonb_build_object('n', count(*)), NULL, NULL, NULL
      FROM uc WHERE ${BY_ROLLUP_ALONE}`;

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
       AND ${awaits(Prisma.sql`d.state = 'SENT_BACK'`, Prisma.sql`d.state = 'PROPOSED'`)}
       AND NOT ${BY_ROLLUP_ALONE}`;
