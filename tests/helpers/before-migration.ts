import { randomUUID } from "node:crypto";
import type pg from "pg";
import { expect } from "vitest";
import { readMigrations } from "../../scripts/lib/migrate";
import { withClient } from "./pg-client";

/**
 * Throwaway databases for testing one migration on the data the code before it left: each is
 * migrated up to (not including) the migration, `then` fills it and applies it. Drop them with
 * `dropAll` in the test file's afterAll.
 */
export function beforeMigration(prefix: string) {
  const databases: string[] = [];
  const urlOf = (database: string) => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${database}`;
    return u.toString();
  };
  return {
    async justBefore(migration: string, then: (c: pg.Client, apply: () => Promise<unknown>) => Promise<void>): Promise<void> {
      const name = `${prefix}_${randomUUID().slice(0, 8)}`;
      databases.push(name);
      await withClient((c) => c.query(`create database ${name}`));
      const migrations = await readMigrations();
      const at = migrations.findIndex((m) => m.name === migration);
      expect(at).toBeGreaterThan(0);
      await withClient(async (c) => {
        for (const m of migrations.slice(0, at)) await c.query(m.sql);
        await then(c, () => c.query(migrations[at]!.sql));
      }, urlOf(name));
    },
    async dropAll(): Promise<void> {
      await withClient(async (c) => {
        for (const d of databases) await c.query(`drop database if exists ${d} with (force)`);
      });
    },
  };
}
