import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { loadDashboard, total } from "@/lib/server/portfolio/dashboard";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";

let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  a = await createTestOrg("dash");
  b = await createTestOrg("other");
  const lead = a.users.LEAD.id;
  await insertUseCaseWithCosts(a.id, { title: "Support bot", businessUnit: "Support", ownerId: lead, status: "LIVE", recommended: "RAG", chosen: "FINE_TUNING", riskFlags: ["CHOSEN_DIFFERS_FROM_CONSENSUS"],
    yearly: { RAG: { INFERENCE: [100_00, 110_00], RETRIEVAL_INFRA: [50_00, 50_00] }, FINE_TUNING: { RETRAINING: [400_00, 400_00] }, HYBRID: { INFERENCE: [300_00, 300_00] } } });
  await insertUseCaseWithCosts(a.id, { title: "Copywriter", businessUnit: "Marketing", ownerId: lead, status: "IDEA", recommended: "FINE_TUNING",
    yearly: { RAG: { INFERENCE: [70_00, 70_00] }, FINE_TUNING: { BUILD_ENGINEERING: [1_000_00, 0], INFERENCE: [20_00, null] }, HYBRID: { INFERENCE: [10_00, 10_00] } } });
  await insertUseCaseWithCosts(a.id, { title: "Agent without estimate", businessUnit: "Support", ownerId: lead, recommended: "AGENT", disagreement: true, yearly: { RAG: { INFERENCE: [5_00] } } });
  await insertUseCaseWithCosts(a.id, { title: "Deleted one", businessUnit: "Support", ownerId: lead, recommended: "RAG", deleted: true, yearly: { RAG: { INFERENCE: [9_999_00] } } });
  await insertUseCaseWithCosts(b.id, { title: "Other org", businessUnit: "Support", ownerId: b.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [123_456_00] } } });
});

/** The same totals straight from the stored rows, for comparison. */
async function storedSum(orgId: string, titles: string[], scenario: "chosen" | "recommended" | "RAG") {
  const ucs = await db.useCase.findMany({ where: { organizationId: orgId, title: { in: titles }, deletedAt: null } });
  let sum = 0n;
  for (const u of ucs) {
    const approach = scenario === "chosen" ? (u.chosenApproach ?? u.recommendedApproach) : scenario === "recommended" ? u.recommendedApproach : "RAG";
    if (!approach) continue;
    const lines = await db.costLine.findMany({ where: { useCaseId: u.id, approach } });
    sum += lines.reduce((s, l) => s + (l.baseCents ?? 0n), 0n);
  }
  return Number(sum);
}

const f = (x: Partial<PortfolioFilter>): PortfolioFilter => ({ ...EMPTY_FILTER, ...x });

describe("the portfolio dashboard", () => {
  it("adds up to the stored projection lines, scenario by scenario, to the cent", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.useCases).toBe(3);
    const all = ["Support bot", "Copywriter", "Agent without estimate"];
    for (const s of ["chosen", "recommended", "RAG"] as const) {
      expect(total(d.scenarios.filter((r) => r.scenario === s)).base).toBe(await storedSum(a.id, all, s));
    }
    expect(total(d.yearly).base).toBe(total(d.scenarios.filter((r) => r.scenario === "chosen")).base);
    // As chosen: Support bot's fine-tuning (800) + Copywriter's fine-tuning (1,020, one figure missing) = $1,820
    expect(total(d.yearly).base).toBe(1_820_00);
  });

  it("never counts a missing figure or an uncosted approach as zero without saying so", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.coverage).toEqual({ notCosted: 1, incomplete: 1 });
  });

  it("follows the filter: business unit, status, risk flag, recommended and chosen", async () => {
    expect((await loadDashboard(a.id, f({ businessUnit: ["Marketing"] }))).useCases).toBe(1);
    expect(total((await loadDashboard(a.id, f({ businessUnit: ["Marketing"] }))).yearly).base).toBe(await storedSum(a.id, ["Copywriter"], "chosen"));
    expect((await loadDashboard(a.id, f({ status: ["LIVE"] }))).useCases).toBe(1);
    expect((await loadDashboard(a.id, f({ flag: ["CHOSEN_DIFFERS_FROM_CONSENSUS"] }))).flagged.map((x) => x.title)).toEqual(["Support bot"]);
    const m = await loadDashboard(a.id, f({ recommended: ["RAG"], chosen: ["FINE_TUNING"] }));
    expect(m.useCases).toBe(1);
    expect(m.matrix).toEqual([{ recommended: "RAG", chosen: "FINE_TUNING", count: 1 }]);
  });

  it("counts recommended against chosen, and lists disagreements and flags", async () => {
    const d = await loadDashboard(a.id, EMPTY_FILTER);
    expect(d.matrix).toEqual(expect.arrayContaining([{ recommended: "RAG", chosen: "FINE_TUNING", count: 1 }, { recommended: "FINE_TUNING", chosen: null, count: 1 }, { recommended: "AGENT", chosen: null, count: 1 }]));
    expect(d.flaggedTotal).toBe(2);
    expect(d.top.map((t) => t.title)).toEqual(["Copywriter", "Support bot"]);
  });

  it("never shows another organization's use cases, nor deleted ones", async () => {
    const d = await loadDashboard(a.id, f({ businessUnit: ["Support"] }));
    expect(d.top.map((t) => t.title)).not.toContain("Other org");
    expect(d.top.map((t) => t.title)).not.toContain("Deleted one");
    const other = await loadDashboard(b.id, EMPTY_FILTER);
    expect(other.useCases).toBe(1);
    expect(total(other.scenarios.filter((r) => r.scenario === "RAG")).base).toBe(123_456_00);
  });
});
