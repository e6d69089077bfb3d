/**
 * The portfolio dashboard against the stored rows: every total, count and list is recomputed
 * here in plain TypeScript from CostLine (and the use cases' own columns) and must match the
 * dashboard's SQL to the cent, for the whole organization and for several filters. Also: what is
 * not costed or lacks figures is counted and listed, never $0; deleted use cases and other
 * organizations never appear; who may open the page.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import type { Approach } from "@/lib/domain/assessment";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { SCENARIOS, type Dashboard, type ScenarioName } from "@/lib/domain/portfolio/types";
import { db, type Prisma } from "@/lib/server/db";
import { loadDashboard, TotalsBeyondExactError } from "@/lib/server/portfolio/dashboard";
import { listWhere } from "@/lib/server/use-cases/read";
import { refreshRollups } from "@/lib/server/portfolio/rollup";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing/assumptions";
import { suggestColumns } from "@/lib/domain/import";
import { importFile } from "@/lib/server/import/run";
import { rederiveOrganization } from "@/lib/server/use-cases/derive";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { inUseCaseTransaction, recordUseCaseDecision, restoreUseCase, setUseCaseOverrides, softDeleteUseCase, writeUseCase } from "@/lib/server/use-cases/write";
import { generateUseCases } from "../scripts/bench/generate";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

let a: TestOrg;
let b: TestOrg;
const ids: Record<string, string> = {};

const VERSIONS_1 = { "three-questions": "1.0.0", "ordered-decision-tree": "1.0.0" };
const VERSIONS_2 = { "three-questions": "1.1.0", "ordered-decision-tree": "1.0.0" };

beforeAll(async () => {
  a = await createTestOrg("dash");
  b = await createTestOrg("dashother");
  const lead = a.users.LEAD.id;
  const exec = a.users.EXECUTIVE.id;
  const add = async (key: string, uc: Parameters<typeof insertUseCaseWithCosts>[1]) => (ids[key] = await insertUseCaseWithCosts(a.id, uc));

  await add("support", {
    title: "Support bot", businessUnit: "Support", ownerId: lead, status: "LIVE", recommended: "RAG", chosen: "FINE_TUNING", riskFlags: ["CHOSEN_DIFFERS_FROM_CONSENSUS", "FT_ON_FAST_CHANGING_KNOWLEDGE"],
    yearly: { RAG: { INFERENCE: [100_00, 110_00, 121_00], RETRIEVAL_INFRA: [50_00, 50_00, 50_00] }, FINE_TUNING: { RETRAINING: [400_00, 400_00, 400_00], FT_HOSTING: [1_490_00, 1_490_00, 1_490_00] }, HYBRID: { INFERENCE: [300_00, 300_00, 300_00] } },
  });
  await add("copy", {
    title: "Copywriter", businessUnit: "Marketing", ownerId: exec, status: "IDEA", recommended: "FINE_TUNING",
    yearly: { RAG: { INFERENCE: [70_00, 70_00, 70_00] }, FINE_TUNING: { BUILD_ENGINEERING: [1_000_00, 0, 0], INFERENCE: [20_00, null, 25_00] }, HYBRID: { INFERENCE: [10_00, 10_00, 10_00] } },
  });
  await add("agent", { title: "Agent without estimate", businessUnit: "Support", ownerId: lead, status: "ASSESSING", recommended: "AGENT", disagreement: true, yearly: { RAG: { INFERENCE: [5_00, 5_00, 5_00] }, FINE_TUNING: { INFERENCE: [7_00, 7_00, 7_00] } } });
  await add("pipeline", { title: "Pipeline with estimate", businessUnit: "Ops", ownerId: lead, status: "BUILDING", recommended: "PIPELINE", manual: ["PIPELINE"], riskFlags: ["NO_EVALUATION_SET"], yearly: { PIPELINE: { MANUAL_ESTIMATE: [2_000_00, 2_000_00, 2_000_00] }, RAG: { INFERENCE: [1_00, 1_00, 1_00] } } });
  await add("unscored", { title: "Unscored idea", businessUnit: "Ops", ownerId: lead, recommended: null, yearly: {} });
  await add("late", { title: "Late starter", businessUnit: "Marketing", ownerId: exec, status: "APPROVED", recommended: "HYBRID", chosen: "HYBRID", startYear: 2033, horizonYears: 2, yearly: { HYBRID: { INFERENCE: [3_333_33, 4_444_44] }, RAG: { INFERENCE: [1_111_11, 1_111_11] }, FINE_TUNING: { RETRAINING: [9_000_00, 9_000_00] } } });
  await add("deleted", { title: "Deleted one", businessUnit: "Support", ownerId: lead, recommended: "RAG", deleted: true, yearly: { RAG: { INFERENCE: [9_999_00] } } });
  // Enough for the top ten to have to choose: twelve RAG use cases of distinct sizes.
  for (let i = 1; i <= 12; i++) {
    await add(`rag${i}`, { title: `Search ${String(i).padStart(2, "0")}`, businessUnit: i % 2 ? "Support" : "Legal", ownerId: i % 3 ? lead : exec, status: i % 4 ? "LIVE" : "IDEA", recommended: "RAG", riskFlags: i === 5 ? ["NO_EVALUATION_SET"] : [], yearly: { RAG: { INFERENCE: [i * 1_000_00 + 1, i * 1_000_00 + 2, i * 1_000_00 + 3] }, FINE_TUNING: { RETRAINING: [5_000_00, 5_000_00, 5_000_00] }, HYBRID: { INFERENCE: [i * 900_00, i * 900_00, i * 900_00] } } });
  }
  await insertUseCaseWithCosts(b.id, { title: "Other org", businessUnit: "Support", ownerId: b.users.LEAD.id, recommended: "RAG", riskFlags: ["NO_EVALUATION_SET"], yearly: { RAG: { INFERENCE: [123_456_00] } } });

  // What derive writes beside the rows: freshness, versions, reasons, each framework's pick.
  const av = await db.assumptionVersion.create({ data: { organizationId: a.id, version: 3, values: {} } });
  const summary = async (id: string, patch: Record<string, unknown>, approachPatch: Partial<Record<Approach, Record<string, unknown>>> = {}) => {
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: { projectionSummary: true } });
    const s = row.projectionSummary as { approaches: Record<string, Record<string, unknown>> };
    for (const [ap, p] of Object.entries(approachPatch)) s.approaches[ap] = { ...s.approaches[ap], ...p };
    await db.useCase.update({ where: { id }, data: { projectionSummary: { ...s, ...patch } as Prisma.InputJsonValue } });
  };
  // Support bot is fine-tuned, as chosen, with a 1-day lag it cannot meet (a change waits up to 40
  // days); Late starter's fine-tune would never catch up with its 7-day lag, but it chose hybrid.
  await summary(ids.support!, { maxLagDays: 1 }, { FINE_TUNING: { staleDaysPerYear: { low: 20, base: 45, high: 90 }, timeToValueWeeks: { low: 6, base: 8, high: 12 }, meetsLag: false, worstDelayDays: 40 } });
  await summary(ids.late!, { maxLagDays: 7 }, { FINE_TUNING: { meetsLag: false, worstDelayDays: null }, HYBRID: { meetsLag: true } });
  await summary(ids.copy!, {}, { FINE_TUNING: { staleDaysPerYear: { low: 0, base: 10, high: 30 }, timeToValueWeeks: { low: 4, base: 6, high: 10 }, missing: ["modelPricePer1kTokens", "answer:monthlyCalls"] } });
  await summary(ids.rag1!, {}, { RAG: { timeToValueWeeks: { low: 1, base: 2, high: 3 } } });
  // Versions: one use case repeats them in its summary (the fast path), others only in the score.
  await summary(ids.rag2!, { frameworkVersions: VERSIONS_2, weightsVersion: 4 });
  await db.useCase.update({ where: { id: ids.rag2! }, data: { score: { frameworkVersions: VERSIONS_1, weightsVersion: 1 } } }); // ignored: the summary wins
  for (const k of ["support", "copy", "agent", "rag1"]) await db.useCase.update({ where: { id: ids[k]! }, data: { assumptionVersionId: av.id, score: { frameworkVersions: VERSIONS_1, weightsVersion: 2, flags: k === "support" ? [{ code: "CHOSEN_DIFFERS_FROM_CONSENSUS", reason: "The organization chose fine-tuning, but most frameworks recommend RAG." }] : [] } } });
  await db.useCase.update({
    where: { id: ids.agent! },
    data: { agreementVotes: 2, agreementVoters: 5, score: { frameworkVersions: VERSIONS_1, weightsVersion: 2, frameworks: [
      { title: "Three questions", recommendation: "AGENT", abstained: false },
      { title: "Decision tree", recommendation: "RAG", abstained: false },
      { title: "Behaviour vs knowledge", recommendation: "AGENT", abstained: false },
      { title: "Start with RAG", recommendation: null, abstained: true },
      { title: "When to use", recommendation: "PIPELINE", abstained: false },
    ] } },
  });
  // The patches above changed stored summaries and scores by hand: rebuild their rollup rows, as a save would.
  await refreshRollups(db, a.id, Object.values(ids));
});

// ---------------------------------------------------------------------------------------------
// The reference: the same numbers from the stored lines, in plain TypeScript.

interface Ref {
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

async function referenceUseCases(orgId: string, f: PortfolioFilter): Promise<Ref[]> {
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

const approachIn = (u: Ref, s: ScenarioName): Approach | null => (s === "chosen" ? (u.chosen ?? u.recommended) : s === "recommended" ? u.recommended : s);
const cents = (xs: (bigint | null)[]) => Number(xs.reduce<bigint>((s, x) => s + (x ?? 0n), 0n));

function referenceScenario(ucs: Ref[], s: ScenarioName) {
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

const f = (x: Partial<PortfolioFilter>): PortfolioFilter => ({ ...EMPTY_FILTER, ...x });

/** Every check that compares the dashboard with the reference for one filter. */
async function expectMatchesStoredRows(d: Dashboard, orgId: string, filter: PortfolioFilter) {
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

// ---------------------------------------------------------------------------------------------

describe("the portfolio dashboard adds up to the stored rows", () => {
  it.each([
    ["the whole organization", () => f({})],
    ["a business unit", () => f({ businessUnit: ["Support"] })],
    ["two business units", () => f({ businessUnit: ["Support", "Marketing"] })],
    ["a status", () => f({ status: ["LIVE"] })],
    ["a risk flag", () => f({ flag: ["NO_EVALUATION_SET"] })],
    ["recommended and chosen", () => f({ recommended: ["RAG"], chosen: ["FINE_TUNING"] })],
    ["none chosen", () => f({ chosen: ["NONE"] })],
    ["as chosen RAG (a decision, else the recommendation)", () => f({ asChosen: ["RAG"] })],
    ["as chosen hybrid or pipeline, in one business unit", () => f({ asChosen: ["HYBRID", "PIPELINE"], businessUnit: ["Marketing", "Ops"] })],
    ["not scored, or recommended RAG and none chosen", () => f({ recommended: ["NONE", "RAG"], chosen: ["NONE"] })],
    ["an owner and a status", () => f({ ownerId: [a.users.EXECUTIVE.id], status: ["IDEA", "APPROVED"] })],
    ["nothing matching", () => f({ businessUnit: ["Nobody"] })],
  ])("for %s", async (_label, filter) => {
    const d = await loadDashboard(a.id, filter());
    await expectMatchesStoredRows(d, a.id, filter());
    // The use-case list, given the same filter (as every link from the dashboard does), counts the same use cases.
    expect(await db.useCase.count({ where: listWhere(a.id, filter(), "") })).toBe(d.useCases);
    // and each approach's "as chosen" count is the list's count for that approach as chosen
    for (const ap of d.byApproach) expect(await db.useCase.count({ where: listWhere(a.id, { ...filter(), asChosen: [ap.approach] }, "") }), ap.approach).toBe(ap.useCases);
  });

  it("gives the as-chosen total worked out by hand", async () => {
    const d = await loadDashboard(a.id, f({ businessUnit: ["Support", "Marketing", "Ops"] }));
    const chosen = d.scenarioSummaries.find((s) => s.scenario === "chosen")!;
    // Support bot, fine-tuning: 3 × (400 + 1,490) = 5,670; Copywriter, fine-tuning: 1,000 + 20 + 25 (one figure missing) = 1,045;
    // Pipeline's manual estimate: 6,000; Late starter, hybrid: 3,333.33 + 4,444.44 = 7,777.77; odd rag use cases (Support): Σ 3 × i × 1,000 + 6 cents.
    const searches = [1, 3, 5, 7, 9, 11].reduce((s, i) => s + 3 * i * 1_000_00 + 6, 0);
    expect(chosen.lifecycle.base).toBe(5_670_00 + 1_045_00 + 6_000_00 + 7_777_77 + searches);
  });

  it("spans the longest horizon, year by year without gaps, and a year with no cost is $0 spend", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.years).toEqual([2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
    for (const s of SCENARIOS) expect(d.scenarios.filter((x) => x.scenario === s).map((x) => x.calendarYear)).toEqual(d.years);
    expect(d.spend.find((y) => y.calendarYear === 2031)).toMatchObject({ low: 0, base: 0, high: 0 });
    expect(d.spend.find((y) => y.calendarYear === 2034)?.byApproach.HYBRID).toBe(4_444_44);
  });

  it("compares the scenarios: savings are the difference of lifecycles, flagged when coverage differs", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    const life = (s: ScenarioName) => d.scenarioSummaries.find((x) => x.scenario === s)!.lifecycle.base;
    for (const s of d.savings) {
      expect(s.cents).toBe(life(s.against) - life(s.scenario));
      expect(s.percent).toBe(Math.round(((life(s.against) - life(s.scenario)) / life(s.against)) * 1000) / 10);
      expect(s.comparable).toBe(false); // an agent is not costed as chosen; Copywriter lacks a figure
    }
    const rag = d.savings.find((s) => s.scenario === "RAG" && s.against === "chosen")!;
    expect(rag.cents).toBeGreaterThan(0); // everything on RAG costs less than as chosen here
    // On a view where everything is costed and complete, the comparison is clean.
    const clean = await loadDashboard(a.id, f({ businessUnit: ["Legal"] }));
    expect(clean.savings.every((s) => s.comparable)).toBe(true);
  });

  it("never counts a missing figure or an uncosted approach as $0 without saying so", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.notCosted.count).toBe(1);
    expect(d.notCosted.examples.map((r) => r.title)).toEqual(["Agent without estimate"]);
    expect(d.notCosted.examples.map((r) => r.approach)).toEqual(["AGENT"]);
    // With no deciding answer: not assessed, listed as such, in no total and no coverage count.
    expect(d.notAssessed).toEqual({ count: 1, examples: [expect.objectContaining({ title: "Unscored idea", approach: null })] });
    expect(d.incomplete.count).toBe(1);
    expect(d.incomplete.examples.map((r) => r.title)).toEqual(["Copywriter"]);
    expect(d.incomplete.missing).toEqual([{ key: "answer:monthlyCalls", useCases: 1 }, { key: "modelPricePer1kTokens", useCases: 1 }]);
    expect(d.byApproach.find((x) => x.approach === "FINE_TUNING")).toMatchObject({ useCases: 2, incomplete: 1 });
    // The manual estimate counts, as itself.
    expect(d.byApproach.find((x) => x.approach === "PIPELINE")?.lifecycle.base).toBe(6_000_00);
    expect(d.byApproach.some((x) => x.approach === "AGENT")).toBe(false);
  });

  it("orders the top ten by as-chosen lifecycle and keeps only ten", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.top).toHaveLength(10);
    expect(d.top.slice(0, 4).map((t) => t.title)).toEqual(["Search 12", "Search 11", "Search 10", "Search 09"]);
    expect(d.top.map((t) => t.base)).toEqual([...d.top.map((t) => t.base)].sort((x, y) => y - x));
    expect(d.top.find((t) => t.title === "Copywriter")).toBeUndefined(); // 1,045 is below the tenth
  });

  it("lists flagged use cases with the score's reasons, else each flag's label, and disagreements with each framework's pick", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.flagged[0]!.title).toBe("Support bot"); // most flags first
    expect(d.flagged[0]!.riskFlags).toEqual([
      { code: "CHOSEN_DIFFERS_FROM_CONSENSUS", reason: "The organization chose fine-tuning, but most frameworks recommend RAG." },
      { code: "FT_ON_FAST_CHANGING_KNOWLEDGE", reason: "Fine-tuning on fast-changing knowledge" },
    ]);
    expect(d.flagged.map((x) => x.title).sort()).toEqual(["Pipeline with estimate", "Search 05", "Support bot"]);
    expect(d.flags.find((x) => x.code === "NO_EVALUATION_SET")?.useCases).toBe(2);
    expect(d.disagreements).toBe(1);
    expect(d.disagreeing).toHaveLength(1);
    expect(d.disagreeing[0]).toMatchObject({ title: "Agent without estimate", agreement: { votes: 2, voters: 5 } });
    expect(d.disagreeing[0]!.picks).toEqual([
      { framework: "Three questions", approach: "AGENT" },
      { framework: "Decision tree", approach: "RAG" },
      { framework: "Behaviour vs knowledge", approach: "AGENT" },
      { framework: "When to use", approach: "PIPELINE" },
    ]);
    expect(d.flaggedTotal).toBe(4);
    expect(d.riskFlagged).toBe(3);
  });

  it("sums stale days and averages time to value from the stored summaries, as chosen", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.freshness.staleDaysPerYear).toEqual({ low: 20, base: 55, high: 120 });
    expect(d.freshness.useCasesWithStaleness).toBe(2);
    expect(d.freshness.timeToValueUseCases).toBe(3);
    expect(d.freshness.timeToValueWeeks).toEqual({ low: 11 / 3, base: 16 / 3, high: 25 / 3 });
    expect(d.freshness.longestTimeToValueWeeks).toBe(12);
    expect(d.freshness.byApproach.find((x) => x.approach === "FINE_TUNING")).toEqual({ approach: "FINE_TUNING", useCases: 2, staleDaysPerYear: { low: 20, base: 55, high: 120 }, timeToValueWeeks: { low: 5, base: 7, high: 11 } });
    const support = await loadDashboard(a.id, f({ status: ["LIVE"], chosen: ["FINE_TUNING"] }));
    expect(support.freshness.staleDaysPerYear).toEqual({ low: 20, base: 45, high: 90 });
  });

  it("counts the use cases that exceed their lag as chosen, names the worst, and never offers an infeasible scenario as a saving", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.freshness.exceedingLag).toBe(1);
    expect(d.freshness.worstLag).toEqual([{ useCase: expect.objectContaining({ title: "Support bot", approach: "FINE_TUNING" }), maxLagDays: 1, worstDelayDays: 40 }]);
    const infeasible = (s: ScenarioName) => d.scenarioSummaries.find((x) => x.scenario === s)!.infeasible;
    expect([infeasible("chosen"), infeasible("recommended"), infeasible("RAG"), infeasible("FINE_TUNING"), infeasible("HYBRID")]).toEqual([1, 0, 0, 2, 0]);
    // Every saving of the fine-tuned scenario carries its two use cases; RAG's none.
    for (const sv of d.savings.filter((x) => x.scenario === "FINE_TUNING")) expect(sv.infeasible).toBe(2);
    for (const sv of d.savings.filter((x) => x.scenario === "RAG")) expect(sv.infeasible).toBe(0);
    // A filter that leaves out Support bot leaves nobody over their lag as chosen.
    const marketing = await loadDashboard(a.id, f({ businessUnit: ["Marketing"] }));
    expect(marketing.freshness.exceedingLag).toBe(0);
    expect(marketing.freshness.worstLag).toEqual([]);
    expect(marketing.scenarioSummaries.find((x) => x.scenario === "FINE_TUNING")!.infeasible).toBe(1);
  });

  it("says which assumption and framework versions the numbers reflect", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.versions.assumptionVersions).toEqual([{ version: null, useCases: 14 }, { version: 3, useCases: 4 }]);
    expect(d.versions.frameworkVersions).toEqual([
      { versions: VERSIONS_1, weightsVersion: 2, useCases: 4 },
      { versions: VERSIONS_2, weightsVersion: 4, useCases: 1 },
    ]);
    expect(d.versions.unscored).toBe(13);
  });
});

describe("totals beyond exact", () => {
  it("refuses, with a sentence, a view whose totals pass 2^53 cents, rather than show a rounded figure", async () => {
    const big = await createTestOrg("dashbig");
    // Two use cases of 2^52 cents a year each: every row is exact, their sum is not a safe integer.
    for (const [title, businessUnit] of [["Huge one", "Ops"], ["Huge two", "Labs"]] as const) {
      await insertUseCaseWithCosts(big.id, { title, businessUnit, ownerId: big.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [2 ** 52] } } });
    }
    await expect(loadDashboard(big.id, EMPTY_FILTER)).rejects.toThrow(TotalsBeyondExactError);
    await expect(loadDashboard(big.id, EMPTY_FILTER)).rejects.toThrow("beyond what the dashboard adds to the exact cent");
    // One of them alone adds up.
    const one = await loadDashboard(big.id, f({ businessUnit: ["Ops"] }));
    expect(one.scenarioSummaries.find((s) => s.scenario === "RAG")!.lifecycle.base).toBe(2 ** 52);
    // The page says so, with the filter to narrow it, instead of failing.
    signInAs(big.users.FINANCE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: big.slug }), searchParams: Promise.resolve({}) }));
    expect(html).toContain("These totals are too large to add up exactly");
    expect(html).toContain("Filter to fewer use cases");
  });
});

describe("isolation", () => {
  it("never shows deleted use cases", async () => {
    const d = await loadDashboard(a.id, f({ businessUnit: ["Support"] }));
    expect([...d.top, ...d.flagged, ...d.disagreeing, ...d.notCosted.examples].map((t) => t.title)).not.toContain("Deleted one");
    expect(d.scenarioSummaries.find((s) => s.scenario === "RAG")!.lifecycle.base).toBe(cents((await referenceUseCases(a.id, f({ businessUnit: ["Support"] }))).flatMap((u) => u.lines.filter((l) => l.approach === "RAG").map((l) => l.base))));
  });

  it("never shows another organization's use cases, and theirs never ours", async () => {
    const ours = await loadDashboard(a.id, f({ businessUnit: ["Support"] }));
    const titles = [...ours.top, ...ours.flagged, ...ours.disagreeing, ...ours.notCosted.examples].map((t) => t.title);
    expect(titles).not.toContain("Other org");
    expect(ours.scenarioSummaries.find((s) => s.scenario === "RAG")!.lifecycle.base).toBeLessThan(123_456_00);
    const theirs = await loadDashboard(b.id, EMPTY_FILTER);
    expect(theirs.useCases).toBe(1);
    expect(theirs.scenarioSummaries.find((s) => s.scenario === "RAG")!.lifecycle.base).toBe(123_456_00);
    expect(theirs.top.map((t) => t.title)).toEqual(["Other org"]);
    expect(theirs.flags.find((x) => x.code === "NO_EVALUATION_SET")?.useCases).toBe(1);
    await expectMatchesStoredRows(theirs, b.id, EMPTY_FILTER);
  });

  it("an owner filter naming another organization's member finds nothing", async () => {
    const d = await loadDashboard(a.id, f({ ownerId: [b.users.LEAD.id] }));
    expect(d.useCases).toBe(0);
    expect(d.scenarioSummaries.every((s) => s.lifecycle.base === 0)).toBe(true);
  });
});

describe("who may open the page", () => {
  const open = (slug: string, search: Record<string, string> = {}) => PortfolioPage({ params: Promise.resolve({ org: slug }), searchParams: Promise.resolve(search) });

  it.each(["ADMIN", "EXECUTIVE", "FINANCE", "LEAD"] as const)("%s reads it (every member; nothing on it changes data)", async (role) => {
    signInAs(a.users[role].id);
    const html = renderToStaticMarkup(await open(a.slug, { bu: "Support" }));
    expect(html).toContain("Recommended against chosen");
    expect(html).toContain("Support bot");
    expect(html).not.toContain("Other org");
    // Exports are for finance, executives and admins.
    expect(html.includes("export/detail.csv")).toBe(role !== "LEAD");
  });

  it("links each matrix cell to the list with the cell and the current filter", async () => {
    signInAs(a.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await open(a.slug, { bu: "Support" }));
    expect(html).toContain(`href="/o/${a.slug}/use-cases?bu=Support&amp;recommended=RAG&amp;chosen=FINE_TUNING"`);
    expect(html).toContain('aria-label="1 recommended RAG, chosen Fine-tuning"');
    // cells with no decision, and the row of use cases not scored, link too
    expect(html).toContain(`href="/o/${a.slug}/use-cases?bu=Support&amp;recommended=RAG&amp;chosen=NONE"`);
    const all = renderToStaticMarkup(await open(a.slug));
    expect(all).toContain(`href="/o/${a.slug}/use-cases?recommended=NONE&amp;chosen=NONE"`);
    expect(all).toContain(`href="/o/${a.slug}/use-cases?recommended=NONE"`);
    // each approach's lifecycle links to its use cases as chosen
    expect(all).toContain(`href="/o/${a.slug}/use-cases?as=RAG"`);
  });

  it("is not found for someone outside the organization, and asks a signed-out visitor to sign in", async () => {
    signInAs(b.users.ADMIN.id);
    await expect(open(a.slug)).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    signOut();
    await expect(open(a.slug)).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

describe("the stored summary keeps step with the cost rows (the contract in lib/domain/portfolio/types.ts)", () => {
  // The dashboard sums money from CostYear but reads which use cases are not costed or lack a
  // figure, and the top ten's order, from projectionSummary. Through the real save path (score,
  // project, write), the two must agree, use case by use case.
  it("through the real save path: approaches, lifecycles and completeness match the rows", async () => {
    const org = await createTestOrg("dashderive");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const save = (title: string, assessment: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields: { title, horizonYears: 3, startDate: "2027-01-01", assessment, ...extra } as never }));
    await save("Policy search", { changeFrequency: "weekly", maxLagDays: 3, coreNeed: "retrieval", needsCitations: true, monthlyCalls: 100_000, evaluationSetExists: true });
    await save("Brand voice", { changeFrequency: "annually", coreNeed: "reasoning", needsStyleOrFormat: true, labeledExamples: 3000, evaluationSetExists: false });
    await save("Ticket agent", { changeFrequency: "daily", coreNeed: "neither", needsToolUse: true });
    await save("Bare idea", {});

    const rows = await db.useCase.findMany({ where: { organizationId: org.id }, include: { costYears: true } });
    for (const u of rows) {
      const s = u.projectionSummary as { approaches: Record<string, { lifecycle: { low: number; base: number; high: number; complete?: boolean } }> };
      const withRows = [...new Set(u.costYears.map((y) => y.approach))].sort();
      expect(Object.keys(s.approaches).sort(), u.title).toEqual(withRows);
      for (const ap of withRows) {
        const ys = u.costYears.filter((y) => y.approach === ap);
        const sum = (k: "lowCents" | "baseCents" | "highCents") => Number(ys.reduce((t, y) => t + y[k], 0n));
        expect(s.approaches[ap]!.lifecycle, `${u.title} ${ap}`).toMatchObject({ low: sum("lowCents"), base: sum("baseCents"), high: sum("highCents"), complete: ys.every((y) => y.complete) });
        expect(ys.some((y) => y.yearIndex === 1), `${u.title} ${ap} starts in year 1`).toBe(true);
      }
    }
    // And so the dashboard's counts from the summary equal those from the rows.
    const d = await loadDashboard(org.id, EMPTY_FILTER);
    const ucs = await referenceUseCases(org.id, EMPTY_FILTER);
    for (const sc of SCENARIOS) {
      const ref = referenceScenario(ucs, sc);
      expect(d.scenarioSummaries.find((x) => x.scenario === sc), sc).toMatchObject({ costed: ref.costed, notCosted: ref.notCosted, incomplete: ref.incomplete, lifecycle: ref.lifecycle });
    }
    expect(d.notCosted.examples.map((r) => r.title).sort()).toEqual(ucs.filter((u) => u.evidence !== "none" && !u.lines.some((l) => l.approach === approachIn(u, "chosen"))).map((u) => u.title).sort());
    // The bare idea is not assessed: no recommendation, no cost row at all, listed apart.
    const bare = rows.find((u) => u.title === "Bare idea")!;
    expect(bare).toMatchObject({ evidence: "none", recommendedApproach: null, agreementVotes: 0, agreementVoters: 0 });
    expect(bare.costYears).toEqual([]);
    expect(await db.costLine.count({ where: { useCaseId: bare.id } })).toBe(0);
    expect(d.notAssessed.examples.map((r) => r.title)).toEqual(["Bare idea"]);
    await expectMatchesStoredRows(d, org.id, EMPTY_FILTER);
  });
});

describe("the rollup the dashboard reads (UseCaseRollup) stays equal to the stored rows", () => {
  // Recomputed here, independently of the SQL that maintains it, from UseCase and CostYear.
  async function expectRollupsMatchStoredRows(orgId: string) {
    const ucs = await db.useCase.findMany({ where: { organizationId: orgId }, include: { costYears: true, rollup: true } });
    expect(ucs.length).toBeGreaterThan(0);
    const FIXED: (Approach | null)[] = ["RAG", "FINE_TUNING", "HYBRID"];
    for (const u of ucs) {
      const ch = u.chosenApproach ?? u.recommendedApproach;
      const years = (ap: Approach | null) => u.costYears.filter((y) => y.approach === ap).sort((p, q) => p.yearIndex - q.yearIndex);
      const flat = (ap: Approach | null) => years(ap).flatMap((y) => [y.lowCents, y.baseCents, y.highCents]);
      const lacks = (ap: Approach | null) => years(ap).some((y) => !y.complete);
      const total = (k: "lowCents" | "baseCents" | "highCents") => (years(ch).length ? years(ch).reduce((s, y) => s + y[k], 0n) : null);
      type Feasibility = { meetsLag?: boolean | null; reachesKnowledge?: boolean; worstDelayDays?: number | null };
      const summary = u.projectionSummary as { approaches?: Record<string, { staleDaysPerYear?: Range; timeToValueWeeks?: Range | null; missing?: string[] } & Feasibility>; frameworkVersions?: unknown; weightsVersion?: number; maxLagDays?: number | null } | null;
      const fails = (ap: Approach | null) => { const x = ap ? summary?.approaches?.[ap] : undefined; return !!x && (x.meetsLag === false || x.reachesKnowledge === false); };
      const a = ch ? summary?.approaches?.[ch] : undefined;
      const versions = (summary && "frameworkVersions" in summary ? summary : (u.score as { frameworkVersions?: unknown; weightsVersion?: number } | null)) ?? null;
      const first = u.costYears[0];
      expect(u.rollup, u.title).toEqual({
        useCaseId: u.id, organizationId: u.organizationId, businessUnit: u.businessUnit, status: u.status, ownerId: u.ownerId,
        recommendedApproach: u.recommendedApproach, chosenApproach: u.chosenApproach, riskFlags: u.riskFlags, disagreement: u.disagreement, evidence: u.evidence,
        agreement: u.agreementVotes / Math.max(u.agreementVoters, 1), assumptionVersionId: u.assumptionVersionId, updatedAt: u.updatedAt, deletedAt: u.deletedAt,
        startYear: first ? first.calendarYear - first.yearIndex + 1 : null,
        chosenCents: FIXED.includes(ch) ? [] : flat(ch),
        recommendedCents: FIXED.includes(u.recommendedApproach) ? [] : flat(u.recommendedApproach),
        ragCents: flat("RAG"), fineTuningCents: flat("FINE_TUNING"), hybridCents: flat("HYBRID"),
        incomplete: (lacks(ch) ? 1 : 0) | (lacks(u.recommendedApproach) ? 2 : 0) | (lacks("RAG") ? 4 : 0) | (lacks("FINE_TUNING") ? 8 : 0) | (lacks("HYBRID") ? 16 : 0),
        chosenLowCents: total("lowCents"), chosenBaseCents: total("baseCents"), chosenHighCents: total("highCents"),
        staleLow: a?.staleDaysPerYear?.low ?? null, staleBase: a?.staleDaysPerYear?.base ?? null, staleHigh: a?.staleDaysPerYear?.high ?? null,
        ttvLow: a?.timeToValueWeeks?.low ?? null, ttvBase: a?.timeToValueWeeks?.base ?? null, ttvHigh: a?.timeToValueWeeks?.high ?? null,
        missing: lacks(ch) ? (a?.missing ?? []) : [],
        frameworkVersions: versions?.frameworkVersions ?? null,
        weightsVersion: typeof versions?.weightsVersion === "number" ? versions.weightsVersion : null,
        infeasible: (fails(ch) ? 1 : 0) | (fails(u.recommendedApproach) ? 2 : 0) | (fails("RAG") ? 4 : 0) | (fails("FINE_TUNING") ? 8 : 0) | (fails("HYBRID") ? 16 : 0),
        maxLagDays: typeof summary?.maxLagDays === "number" ? summary.maxLagDays : null,
        worstDelayDays: fails(ch) && typeof a?.worstDelayDays === "number" ? a.worstDelayDays : null,
      });
    }
    // And the dashboard built on it equals the stored rows, for the organization and a filter.
    await expectMatchesStoredRows(await loadDashboard(orgId, EMPTY_FILTER), orgId, EMPTY_FILTER);
    const unit = ucs.find((u) => !u.deletedAt)?.businessUnit ?? "";
    await expectMatchesStoredRows(await loadDashboard(orgId, f({ businessUnit: [unit] })), orgId, f({ businessUnit: [unit] }));
  }
  type Range = { low: number; base: number; high: number };

  it("after creates, edits, decisions, overrides, re-projection, re-scoring, soft delete, restore and an import", async () => {
    const org = await createTestOrg("rollup");
    const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const cases = generateUseCases(12, 5);
    const saved: { id: string; version: number }[] = [];
    for (const fields of cases) saved.push(await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields })));
    await expectRollupsMatchStoredRows(org.id);

    const version = async (id: string) => (await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    const fieldsOf = async (id: string) => rowToFields(await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT }));
    // Edits that move it between filters and change its costs.
    for (const [i, s] of saved.slice(0, 3).entries()) {
      const fields = await fieldsOf(s.id);
      await inUseCaseTransaction((tx) =>
        writeUseCase(tx, ctx, { id: s.id, expectedVersion: s.version, fields: { ...fields, businessUnit: "Moved", status: "LIVE", horizonYears: 3 + i, assessment: { ...fields.assessment, monthlyCalls: 50_000 * (i + 1) } } }),
      );
    }
    await expectRollupsMatchStoredRows(org.id);

    // Decisions, on one of the three and on approaches that are not (their own rollup column).
    for (const [i, chosenApproach] of (["FINE_TUNING", "PROMPTING", "AGENT", null] as const).entries()) {
      const id = saved[3 + i]!.id;
      await inUseCaseTransaction((tx) => recordUseCaseDecision(tx, ctx, { id, expectedVersion: saved[3 + i]!.version, chosenApproach, decisionNotes: "Decided." }));
    }
    await expectRollupsMatchStoredRows(org.id);

    // The use case's own figures.
    await inUseCaseTransaction((tx) =>
      setUseCaseOverrides(tx, ctx, { id: saved[7]!.id, expectedVersion: saved[7]!.version, overrides: { modelInputPricePerMTokens: { low: 20, base: 30, high: 50 } } }),
    );
    await expectRollupsMatchStoredRows(org.id);

    // New assumptions (every use case re-projected) and new weights (every use case re-scored).
    const set = DEFAULT_ASSUMPTIONS;
    await db.assumptionVersion.create({ data: { organizationId: org.id, version: 1, values: JSON.parse(JSON.stringify({ ...set, values: { ...set.values, inputTokensPerCall: { low: 900, base: 1600, high: 3000 } } })) } });
    await rederiveOrganization((fn) => db.$transaction(fn), org.id);
    await expectRollupsMatchStoredRows(org.id);
    await db.organization.update({ where: { id: org.id }, data: { frameworkWeights: { "three-questions": 3, "ordered-decision-tree": 0 }, weightsVersion: 2 } });
    await rederiveOrganization((fn) => db.$transaction(fn), org.id);
    await expectRollupsMatchStoredRows(org.id);

    // The trash, and back.
    await inUseCaseTransaction((tx) => softDeleteUseCase(tx, ctx, { id: saved[8]!.id }));
    await expectRollupsMatchStoredRows(org.id);
    expect((await loadDashboard(org.id, EMPTY_FILTER)).useCases).toBe(11);
    await inUseCaseTransaction((tx) => restoreUseCase(tx, ctx, { id: saved[8]!.id }));
    await expectRollupsMatchStoredRows(org.id);

    // The CSV import: new use cases, and an update of one by its external id.
    const header = ["title", "businessUnit", "status", "externalId", "monthlyCalls", "changeFrequency"];
    const rows = [
      ["Imported one", "Imported", "IDEA", "IMP-1", "20000", "weekly"],
      ["Imported two", "Imported", "LIVE", "IMP-2", "900000", "static"],
      ["Renamed by import", "Imported", "BUILDING", cases[9]!.externalId!, "1500", "daily"],
    ];
    const text = [header, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
    const imported = await importFile({ organizationId: org.id, userId: org.users.ADMIN.id, role: "ADMIN" }, {
      file: new File([text], "more.csv", { type: "text/csv" }),
      fileName: "more.csv",
      mapping: { columns: suggestColumns(header), values: {} },
    });
    expect(imported).toMatchObject({ committed: true, created: 2, updated: 1 });
    await expectRollupsMatchStoredRows(org.id);
    expect(await version(saved[9]!.id)).toBe(2);
  });
});
