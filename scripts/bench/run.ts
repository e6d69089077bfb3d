/**
 * The benchmark steps, run by scripts/bench.ts against a throwaway database.
 */
import { performance } from "node:perf_hooks";
import { projectCosts } from "@/lib/domain/costing";
import { scoreUseCase } from "@/lib/domain/frameworks";
import { db } from "@/lib/server/db";
import { currentAssumptions } from "@/lib/server/assumptions";
import { writeUseCase } from "@/lib/server/use-cases/write";
import { generateUseCases } from "./generate";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function runBench(opts: { databaseUrl: string; count: number; load: boolean }): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const cases = generateUseCases(opts.count, 2026);

  // 1. CPU: scoring (five frameworks + sensitivity) and projection, per use case.
  const set = (await currentAssumptions(db, "none")).set;
  const sample = cases.slice(0, Math.min(2000, cases.length));
  let t = performance.now();
  for (const c of sample) scoreUseCase(c.assessment ?? {});
  out.scoreMicrosPerUseCase = Math.round(((performance.now() - t) / sample.length) * 1000);
  t = performance.now();
  for (const c of sample) projectCosts({ assessment: c.assessment ?? {}, horizonYears: c.horizonYears ?? 5, startYear: 2027, assumptions: set });
  out.projectMicrosPerUseCase = Math.round(((performance.now() - t) / sample.length) * 1000);

  // 2. The organization, written through the import's path (writeUseCase in batched transactions).
  const org = await db.organization.create({ data: { name: "Bench Co", slug: `bench-${Date.now()}` } });
  const user = await db.user.create({ data: { email: `bench-${Date.now()}@bench.test`, name: "Bench Admin" } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role: "ADMIN" } });
  await db.assumptionVersion.create({
    data: { organizationId: org.id, version: 1, createdById: user.id, note: "bench", values: JSON.parse(JSON.stringify({ ...set, values: { ...set.values, modelPricePer1kTokens: { low: 0.0025, base: 0.005, high: 0.01 }, tokensPerCall: { low: 1200, base: 1500, high: 2000 }, maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } } })) },
  });
  const ctx = { organizationId: org.id, actorId: user.id, role: "ADMIN" as const };
  t = performance.now();
  const BATCH = 250;
  for (let i = 0; i < cases.length; i += BATCH) {
    await db.$transaction(async (tx) => {
      for (const fields of cases.slice(i, i + BATCH)) await writeUseCase(tx, ctx, { fields }, { auditAction: "use_case.imported" });
    }, { timeout: 600_000 });
    if ((i / BATCH) % 8 === 0) process.stderr.write(`  wrote ${Math.min(cases.length, i + BATCH)} / ${cases.length} use cases\n`);
  }
  const writeSeconds = (performance.now() - t) / 1000;
  out.import = { useCases: cases.length, seconds: Math.round(writeSeconds * 10) / 10, perSecond: Math.round(cases.length / writeSeconds) };
  out.costLines = await db.costLine.count({ where: { organizationId: org.id } });
  await db.$executeRawUnsafe("ANALYZE");

  // 3 and 4: the dashboard and the export, when their bench modules are present.
  for (const [name, modulePath, fn] of [["dashboard", "./dashboard", "benchDashboard"], ["export", "./export", "benchExport"]] as const) {
    try {
      const mod = (await import(/* @vite-ignore */ modulePath)) as Record<string, (o: unknown) => Promise<unknown>>;
      out[name] = await mod[fn]!({ databaseUrl: opts.databaseUrl, organizationId: org.id, orgSlug: org.slug, runs: 15 });
    } catch (err) {
      out[name] = { skipped: err instanceof Error ? err.message : String(err) };
    }
  }
  void median;
  return out;
}
