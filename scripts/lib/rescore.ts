/**
 * At start-up, after the migrations: re-score and re-project every use case whose score came from
 * older framework versions or judgement, or whose projection came from an older cost engine
 * (lib/server/rescore.ts), one audited step per organization. Nothing to do is the usual case.
 */
export async function rescoreOutdated(databaseUrl: string, log: (m: string) => void): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { rescoreOutdatedEverywhere } = await import("../../lib/server/rescore");
  for (const r of await rescoreOutdatedEverywhere()) {
    log(`Re-scored ${r.useCases} use case${r.useCases === 1 ? "" : "s"} of organization ${r.organizationId} with the current frameworks, judgement and cost engine.`);
  }
}
