/**
 * The migration 20261206160000_use_case_retired_at, on a database that holds what the code before
 * it left: use cases already retired take the last time the audit trail saw their status become
 * RETIRED, else their creation; and from then on the trigger keeps the time on every write.
 */
import { afterAll, describe, expect, it } from "vitest";
import { beforeMigration } from "./helpers/before-migration";

const MIGRATION = "20261206160000_use_case_retired_at";
const databases = beforeMigration("tradeoff_retired_at");

afterAll(() => databases.dropAll());

describe("when a use case was retired", () => {
  it("is taken from the audit trail, else the use case's creation, and kept by the trigger on every write after", async () => {
    await databases.justBefore(MIGRATION, async (c, apply) => {
      await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ('org', 'Org', 'org', now())`);
      await c.query(`insert into "User" (id, email, name, "updatedAt") values ('lead', 'lead@m.test', 'Lead', now())`);
      const rows: [string, string][] = [["edited", "RETIRED"], ["arrived", "RETIRED"], ["live", "LIVE"]];
      for (const [id, status] of rows) {
        await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", status, "createdAt", "updatedAt") values ($1, 'org', $1, 'lead', 'lead', $2, '2024-02-01T00:00:00Z', now())`, [id, status]);
      }
      // Retired by an edit in 2025 (then its notes edited in 2026, which says nothing of the status).
      await c.query(
        `insert into "AuditEvent" (id, "organizationId", "actorId", action, entity, "entityId", before, after, at) values
           ('e1', 'org', 'lead', 'use_case.updated', 'UseCase', 'edited', '{"status":"LIVE"}', '{"status":"RETIRED"}', '2025-05-01T10:00:00Z'),
           ('e2', 'org', 'lead', 'use_case.updated', 'UseCase', 'edited', '{"description":""}', '{"description":"Off."}', '2026-03-01T10:00:00Z')`,
      );
      await apply();
      const at = async () => Object.fromEntries((await c.query<{ id: string; retiredAt: Date | null }>(`select id, "retiredAt" from "UseCase"`)).rows.map((r) => [r.id, r.retiredAt?.toISOString() ?? null]));
      expect(await at()).toEqual({ edited: "2025-05-01T10:00:00.000Z", arrived: "2024-02-01T00:00:00.000Z", live: null });

      // An edit that keeps it retired keeps the time; live again clears it; retired again takes the write's time.
      await c.query(`update "UseCase" set title = 'Edited again', status = 'RETIRED' where id = 'edited'`);
      await c.query(`update "UseCase" set status = 'LIVE' where id = 'arrived'`);
      await c.query(`update "UseCase" set status = 'RETIRED' where id = 'live'`);
      const now = (await c.query<{ now: Date }>(`select now()::timestamp(3) as now`)).rows[0]!.now;
      const after = await at();
      expect(after.edited).toBe("2025-05-01T10:00:00.000Z");
      expect(after.arrived).toBeNull();
      expect(new Date(after.live!).getUTCFullYear()).toBe(now.getUTCFullYear());
      // Never a time on a use case that is not retired, nor a retired one without.
      await expect(c.query(`alter table "UseCase" disable trigger "UseCase_retiredAt"`).then(() => c.query(`update "UseCase" set "retiredAt" = now() where id = 'arrived'`))).rejects.toThrow(/UseCase_retiredAt_check/);
    });
  });
});
