/**
 * The assumptions page's preview (what saving new figures would move, with nothing saved) over the
 * whole bench organization: every use case scored and projected in memory under a proposed set.
 * Timed twice; no bar of its own, a figure for the README (it is what finance waits for).
 */
import { performance } from "node:perf_hooks";
import { previewAssumptions } from "@/lib/server/assumptions-preview";
import { currentAssumptions } from "@/lib/server/assumptions";
import { db } from "@/lib/server/db";
import type { MemberContext } from "@/lib/server/guard";

export async function benchAssumptionsPreview(org: { id: string; slug: string }, admin: { id: string; email: string; name: string }) {
  const ctx = { user: { id: admin.id, email: admin.email, name: admin.name }, organization: { id: org.id, name: "Bench Co", slug: org.slug }, role: "ADMIN" } as unknown as MemberContext;
  const current = await currentAssumptions(db, org.id);
  const v = current.set.values;
  const input = {
    expectedVersion: current.version,
    fineTuneMethod: current.set.fineTuneMethod,
    // A dearer engineer and a faster retraining cycle: every projection moves, and some recommendations.
    values: { ...v, engineerRate: { low: 175, base: 225, high: 275 }, retrainLagDays: { low: 3, base: 5, high: 7 } },
  };
  const seconds: number[] = [];
  let result: Awaited<ReturnType<typeof previewAssumptions>> | null = null;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    result = await previewAssumptions(ctx, input);
    seconds.push(Math.round((performance.now() - t) / 10) / 100);
  }
  const impact = result!.impact;
  return {
    useCases: impact.useCases,
    seconds,
    useCasesPerSecond: Math.round(impact.useCases / Math.min(...seconds)),
    moved: impact.moved,
    rerecommended: impact.rerecommended,
  };
}
