/**
 * The migration 20261206180000_notification_resolved, on a database that holds what the code before
 * it left: requests (approval_requested, budget_requested) whose decision has moved past them are
 * resolved (and read) with where the decision stands now, at its last step's time; the latest
 * request where the decision still stands at that step stays open; other kinds are untouched.
 */
import { afterAll, describe, expect, it } from "vitest";
import { beforeMigration } from "./helpers/before-migration";

const MIGRATION = "20261206180000_notification_resolved";
const databases = beforeMigration("tradeoff_notification_resolved");

afterAll(() => databases.dropAll());

describe("requests written before notifications could be resolved", () => {
  it("are resolved when their decision has moved past them, and stay open where it has not", async () => {
    await databases.justBefore(MIGRATION, async (c, apply) => {
      await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ('org', 'Org', 'org', now())`);
      for (const u of ["cto", "fin", "lead"]) await c.query(`insert into "User" (id, email, name, "updatedAt") values ($1, $1 || '@m.test', $1, now())`, [u]);
      // approved: its proposal was approved; proposed: still awaiting approval; review: approved, then back to review.
      for (const [id, state] of [["approved", "APPROVED"], ["proposed", "PROPOSED"], ["review", "TO_REVIEW"]]) {
        await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "updatedAt") values ($1, 'org', $1, 'lead', 'lead', now())`, [id]);
        await c.query(`insert into "UseCaseDecision" ("useCaseId", "organizationId", state, approach, "proposedById", "proposedAt", "updatedAt") values ($1, 'org', $2, 'RAG', 'lead', now(), now())`, [id, state]);
        await c.query(
          `insert into "AuditEvent" (id, "organizationId", "actorId", action, entity, "entityId", at) values ($1 || '-step', 'org', 'cto', 'decision.step', 'UseCase', $1, '2026-12-01T10:00:00Z')`,
          [id],
        );
      }
      const notifications: [string, string, string, string][] = [
        ["n1", "cto", "approval_requested", "approved"],
        ["n2", "fin", "budget_requested", "approved"],
        ["n3", "cto", "approval_requested", "proposed"],
        ["n4", "fin", "budget_requested", "review"],
        ["n5", "lead", "approved", "approved"],
      ];
      for (const [id, userId, kind, useCaseId] of notifications) {
        await c.query(`insert into "Notification" (id, "organizationId", "userId", kind, "useCaseId", message, "createdAt") values ($1, 'org', $2, $3, $4, 'words', '2026-11-30T10:00:00Z')`, [id, userId, kind, useCaseId]);
      }
      await apply();
      const rows = (await c.query<{ id: string; readAt: Date | null; resolvedAt: Date | null; resolution: string | null }>(`select id, "readAt", "resolvedAt", resolution from "Notification" order by id`)).rows;
      const step = new Date("2026-12-01T10:00:00Z");
      expect(rows).toEqual([
        { id: "n1", readAt: step, resolvedAt: step, resolution: "the decision was approved" },
        { id: "n2", readAt: null, resolvedAt: null, resolution: null },
        { id: "n3", readAt: null, resolvedAt: null, resolution: null },
        { id: "n4", readAt: step, resolvedAt: step, resolution: "the decision went back to review" },
        { id: "n5", readAt: null, resolvedAt: null, resolution: null },
      ]);
    });
  });
});
