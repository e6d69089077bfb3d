/**
 * The migration 20261206120100_decision_superseded_backfill, on a database that holds what the
 * code before it left: a decision recorded directly over the workflow's approved one, its budget
 * still counted as approved spend. Those, and only those, become superseded, naming who recorded
 * the direct decision and when (its audit event).
 */
import { afterAll, describe, expect, it } from "vitest";
import { beforeMigration } from "./helpers/before-migration";

const BACKFILL = "20261206120100_decision_superseded_backfill";
const databases = beforeMigration("tradeoff_supersede");

afterAll(() => databases.dropAll());

describe("superseding the approvals that decisions recorded directly had left standing", () => {
  it("supersedes a standing approval of another approach than the one chosen, and leaves the rest", async () => {
    await databases.justBefore(BACKFILL, async (c, apply) => {
      await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ('org', 'Org', 'org', now())`);
      await c.query(`insert into "User" (id, email, name, "updatedAt") values ('cto', 'cto@m.test', 'CTO', now()), ('lead', 'lead@m.test', 'Lead', now())`);
      // [use case, its chosen approach, the workflow's state and approach]
      const rows: [string, string | null, string, string][] = [
        ["redecided", "FINE_TUNING", "BUDGET_APPROVED", "RAG"], // recorded directly over finance's approval
        ["cleared", null, "APPROVED", "RAG"], // the decision cleared directly
        ["same", "RAG", "BUDGET_APPROVED", "RAG"], // as approved: stands
        ["proposal", "HYBRID", "PROPOSED", "RAG"], // a proposal is no decision: stays
      ];
      for (const [id, chosen, state, approach] of rows) {
        await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "chosenApproach", "updatedAt") values ($1, 'org', $1, 'lead', 'lead', $2, now())`, [id, chosen]);
        await c.query(
          `insert into "UseCaseDecision" ("useCaseId", "organizationId", state, approach, "yearlyBudgetCents", "proposedById", "proposedAt", "decidedById", "decidedAt", "updatedAt")
           values ($1, 'org', $2, $3, 1000000, 'lead', now(), 'cto', now(), now())`,
          [id, state, approach],
        );
      }
      // The direct decision's audit event: an earlier one first, then the CTO's.
      await c.query(
        `insert into "AuditEvent" (id, "organizationId", "actorId", action, entity, "entityId", at) values
           ('e1', 'org', 'lead', 'use_case.decision_recorded', 'UseCase', 'redecided', '2026-11-01T10:00:00Z'),
           ('e2', 'org', 'cto', 'use_case.decision_recorded', 'UseCase', 'redecided', '2026-11-20T09:30:00Z')`,
      );
      await apply();
      const after = await c.query<{ useCaseId: string; state: string; supersededById: string | null; supersededAt: Date | null; supersededByApproach: string | null }>(
        `select "useCaseId", state::text, "supersededById", "supersededAt", "supersededByApproach"::text from "UseCaseDecision" order by "useCaseId"`,
      );
      const by = Object.fromEntries(after.rows.map((r) => [r.useCaseId, r]));
      expect(by.redecided).toMatchObject({ state: "SUPERSEDED", supersededById: "cto", supersededByApproach: "FINE_TUNING" });
      expect(by.redecided!.supersededAt!.toISOString()).toBe("2026-11-20T09:30:00.000Z");
      expect(by.cleared).toMatchObject({ state: "SUPERSEDED", supersededById: null, supersededByApproach: null });
      expect(by.cleared!.supersededAt).not.toBeNull();
      expect(by.same).toMatchObject({ state: "BUDGET_APPROVED", supersededById: null, supersededAt: null });
      expect(by.proposal).toMatchObject({ state: "PROPOSED", supersededAt: null });
      // What the budget panel counts as approved spend: the approval that stands, alone.
      const approved = await c.query<{ n: string }>(`select sum("yearlyBudgetCents")::text as n from "UseCaseDecision" where state = 'BUDGET_APPROVED'`);
      expect(approved.rows[0]!.n).toBe("1000000");
    });
  });
});
