/**
 * The headline's "from what?": how much of a year's spend as chosen comes from use cases with no
 * planned start date, which the projection counts from the year each was logged. Worked by hand
 * from fixture rows; filtered and not; a start date given takes a use case out; a deleted one and
 * another organization's never count.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { filterWith } from "./helpers/portfolio-reference";

let a: TestOrg;
let b: TestOrg;
const ids: Record<string, string> = {};

beforeAll(async () => {
  a = await createTestOrg("undated");
  b = await createTestOrg("undatedother");
  const lead = a.users.LEAD.id;
  const add = async (key: string, uc: Parameters<typeof insertUseCaseWithCosts>[1]) => (ids[key] = await insertUseCaseWithCosts(a.id, uc));
  // Planned to start in 2026: the rest of 2026's spend.
  await add("dated", { title: "Dated search", businessUnit: "Support", ownerId: lead, recommended: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [100_000_00, 110_000_00] } } });
  // Logged in 2026 with no start date: a full first year in 2026, its build included.
  await add("ideaA", { title: "Idea A", businessUnit: "Support", ownerId: lead, recommended: "RAG", undated: true, startYear: 2026, yearly: { RAG: { BUILD_ENGINEERING: [50_000_00, 0], INFERENCE: [12_345_67, 20_000_00] } } });
  // An agent priced from its owner's estimate: as chosen, the rollup's own as-chosen array.
  await add("ideaB", { title: "Idea B", businessUnit: "Support", ownerId: lead, recommended: "AGENT", manual: ["AGENT"], undated: true, startYear: 2026, yearly: { AGENT: { MANUAL_ESTIMATE: [30_000_01, 30_000_01] }, RAG: { INFERENCE: [9_00, 9_00] } } });
  // Logged in 2025, chosen fine-tuning over the recommended RAG: 2026 is its second year.
  await add("ideaC", { title: "Idea C", businessUnit: "Legal", ownerId: lead, recommended: "RAG", chosen: "FINE_TUNING", undated: true, startYear: 2025, yearly: { FINE_TUNING: { RETRAINING: [1_000_00, 2_000_00, 3_000_00] }, RAG: { INFERENCE: [7_00, 7_00, 7_00] } } });
  await add("deleted", { title: "Deleted idea", businessUnit: "Support", ownerId: lead, recommended: "RAG", undated: true, startYear: 2026, deleted: true, yearly: { RAG: { INFERENCE: [999_999_00] } } });
  await insertUseCaseWithCosts(b.id, { title: "Other org's idea", businessUnit: "Support", ownerId: b.users.LEAD.id, recommended: "RAG", undated: true, startYear: 2026, yearly: { RAG: { INFERENCE: [123_456_00] } } });
}, 120_000);

describe("the part of each year's spend from use cases with no planned start date", () => {
  it("is worked out by hand, and is a part of the year's spend to the cent", async () => {
    const d = await loadDashboard(a.id, filterWith({}));
    expect(d.undated).toEqual([
      // Idea C's first year.
      { calendarYear: 2025, base: 1_000_00, useCases: 1, firstYear: 1 },
      // Idea A: 50,000 + 12,345.67; Idea B: 30,000.01; Idea C's second year: 2,000.
      { calendarYear: 2026, base: 62_345_67 + 30_000_01 + 2_000_00, useCases: 3, firstYear: 2 },
      // Idea A: 0 + 20,000; Idea B: 30,000.01; Idea C: 3,000.
      { calendarYear: 2027, base: 20_000_00 + 30_000_01 + 3_000_00, useCases: 3, firstYear: 0 },
    ]);
    const spend = (year: number) => d.spend.find((y) => y.calendarYear === year)!.base;
    // 2026: the dated use case's 100,000 and the three undated ones' 94,345.68.
    expect(spend(2026)).toBe(100_000_00 + 94_345_68);
    expect(spend(2027)).toBe(110_000_00 + 53_000_01);
  });

  it("follows the filter", async () => {
    const d = await loadDashboard(a.id, filterWith({ businessUnit: ["Legal"] }));
    expect(d.undated.find((u) => u.calendarYear === 2026)).toEqual({ calendarYear: 2026, base: 2_000_00, useCases: 1, firstYear: 0 });
    const none = await loadDashboard(a.id, filterWith({ asChosen: ["AGENT"], businessUnit: ["Legal"] }));
    expect(none.undated).toEqual([]);
  });

  it("leaves out a use case once it is given a start date", async () => {
    await db.useCase.update({ where: { id: ids.ideaB! }, data: { startDate: new Date("2026-01-01T00:00:00Z") } });
    try {
      const d = await loadDashboard(a.id, filterWith({}));
      expect(d.undated.find((u) => u.calendarYear === 2026)).toEqual({ calendarYear: 2026, base: 62_345_67 + 2_000_00, useCases: 2, firstYear: 1 });
    } finally {
      await db.useCase.update({ where: { id: ids.ideaB! }, data: { startDate: null } });
    }
  });
});

describe("the part of each year's spend that is the full first year of use cases starting in July or later", () => {
  it("is the first year's as-chosen base of each, in the year it starts, a part of that year's spend; an earlier start month or none is not counted", async () => {
    // "Dated search" starts in January: not late.
    expect((await loadDashboard(a.id, filterWith({}))).lateStarts).toEqual([]);
    await db.useCase.update({ where: { id: ids.dated! }, data: { startDate: new Date("2026-11-01T00:00:00Z") } });
    try {
      const d = await loadDashboard(a.id, filterWith({}));
      // Its first year, 100,000, counted whole in 2026 though it runs November 2026 to October 2027.
      expect(d.lateStarts).toEqual([{ calendarYear: 2026, base: 100_000_00, useCases: 1 }]);
      expect(d.spend.find((y) => y.calendarYear === 2026)!.base).toBeGreaterThanOrEqual(100_000_00);
      // Filtered to another unit: none.
      expect((await loadDashboard(a.id, filterWith({ businessUnit: ["Legal"] }))).lateStarts).toEqual([]);
      await db.useCase.update({ where: { id: ids.dated! }, data: { startDate: new Date("2026-06-30T00:00:00Z") } });
      expect((await loadDashboard(a.id, filterWith({}))).lateStarts).toEqual([]);
    } finally {
      await db.useCase.update({ where: { id: ids.dated! }, data: { startDate: new Date("2026-01-01T00:00:00Z") } });
    }
  });
});
