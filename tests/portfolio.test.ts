/**
 * The portfolio dashboard against the stored rows: every total, count and list is recomputed
 * in plain TypeScript from CostLine and the use cases' own columns (tests/helpers/portfolio-reference.ts)
 * and must match the dashboard's SQL to the cent, for the whole organization and for several
 * filters. Also: what is not costed or lacks figures is counted and listed, never $0; deleted use
 * cases and other organizations never appear; who may open the page. What the dashboard reads
 * beside the rows (the summary, the rollup) is held to them in tests/portfolio-rollup.test.ts.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import type { Approach } from "@/lib/domain/assessment";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { SCENARIOS, type ScenarioName } from "@/lib/domain/portfolio/types";
import { db, type Prisma } from "@/lib/server/db";
import { loadDashboard, TotalsBeyondExactError } from "@/lib/server/portfolio/dashboard";
import { listWhere } from "@/lib/server/use-cases/list";
import { refreshRollups } from "@/lib/server/portfolio/rollup";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { cents, expectMatchesStoredRows, filterWith, referenceUseCases } from "./helpers/portfolio-reference";
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
    // "When to use" is turned off (weight 0): its stored result still names a pick, but it does not vote.
    data: { agreementVotes: 2, agreementVoters: 3, score: { frameworkVersions: VERSIONS_1, weightsVersion: 2, weights: { "three-questions": 1, "ordered-decision-tree": 1, "behaviour-vs-knowledge": 1, "start-with-rag": 1, "when-to-use": 0 }, frameworks: [
      { frameworkId: "three-questions", title: "Three questions", recommendation: "AGENT", abstained: false },
      { frameworkId: "ordered-decision-tree", title: "Decision tree", recommendation: "RAG", abstained: false },
      { frameworkId: "behaviour-vs-knowledge", title: "Behaviour vs knowledge", recommendation: "AGENT", abstained: false },
      { frameworkId: "start-with-rag", title: "Start with RAG", recommendation: null, abstained: true },
      { frameworkId: "when-to-use", title: "When to use", recommendation: "PIPELINE", abstained: false },
    ] } },
  });
  // The patches above changed stored summaries and scores by hand: rebuild their rollup rows, as a save would.
  await refreshRollups(db, a.id, Object.values(ids));
});

// The reference (the same numbers from the stored lines, in plain TypeScript) is in
// tests/helpers/portfolio-reference.ts.

describe("the portfolio dashboard adds up to the stored rows", () => {
  it.each([
    ["the whole organization", () => filterWith({})],
    ["a business unit", () => filterWith({ businessUnit: ["Support"] })],
    ["two business units", () => filterWith({ businessUnit: ["Support", "Marketing"] })],
    ["a status", () => filterWith({ status: ["LIVE"] })],
    ["a risk flag", () => filterWith({ flag: ["NO_EVALUATION_SET"] })],
    ["recommended and chosen", () => filterWith({ recommended: ["RAG"], chosen: ["FINE_TUNING"] })],
    ["none chosen", () => filterWith({ chosen: ["NONE"] })],
    ["as chosen RAG (a decision, else the recommendation)", () => filterWith({ asChosen: ["RAG"] })],
    ["as chosen hybrid or pipeline, in one business unit", () => filterWith({ asChosen: ["HYBRID", "PIPELINE"], businessUnit: ["Marketing", "Ops"] })],
    ["not scored, or recommended RAG and none chosen", () => filterWith({ recommended: ["NONE", "RAG"], chosen: ["NONE"] })],
    ["an owner and a status", () => filterWith({ ownerId: [a.users.EXECUTIVE.id], status: ["IDEA", "APPROVED"] })],
    ["nothing matching", () => filterWith({ businessUnit: ["Nobody"] })],
  ])("for %s", async (_label, filter) => {
    const d = await loadDashboard(a.id, filter());
    await expectMatchesStoredRows(d, a.id, filter());
    // The use-case list, given the same filter (as every link from the dashboard does), counts the same use cases.
    expect(await db.useCase.count({ where: listWhere(a.id, filter(), "") })).toBe(d.useCases);
    // and each approach's "as chosen" count is the list's count for that approach as chosen
    for (const ap of d.byApproach) expect(await db.useCase.count({ where: listWhere(a.id, { ...filter(), asChosen: [ap.approach] }, "") }), ap.approach).toBe(ap.useCases);
  });

  it("gives the as-chosen total worked out by hand", async () => {
    const d = await loadDashboard(a.id, filterWith({ businessUnit: ["Support", "Marketing", "Ops"] }));
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
    }
    const pair = (scenario: ScenarioName, against: ScenarioName) => d.savings.find((s) => s.scenario === scenario && s.against === against)!;
    // As chosen and as recommended leave out the same use case (the agent, costed under neither)
    // and lack a figure for the same one (Copywriter, fine-tuning both ways): like for like.
    expect(d.scenarioSummaries.find((s) => s.scenario === "chosen")).toMatchObject({ notCosted: 1, incomplete: 1 });
    expect(d.scenarioSummaries.find((s) => s.scenario === "recommended")).toMatchObject({ notCosted: 1, incomplete: 1 });
    expect(pair("recommended", "chosen")).toMatchObject({ comparable: true, differing: 0 });
    expect(pair("chosen", "recommended")).toMatchObject({ comparable: true, differing: 0 });
    // Everything RAG costs the agent, which as chosen leaves out, and has every figure for
    // Copywriter: two use cases whose part of the difference is coverage, not cost.
    expect(pair("RAG", "chosen")).toMatchObject({ comparable: false, differing: 2 });
    // Everything hybrid leaves out Pipeline (no hybrid lines), which as chosen costs by its estimate; and has Copywriter's every figure.
    expect(pair("HYBRID", "chosen")).toMatchObject({ comparable: false, differing: 2 });
    const rag = d.savings.find((s) => s.scenario === "RAG" && s.against === "chosen")!;
    expect(rag.cents).toBeGreaterThan(0); // everything on RAG costs less than as chosen here
    // On a view where everything is costed and complete, the comparison is clean.
    const clean = await loadDashboard(a.id, filterWith({ businessUnit: ["Legal"] }));
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
    // Each of these lists is the use-case list filtered to it, so "and N more" can lead there.
    const listed = async (f: Partial<typeof EMPTY_FILTER>) => (await db.useCase.findMany({ where: listWhere(a.id, { ...EMPTY_FILTER, ...f }, ""), select: { title: true } })).map((u) => u.title);
    expect(await listed({ costs: ["NOT_COSTED"] })).toEqual(["Agent without estimate"]);
    expect(await listed({ costs: ["INCOMPLETE"] })).toEqual(["Copywriter"]);
    expect(await listed({ evidence: ["none"] })).toEqual(["Unscored idea"]);
    expect((await listed({ disagreement: ["yes"] })).length).toBe(d.disagreements);
    expect((await listed({ disagreement: ["yes", "no"] })).length).toBe(d.useCases);
    const asFiltered = await loadDashboard(a.id, filterWith({ costs: ["NOT_COSTED", "INCOMPLETE"] }));
    expect(asFiltered.useCases).toBe(2);
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
    expect(d.disagreeing[0]).toMatchObject({ title: "Agent without estimate", agreement: { votes: 2, voters: 3 } });
    expect(d.disagreeing[0]!.picks).toEqual([
      { framework: "Three questions", approach: "AGENT" },
      { framework: "Decision tree", approach: "RAG" },
      { framework: "Behaviour vs knowledge", approach: "AGENT" },
    ]); // not "When to use: Pipeline", which the organization turned off
    expect(d.flaggedTotal).toBe(4);
    expect(d.riskFlagged).toBe(3);
  });

  it("sums stale days and averages time to value from the stored summaries, as chosen; per approach, both are averages per use case", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.freshness.staleDaysPerYear).toEqual({ low: 20, base: 55, high: 120 });
    expect(d.freshness.useCasesWithStaleness).toBe(2);
    expect(d.freshness.timeToValueUseCases).toBe(3);
    expect(d.freshness.timeToValueWeeks).toEqual({ low: 11 / 3, base: 16 / 3, high: 25 / 3 });
    expect(d.freshness.longestTimeToValueWeeks).toBe(12);
    expect(d.freshness.byApproach.find((x) => x.approach === "FINE_TUNING")).toEqual({ approach: "FINE_TUNING", useCases: 2, staleDaysPerYear: { low: 10, base: 27.5, high: 60 }, staleUseCases: 2, timeToValueWeeks: { low: 5, base: 7, high: 11 }, timeToValueUseCases: 2 });
    const support = await loadDashboard(a.id, filterWith({ status: ["LIVE"], chosen: ["FINE_TUNING"] }));
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
    const marketing = await loadDashboard(a.id, filterWith({ businessUnit: ["Marketing"] }));
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
    const one = await loadDashboard(big.id, filterWith({ businessUnit: ["Ops"] }));
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
    const d = await loadDashboard(a.id, filterWith({ businessUnit: ["Support"] }));
    expect([...d.top, ...d.flagged, ...d.disagreeing, ...d.notCosted.examples].map((t) => t.title)).not.toContain("Deleted one");
    expect(d.scenarioSummaries.find((s) => s.scenario === "RAG")!.lifecycle.base).toBe(cents((await referenceUseCases(a.id, filterWith({ businessUnit: ["Support"] }))).flatMap((u) => u.lines.filter((l) => l.approach === "RAG").map((l) => l.base))));
  });

  it("never shows another organization's use cases, and theirs never ours", async () => {
    const ours = await loadDashboard(a.id, filterWith({ businessUnit: ["Support"] }));
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
    const d = await loadDashboard(a.id, filterWith({ ownerId: [b.users.LEAD.id] }));
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
    // cells with no decision, and the row of use cases not scored (not assessed: the row says so), link too
    expect(html).toContain(`href="/o/${a.slug}/use-cases?bu=Support&amp;recommended=RAG&amp;chosen=NONE"`);
    const all = renderToStaticMarkup(await open(a.slug));
    expect(all).toContain(`href="/o/${a.slug}/use-cases?recommended=NONE&amp;chosen=NONE&amp;evidence=none"`);
    expect(all).toContain(`href="/o/${a.slug}/use-cases?recommended=NONE&amp;evidence=none"`);
    expect(all).toContain("No recommendation: not assessed");
    expect(all).not.toContain("No recommendation: assessed, held back");
    // each approach's lifecycle links to its use cases as chosen
    expect(all).toContain(`href="/o/${a.slug}/use-cases?as=RAG"`);
  });

  it("gives the scenario chart's figures once: the table below it is its text view, not a toggle to a copy of its first columns", async () => {
    signInAs(a.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await open(a.slug));
    const panel = html.slice(html.indexOf('data-testid="scenarios-panel"'));
    expect(panel).toContain("are in the table below");
    expect(panel).not.toContain("Show scenario lifecycles as a table");
    expect(panel.match(/<caption[^>]*>[^<]*<\/caption>/g)?.filter((c) => c.includes("Lifecycle cost per scenario"))).toEqual([]);
    expect(panel).toContain("Scenarios: lifecycle cost, coverage and savings against as chosen and as recommended");
  });

  it("is not found for someone outside the organization, and asks a signed-out visitor to sign in", async () => {
    signInAs(b.users.ADMIN.id);
    await expect(open(a.slug)).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    signOut();
    await expect(open(a.slug)).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

describe("the page's weight (issue 22: executives reloading it back to back)", () => {
  // A server-rendered page carries every class name and text node twice: in its HTML and in the
  // React payload after it. The dashboard repeats table cells, links and list items by the hundred.
  it("gives its table cells short class names, and each list item's note one text node", async () => {
    signInAs(a.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: a.slug }), searchParams: Promise.resolve({}) }));
    const cellClasses = [...html.matchAll(/<t[dh]\b[^>]*\bclass="([^"]*)"/g)].map((m) => m[1]!);
    expect(cellClasses.length).toBeGreaterThan(50);
    // They were about 55 characters each ("border-b border-zinc-100 px-2 py-2 text-right tabular-nums").
    const average = cellClasses.reduce((n, c) => n + c.length, 0) / cellClasses.length;
    expect(average).toBeLessThan(20);
    // The use cases the totals leave out: each "(approach)" one string, with no empty comment between its parts.
    const notCosted = html.slice(html.indexOf('data-testid="not-costed"'), html.indexOf("</details>", html.indexOf('data-testid="not-costed"')));
    expect(notCosted).toContain("<li>");
    expect(notCosted).not.toContain("<!-- -->");
  });
});
