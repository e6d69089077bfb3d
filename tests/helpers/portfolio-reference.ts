/**
 * The portfolio's reference: the dashboard's numbers worked out again from the stored lines, in
 * plain TypeScript, and the checks that compare a dashboard with it to the cent
 * (tests/portfolio.test.ts, tests/portfolio-rollup.test.ts).
 */
import { expect } from "vitest";
import type { Approach } from "@/lib/domain/assessment";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { SCENARIOS, type Dashboard, type ScenarioName } from "@/lib/domain/portfolio/types";
import { db } from "@/lib/server/db";


export interface Ref {
  id: string;
  title: string;
  businessUnit: string;
  ownerId: string;
  status: string;
  recommended: Approach | null;
  chosen: Approach | null;
  riskFlags: string[];
  evidence: "none" | "provisional" | "assessed";
  lines: { approach: Approach; calendarYear: number; low: bigint | null; base: bigint | null; high: bigint | null }[];
}

/** An approach filter: empty matches everything; "NONE" matches no approach (not scored / none chosen). */
function approachMatches(values: readonly string[], approach: Approach | null): boolean {
  return values.length === 0 || values.includes(approach ?? "NONE");
}

export async function referenceUseCases(orgId: string, f: PortfolioFilter): Promise<Ref[]> {
  const rows = await db.useCase.findMany({ where: { organizationId: orgId, deletedAt: null }, include: { costLines: true } });
  return rows
    .filter((u) => (!f.businessUnit.length || f.businessUnit.includes(u.businessUnit)) && (!f.status.length || f.status.includes(u.status)) && (!f.ownerId.length || f.ownerId.includes(u.ownerId)))
    .filter((u) => approachMatches(f.recommended, u.recommendedApproach) && approachMatches(f.chosen, u.chosenApproach))
    .filter((u) => !f.asChosen.length || f.asChosen.some((x) => x === (u.chosenApproach ?? u.recommendedApproach)))
    .filter((u) => !f.flag.length || u.riskFlags.some((x) => (f.flag as string[]).includes(x)))
    .map((u) => ({
      id: u.id, title: u.title, businessUnit: u.businessUnit, ownerId: u.ownerId, status: u.status, recommended: u.recommendedApproach, chosen: u.chosenApproach, riskFlags: u.riskFlags, evidence: u.evidence,
      lines: u.costLines.map((l) => ({ approach: l.approach, calendarYear: l.calendarYear, low: l.lowCents, base: l.baseCents, high: l.highCents })),
    }));
}

export const approachIn = (u: Ref, s: ScenarioName): Approach | null => (s === "chosen" ? (u.chosen ?? u.recommended) : s === "recommended" ? u.recommended : s);
export const cents = (xs: (bigint | null)[]) => Number(xs.reduce<bigint>((s, x) => s + (x ?? 0n), 0n));

export function referenceScenario(ucs: Ref[], s: ScenarioName) {
  const lines = ucs.flatMap((u) => u.lines.filter((l) => l.approach === approachIn(u, s)));
  const costed = ucs.filter((u) => u.lines.some((l) => l.approach === approachIn(u, s)));
  const byYear = new Map<number, number>();
  for (const l of lines) byYear.set(l.calendarYear, (byYear.get(l.calendarYear) ?? 0) + Number(l.base ?? 0n));
  return {
    lifecycle: { low: cents(lines.map((l) => l.low)), base: cents(lines.map((l) => l.base)), high: cents(lines.map((l) => l.high)) },
    byYear,
    costed: costed.length,
    // The not assessed are in no total and no coverage count: they have no costs at all.
    notCosted: ucs.filter((u) => u.evidence !== "none").length - costed.length,
    incomplete: costed.filter((u) => u.lines.some((l) => l.approach === approachIn(u, s) && l.base === null)).length,
  };
}

/** A use case's status in a scenario: not costed (no lines for its approach), lacking a figure, or costed and complete. */
export function referenceStatus(u: Ref, s: ScenarioName): "n" | "i" | "c" {
  const lines = u.lines.filter((l) => l.approach === approachIn(u, s));
  return lines.length === 0 ? "n" : lines.some((l) => l.base === null) ? "i" : "c";
}

export const filterWith = (x: Partial<PortfolioFilter>): PortfolioFilter => ({ ...EMPTY_FILTER, ...x });

/** Every check that compares the dashboard with the reference for one filter. */
export async function expectMatchesStoredRows(d: Dashboard, orgId: string, filter: PortfolioFilter) {
  const ucs = await referenceUseCases(orgId, filter);
  expect(d.useCases).toBe(ucs.length);
  expect(d.notAssessed.count).toBe(ucs.filter((u) => u.evidence === "none").length);
  expect(d.evidence).toEqual({
    none: ucs.filter((u) => u.evidence === "none").length,
    provisional: ucs.filter((u) => u.evidence === "provisional").length,
    assessed: ucs.filter((u) => u.evidence === "assessed").length,
  });
  for (const s of SCENARIOS) {
    const ref = referenceScenario(ucs, s);
    const got = d.scenarioSummaries.find((x) => x.scenario === s)!;
    expect(got.lifecycle, s).toEqual(ref.lifecycle);
    expect({ costed: got.costed, notCosted: got.notCosted, incomplete: got.incomplete }, s).toEqual({ costed: ref.costed, notCosted: ref.notCosted, incomplete: ref.incomplete });
    for (const y of got.years) expect(y.base, `${s} ${y.calendarYear}`).toBe(ref.byYear.get(y.calendarYear) ?? 0);
    for (const [year, base] of ref.byYear) expect(d.scenarios.find((x) => x.scenario === s && x.calendarYear === year)?.base, `${s} ${year}`).toBe(base);
  }
  // Each saving: the difference of the lifecycles, like for like exactly when no use case's status differs between the two.
  for (const sv of d.savings) {
    const differing = ucs.filter((u) => referenceStatus(u, sv.scenario) !== referenceStatus(u, sv.against)).length;
    expect({ differing: sv.differing, comparable: sv.comparable }, `${sv.scenario} against ${sv.against}`).toEqual({ differing, comparable: differing === 0 });
  }
  expect(d.savings.length).toBe(SCENARIOS.length * (SCENARIOS.length - 1));
  // As chosen, per approach, adds up to the as-chosen scenario; spend per year likewise.
  const chosen = d.scenarioSummaries.find((x) => x.scenario === "chosen")!;
  expect(d.byApproach.reduce((s, a) => s + a.lifecycle.base, 0)).toBe(chosen.lifecycle.base);
  expect(d.spend.map((y) => y.base)).toEqual(chosen.years.map((y) => y.base));
  for (const a of d.byApproach) {
    const lines = ucs.filter((u) => approachIn(u, "chosen") === a.approach).flatMap((u) => u.lines.filter((l) => l.approach === a.approach));
    expect(a.lifecycle).toEqual({ low: cents(lines.map((l) => l.low)), base: cents(lines.map((l) => l.base)), high: cents(lines.map((l) => l.high)) });
  }
  // The matrix counts the same use cases.
  const key = (r: Approach | null, c: Approach | null) => `${r}|${c}`;
  const matrix = new Map<string, number>();
  for (const u of ucs) matrix.set(key(u.recommended, u.chosen), (matrix.get(key(u.recommended, u.chosen)) ?? 0) + 1);
  expect(new Map(d.matrix.map((m) => [key(m.recommended, m.chosen), m.count]))).toEqual(matrix);
  // Of them, those not assessed (the matrix's row "No recommendation: not assessed"; the rest with none are held back).
  const notAssessed = new Map<string, number>();
  for (const u of ucs) notAssessed.set(key(u.recommended, u.chosen), (notAssessed.get(key(u.recommended, u.chosen)) ?? 0) + (u.evidence === "none" ? 1 : 0));
  expect(new Map(d.matrix.map((m) => [key(m.recommended, m.chosen), m.notAssessed]))).toEqual(notAssessed);
  // The top ten: the largest as-chosen lifecycles, in order, to the cent.
  const top = ucs
    .map((u) => ({ u, lines: u.lines.filter((l) => l.approach === approachIn(u, "chosen")) }))
    .filter((x) => x.lines.length)
    .map((x) => ({ id: x.u.id, title: x.u.title, base: cents(x.lines.map((l) => l.base)), low: cents(x.lines.map((l) => l.low)), high: cents(x.lines.map((l) => l.high)) }))
    .sort((p, q) => q.base - p.base || (p.id < q.id ? -1 : 1))
    .slice(0, 10);
  expect(d.top.map((t) => ({ id: t.id, title: t.title, base: t.base, low: t.low, high: t.high }))).toEqual(top);
  // Not costed, as chosen: counted and listed.
  expect(d.notCosted.count).toBe(chosen.notCosted);
  expect(d.notCosted.examples.map((r) => r.title).sort()).toEqual(ucs.filter((u) => u.evidence !== "none" && !u.lines.some((l) => l.approach === approachIn(u, "chosen"))).map((u) => u.title).sort());
  expect(d.notAssessed.examples.map((r) => r.title).sort()).toEqual(ucs.filter((u) => u.evidence === "none").map((u) => u.title).sort());
  // Flags.
  expect(d.flaggedTotal).toBe(ucs.filter((u) => u.riskFlags.length > 0 || d.disagreeing.some((x) => x.id === u.id)).length);
  for (const fl of d.flags) expect(fl.useCases, fl.code).toBe(ucs.filter((u) => u.riskFlags.includes(fl.code)).length);
  expect(d.riskFlagged).toBe(ucs.filter((u) => u.riskFlags.length > 0).length);
}
