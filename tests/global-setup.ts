/**
 * Vitest global setup: a throwaway database for this run. scripts/test.ts normally prepares it
 * and passes DATABASE_URL; when vitest is run on its own, the embedded test cluster is started
 * here. Either way the tests never touch a developer's data.
 *
 * Each project that touches the database lists this file (vitest.config.ts), and Vitest calls it
 * once per project, in one process: the database is prepared on the first call, and the cluster
 * stopped after the last project's teardown.
 */
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, startEmbedded, testCluster, urlFor } from "../scripts/lib/embedded-db";
import { migrate } from "../scripts/lib/migrate";

interface Prepared {
  url: string;
  stop: () => Promise<void>;
}

const shared = globalThis as { tradeoffTestDatabase?: Promise<Prepared>; tradeoffTestDatabaseUsers?: number };

async function prepare(): Promise<Prepared> {
  if (process.env.DATABASE_URL) {
    await migrate(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, stop: async () => {} };
  }
  const cluster = await startEmbedded(testCluster());
  const name = `tradeoff_vitest_${process.pid}_${Date.now()}`;
  await ensureDatabase(cluster.serverUrl, name);
  const url = urlFor(cluster.serverUrl, name);
  await migrate(url);
  process.env.DATABASE_URL = url;
  return {
    url,
    stop: async () => {
      await dropDatabase(cluster.serverUrl, name).catch(() => {});
      await cluster.stop();
    },
  };
}

export default async function setup(project: TestProject) {
  const prepared = await (shared.tradeoffTestDatabase ??= prepare());
  shared.tradeoffTestDatabaseUsers = (shared.tradeoffTestDatabaseUsers ?? 0) + 1;
  project.provide("databaseUrl", prepared.url);
  return async () => {
    shared.tradeoffTestDatabaseUsers = (shared.tradeoffTestDatabaseUsers ?? 1) - 1;
    if (shared.tradeoffTestDatabaseUsers === 0) await prepared.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
