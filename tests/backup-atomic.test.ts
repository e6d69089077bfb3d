/**
 * A restore that fails half-way leaves the database exactly as it was: no table truncated, no
 * row of the backup left behind, nothing made after the backup lost.
 *
 * The older backup test only tried a file that is refused at its first line, before anything is
 * truncated, so it passed with or without the restore's transaction (issue 17). Here the backup
 * is real and its first tables go in before it fails: once on a row the database refuses (a
 * use case of an organization that does not exist, late in the file), once on a file cut off in
 * the middle (a copy that did not finish).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { backupDatabase, restoreDatabase } from "../scripts/lib/backup";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg } from "./helpers/factory";

const url = () => process.env.DATABASE_URL!;
let file: string;
let dir: string;

/** Every application table's rows, as text, in a stable order: the whole database's content. */
async function everything(): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  try {
    const { rows: tables } = await c.query<{ name: string }>(
      `select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' order by 1`,
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await c.query<{ r: string }>(`select t::text as r from "${name}" t order by 1`);
      out[name] = rows.map((r) => r.r);
    }
    return out;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  const org = await createTestOrg("atomic");
  await insertUseCaseWithCosts(org.id, { title: "Backed up", ownerId: org.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [100_00, 200_00] } } });
  // Enough rows, of text that does not compress away, for the file to be read in many chunks:
  // a cut-off file then fails well after the restore has started, not at its first read.
  await db.auditEvent.createMany({
    data: Array.from({ length: 1500 }, (_, i) => ({
      organizationId: org.id,
      action: "atomic.filler",
      entity: "Filler",
      entityId: String(i),
      after: { noise: randomBytes(150).toString("base64") },
    })),
  });
  dir = mkdtempSync(path.join(tmpdir(), "tradeoff-atomic-"));
  file = path.join(dir, "good.jsonl.gz");
  await backupDatabase(url(), file);
  // Made after the backup: a restore would remove it; a failed restore must not.
  const later = await createTestOrg("after-backup");
  await insertUseCaseWithCosts(later.id, { title: "Made after the backup", ownerId: later.users.LEAD.id, yearly: { RAG: { INFERENCE: [1_00] } } });
});

afterAll(async () => {
  // The filler would only make later backups in the same run slower.
  await db.auditEvent.deleteMany({ where: { action: "atomic.filler" } });
});

function lines(): string[] {
  return gunzipSync(readFileSync(file)).toString("utf8").split("\n").filter(Boolean);
}

describe("a restore that fails half-way", () => {
  it("on a row the database refuses, late in the file: every table is as it was", async () => {
    const all = lines();
    const tables = (JSON.parse(all[0]!) as { tables: string[] }).tables;
    const useCaseAt = all.findIndex((l) => l === JSON.stringify({ table: "UseCase" }));
    expect(useCaseAt).toBeGreaterThan(1);
    // Tables restored before UseCase (Organization, User …) really go in before the failure.
    expect(tables.indexOf("UseCase")).toBeGreaterThan(0);
    const bad = JSON.parse(all[useCaseAt + 1]!) as Record<string, unknown>;
    bad.organizationId = "no-such-organization";
    const broken = [...all.slice(0, useCaseAt + 1), JSON.stringify(bad), ...all.slice(useCaseAt + 2)];
    const badFile = path.join(dir, "refused-row.jsonl.gz");
    writeFileSync(badFile, gzipSync(broken.join("\n") + "\n"));

    const before = await everything();
    expect(before.Organization!.some((r) => r.includes("after-backup"))).toBe(true);
    await expect(restoreDatabase(url(), badFile)).rejects.toThrow(/foreign key|violates/);
    expect(await everything()).toEqual(before);
  });

  it("on a file cut off in the middle: every table is as it was", async () => {
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(2 * 65_536);
    const cut = path.join(dir, "cut.jsonl.gz");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const before = await everything();
    await expect(restoreDatabase(url(), cut)).rejects.toThrow();
    expect(await everything()).toEqual(before);
  });
});
