/**
 * The benchmark steps, run by scripts/bench.ts against a throwaway database.
 */
import { performance } from "node:perf_hooks";
import { projectCosts, simulateCosts, type ProjectionInput } from "@/lib/domain/costing";
import { scoreUseCase } from "@/lib/domain/frameworks";
import { findSimilarTitles } from "@/lib/domain/similar-titles";
import { db } from "@/lib/server/db";
import { currentAssumptions } from "@/lib/server/assumptions";
import { benchActuals } from "./actuals";
import { benchAssumptionsPreview } from "./assumptions-preview";
import { benchCachedDashboard } from "./cached-dashboard";
import { benchDashboard } from "./dashboard";
import { benchExport } from "./export";
import { generateUseCases } from "./generate";
import { importThroughCsv } from "./import-csv";
import { benchPublicInventory } from "./public-inventory";
import { benchSaves } from "./save";

/** Members who own the generated use cases (leads, each owning a share), beside the admin who imports. */
const BENCH_LEADS = 20;
const leadEmail = (stamp: number, i: number) => `bench-lead-${String(i + 1).padStart(2, "0")}-${stamp}@bench.test`;

export interface BenchOrg {
  id: string;
  slug: string;
  admin: { id: string; email: string; name: string };
  leads: { id: string; email: string; name: string }[];
}

/** Issue 15: a public inventory as published, imported into an organization of its own. */
async function inventoryOrg(): Promise<ImportActorLike> {
  const stamp = Date.now();
  const org = await db.organization.create({ data: { name: "Inventory Co", slug: `bench-inventory-${stamp}` } });
  const admin = await db.user.create({ data: { email: `bench-inventory-${stamp}@bench.test`, name: "Inventory Admin" } });
  await db.membership.create({ data: { userId: admin.id, organizationId: org.id, role: "ADMIN" } });
  return { organizationId: org.id, userId: admin.id, role: "ADMIN" };
}
type ImportActorLike = { organizationId: string; userId: string; role: "ADMIN" };

export async function runBench(opts: { databaseUrl: string; count: number; load: boolean; only?: string }): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (opts.only === "inventory") {
    process.stderr.write("  timing the public inventory…\n");
    out.publicInventory = await benchPublicInventory(await inventoryOrg());
    return out;
  }
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
  // The Monte Carlo (2,000 trials over the two cheapest approaches that meet the lag), as a save
  // runs it; the bar is well under 10 ms a use case (issue 14). Timed on a few hundred use cases.
  const inputs: ProjectionInput[] = sample.slice(0, 300).map((c) => ({ assessment: c.assessment ?? {}, horizonYears: c.horizonYears ?? 5, startYear: 2027, assumptions: set }));
  const projections = inputs.map((i) => projectCosts(i));
  t = performance.now();
  let simulated = 0;
  inputs.forEach((input, i) => {
    if (simulateCosts(input, projections[i]!, { seed: i + 1 })) simulated++;
  });
  out.simulateMicrosPerUseCase = Math.round(((performance.now() - t) / inputs.length) * 1000);
  out.simulatedShare = Math.round((simulated / inputs.length) * 100) / 100;
  // The registry's "similar titles" hint on the form, against 10,000 titles (once a test, now here).
  const titles = Array.from({ length: 10_000 }, (_, i) => ({ title: `Use case number ${i} for the ${i % 7 === 0 ? "finance" : "support"} team` }));
  t = performance.now();
  findSimilarTitles("Use case number 42 for the support team", titles);
  out.similarTitlesMsOver10k = Math.round(performance.now() - t);
  if (opts.only === "cpu") return out;

  // 2. The organization: an admin, twenty leads, an assumption version; the use cases imported
  //    from CSV through the import's server functions (check, then import), owned by the leads.
  const stamp = Date.now();
  const org = await db.organization.create({ data: { name: "Bench Co", slug: `bench-${stamp}` } });
  const admin = await db.user.create({ data: { email: `bench-admin-${stamp}@bench.test`, name: "Bench Admin" } });
  await db.membership.create({ data: { userId: admin.id, organizationId: org.id, role: "ADMIN" } });
  const leads: BenchOrg["leads"] = [];
  for (let i = 0; i < BENCH_LEADS; i++) {
    const u = await db.user.create({ data: { email: leadEmail(stamp, i), name: `Bench Lead ${i + 1}` } });
    await db.membership.create({ data: { userId: u.id, organizationId: org.id, role: "LEAD" } });
    leads.push({ id: u.id, email: u.email, name: u.name });
  }
  await db.assumptionVersion.create({
    data: { organizationId: org.id, version: 1, createdById: admin.id, note: "bench", values: JSON.parse(JSON.stringify({ ...set, values: { ...set.values, modelPricePer1kTokens: { low: 0.0025, base: 0.005, high: 0.01 }, tokensPerCall: { low: 1200, base: 1500, high: 2000 }, maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 } } })) },
  });
  const benchOrg: BenchOrg = { id: org.id, slug: org.slug, admin: { id: admin.id, email: admin.email, name: admin.name }, leads };
  out.import = await importThroughCsv({ organizationId: org.id, userId: admin.id, role: "ADMIN" }, cases, (i) => leads[i % leads.length]!.email);
  if (opts.only === "import") return out;
  if (opts.only === "preview") {
    process.stderr.write("  timing the assumptions preview…\n");
    out.assumptionsPreview = await benchAssumptionsPreview(benchOrg, benchOrg.admin);
    return out;
  }
  if (opts.only === "export") {
    // Issue 22: the import and the export alone (each bar's verdict in a few minutes).
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    process.stderr.write("  timing the export…\n");
    out.export = await benchExport({ databaseUrl: opts.databaseUrl, organizationId: org.id, orgSlug: org.slug });
    return out;
  }
  if (opts.only === "tenants") {
    // Issue 22, bar 4: the organization alone, then among BENCH_TENANTS - 1 copies of it.
    const { benchTenants } = await import("./tenants");
    out.tenants = await benchTenants({ databaseUrl: opts.databaseUrl, organizationId: org.id });
    return out;
  }
  if (opts.only === "dashboard") {
    // Issue 22: the import, then the dashboard and the cached portfolio page alone.
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    process.stderr.write("  timing the dashboard…\n");
    out.dashboard = await benchDashboard({ databaseUrl: opts.databaseUrl, organizationId: org.id, runs: 15 });
    process.stderr.write("  timing the cached portfolio page…\n");
    out.cachedDashboard = await benchCachedDashboard({ organizationId: org.id, runs: 50 });
    return out;
  }
  if (opts.only === "load") {
    // Issue 22, bar 1: the import, then the load test alone (BENCH_LOAD_PHASES picks its phases).
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    process.stderr.write("  load test…\n");
    const { benchLoad } = await import("./load");
    out.load = await benchLoad({ databaseUrl: opts.databaseUrl, org: benchOrg });
    return out;
  }
  if (opts.only === "actuals") {
    // Issue 21: a year of daily actuals for every use case, then the portfolio with them present.
    out.actuals = await benchActuals({ organizationId: org.id, adminId: admin.id });
    // The portfolio page with a year of actuals present: its data from the exact cache, after a
    // write, and today's path alone (computeOverview: dashboard, value, budgets, actuals, units).
    process.stderr.write("  timing the dashboard with actuals…\n");
    out.dashboard = await benchDashboard({ databaseUrl: opts.databaseUrl, organizationId: org.id, runs: 15 });
    process.stderr.write("  timing the portfolio page with actuals…\n");
    out.cachedDashboard = await benchCachedDashboard({ organizationId: org.id, runs: 50 });
    return out;
  }
  process.stderr.write("  timing the public inventory…\n");
  out.publicInventory = await benchPublicInventory(await inventoryOrg());
  out.costLines = await db.costLine.count({ where: { organizationId: org.id } });
  out.costYears = await db.costYear.count({ where: { organizationId: org.id } });

  // 3. Single saves, one at a time: edits of the fields, and decisions (a tenth of the use cases
  //    get one, so "as chosen" and the chosen filter have something to show).
  process.stderr.write("  timing single saves…\n");
  out.save = await benchSaves({ organizationId: org.id, ctx: { organizationId: org.id, actorId: admin.id, role: "ADMIN" }, edits: Math.min(200, opts.count), decisions: Math.floor(opts.count / 10) });
  await db.$executeRawUnsafe("VACUUM ANALYZE");

  // 4. The dashboard against the equivalent raw SQL; 5. the finance export.
  process.stderr.write("  timing the dashboard…\n");
  out.dashboard = await benchDashboard({ databaseUrl: opts.databaseUrl, organizationId: org.id, runs: 15 });
  // Issue 22: the unfiltered page from the exact cache.
  process.stderr.write("  timing the cached portfolio page…\n");
  out.cachedDashboard = await benchCachedDashboard({ organizationId: org.id, runs: 50 });
  process.stderr.write("  timing the export…\n");
  out.export = await benchExport({ databaseUrl: opts.databaseUrl, organizationId: org.id, orgSlug: org.slug });
  process.stderr.write("  timing the assumptions preview…\n");
  out.assumptionsPreview = await benchAssumptionsPreview(benchOrg, benchOrg.admin);

  // 6. Load: twenty users saving through a production server, then the dashboard under the same load.
  if (opts.load) {
    process.stderr.write("  load test…\n");
    const { benchLoad } = await import("./load");
    out.load = await benchLoad({ databaseUrl: opts.databaseUrl, org: benchOrg });
  }
  return out;
}
