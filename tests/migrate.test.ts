import { createHash } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, MigrationChecksumError, readMigrations } from "../scripts/lib/migrate";

describe("the offline migrator", () => {
  it("records every migration the way Prisma does, and a second run applies nothing", async () => {
    const url = process.env.DATABASE_URL!;
    expect(await migrate(url)).toEqual([]);
    const files = await readMigrations();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`select migration_name, checksum, finished_at from "_prisma_migrations" order by migration_name`);
      expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
      for (const [i, row] of rows.entries()) {
        expect(row.checksum).toBe(createHash("sha256").update(files[i]!.sql).digest("hex"));
        expect(row.finished_at).not.toBeNull();
      }
    } finally {
      await client.end();
    }
  });

  it("refuses to run when an applied migration's file has changed", async () => {
    const url = process.env.DATABASE_URL!;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const first = (await readMigrations())[0]!;
    try {
      await client.query(`update "_prisma_migrations" set checksum = 'tampered' where migration_name = $1`, [first.name]);
      await expect(migrate(url)).rejects.toBeInstanceOf(MigrationChecksumError);
    } finally {
      await client.query(`update "_prisma_migrations" set checksum = $1 where migration_name = $2`, [first.checksum, first.name]);
      await client.end();
    }
  });

  it("lets two concurrent runs through one at a time", async () => {
    const url = process.env.DATABASE_URL!;
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect([...a, ...b]).toEqual([]);
  });
});

describe("a PostgreSQL without ICU", () => {
  it("is refused by the migration that needs it, in words, before any title sort could fail", async () => {
    const file = (await readMigrations()).find((f) => f.name.endsWith("_needs_icu"))!;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL! });
    await client.connect();
    try {
      // This server has ICU: the check passes. Asked for a collation no server has, it says why.
      await client.query(file.sql);
      await expect(client.query(file.sql.replace("collname = 'und-x-icu'", "collname = 'und-x-none'"))).rejects.toThrow(
        "This PostgreSQL has no ICU collations (und-x-icu): Tradeoff sorts titles with ICU.",
      );
    } finally {
      await client.end();
    }
  });
});
