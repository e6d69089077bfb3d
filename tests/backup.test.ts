import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { costCells, costCellsFromRollup } from "@/lib/server/portfolio/panels/costs";
import { backupDatabase, BackupMismatchError, NOT_BACKED_UP, restoreDatabase } from "../scripts/lib/backup";
import { createTestOrg } from "./helpers/factory";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";

async function snapshot(organizationId: string) {
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  const members = await db.membership.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  const useCases = await db.useCase.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  const lines = await db.costLine.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  return { org, members, useCases, lines };
}

describe("backup and restore", () => {
  it("round-trips an organization: deleted after the backup, back exactly after the restore", async () => {
    const org = await createTestOrg("backup");
    await insertUseCaseWithCosts(org.id, {
      title: 'Claims triage, "v2"\nwith a line break',
      ownerId: org.users.LEAD.id,
      recommended: "RAG",
      yearly: { RAG: { INFERENCE: [123_45, 234_56], RETRIEVAL_INFRA: [null, 10_00] } },
    });
    const before = await snapshot(org.id);
    const cells = await costCells(org.id, EMPTY_FILTER); // the portfolio read once: its kept sums exist
    expect(cells.length).toBeGreaterThan(0);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tradeoff-backup-")), "b.jsonl.gz");
    await backupDatabase(process.env.DATABASE_URL!, file);
    // Derived and cluster-bound tables stay out, also those that hang off an organization.
    const header = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8").split("\n")[0]!) as { tables: string[] };
    for (const t of NOT_BACKED_UP) expect(header.tables).not.toContain(t);

    await db.organization.delete({ where: { id: org.id } });
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(0);

    await restoreDatabase(process.env.DATABASE_URL!, file);
    expect(await snapshot(org.id)).toEqual(before);
    // The portfolio's money after the restore: the kept sums rebuilt, equal to the restored rows.
    expect(await costCells(org.id, EMPTY_FILTER)).toEqual(cells);
    expect(await costCellsFromRollup(org.id, EMPTY_FILTER)).toEqual(cells);
    // New rows still get fresh ids after the restore.
    await insertUseCaseWithCosts(org.id, { title: "after restore", ownerId: org.users.LEAD.id, yearly: { RAG: { INFERENCE: [1] } } });
  });

  it("leaves signed-out sessions out: a session revoked after the backup stays revoked after restoring it", async () => {
    const org = await createTestOrg("backup-sessions");
    const revokedBefore = `before-${randomUUID()}`;
    await db.revokedSession.create({ data: { sessionId: revokedBefore, userId: org.users.ADMIN.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tradeoff-backup-")), "b.jsonl.gz");
    await backupDatabase(process.env.DATABASE_URL!, file);
    const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n").filter(Boolean);
    expect((JSON.parse(lines[0]!) as { tables: string[] }).tables).not.toContain("RevokedSession");
    expect(lines.some((l) => l.includes(revokedBefore))).toBe(false);

    const revokedAfter = `after-${randomUUID()}`;
    await db.revokedSession.create({ data: { sessionId: revokedAfter, userId: org.users.ADMIN.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    await restoreDatabase(process.env.DATABASE_URL!, file);
    expect(await db.revokedSession.count({ where: { sessionId: { in: [revokedBefore, revokedAfter] } } })).toBe(2);
    expect(await db.organization.count({ where: { id: org.id } })).toBe(1);
  });

  it("refuses a file that is not a backup, and changes nothing", async () => {
    const org = await createTestOrg("notbackup");
    const dir = mkdtempSync(path.join(tmpdir(), "tradeoff-backup-"));
    const file = path.join(dir, "bad.jsonl.gz");
    const { createGzip } = await import("node:zlib");
    const { createWriteStream } = await import("node:fs");
    await new Promise<void>((resolve) => {
      const gz = createGzip();
      gz.pipe(createWriteStream(file)).on("finish", () => resolve());
      gz.end('{"hello":"world"}\n');
    });
    await expect(restoreDatabase(process.env.DATABASE_URL!, file)).rejects.toBeInstanceOf(BackupMismatchError);
    expect(await db.organization.count({ where: { id: org.id } })).toBe(1);
  });
});
