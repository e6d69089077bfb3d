/**
 * Vitest global setup: a throwaway database for this run. scripts/test.ts normally prepares it
 * and passes DATABASE_URL; when vitest is run on its own, the embedded test cluster is started
 * here. Either way the tests never touch a developer's data.
 */
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, startEmbedded, testCluster, urlFor } from "../scripts/lib/embedded-db";
import { migrate } from "../scripts/lib/migrate";

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    await migrate(process.env.DATABASE_URL);
    project.provide("databaseUrl", process.env.DATABASE_URL);
    return;
  }
  const cluster = await startEmbedded(testCluster());
  const name = `tradeoff_vitest_${process.pid}_${Date.now()}`;
  await ensureDatabase(cluster.serverUrl, name);
  const url = urlFor(cluster.serverUrl, name);
  await migrate(url);
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  return async () => {
    await dropDatabase(cluster.serverUrl, name).catch(() => {});
    await cluster.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
