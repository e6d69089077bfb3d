/**
 * The headline's "how sure?": how much of the lifecycle total as chosen (and of the headline's
 * year) rests on use cases whose recommendation is provisional (some deciding answers missing).
 * Worked by hand from fixture rows; the figure is, to the cent, the total the portfolio shows
 * filtered to the provisional use cases; a deleted one and another organization's never count;
 * nothing is said when nothing provisional is costed.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { Headline } from "@/app/o/[org]/portfolio/_components/headline";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { loadOverview } from "@/lib/server/portfolio/overview";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { filterWith } from "./helpers/portfolio-reference";

let a: TestOrg;
let b: TestOrg;
let c: TestOrg;
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  a = await createTestOrg("provisional");
  b = await createTestOrg("provisionalother");
  c = await createTestOrg("provisionalnone");
  const lead = a.users.LEAD.id;
  // Two assessed use cases: $460,000 over their lifecycles, $300,000 of it this year.
  await insertUseCaseWithCosts(a.id, { title: "Claims search", businessUnit: "Claims", ownerId: lead, recommended: "RAG", chosen: "RAG", startYear: YEAR, yearly: { RAG: { INFERENCE: [100_000_00, 110_000_00] } } });
  await insertUseCaseWithCosts(a.id, { title: "Contract tuning", businessUnit: "Legal", ownerId: lead, recommended: "RAG", chosen: "FINE_TUNING", startYear: YEAR, yearly: { FINE_TUNING: { RETRAINING: [200_000_00, 50_000_00] }, RAG: { INFERENCE: [1_00, 1_00] } } });
  // One thinly answered idea with a large projection, priced as prompting (the rollup's own as-chosen array).
  await insertUseCaseWithCosts(a.id, {
    title: "Sales email drafter", businessUnit: "Sales", ownerId: lead, status: "IDEA", recommended: "PROMPTING", evidence: "provisional", startYear: YEAR,
    yearly: { PROMPTING: { INFERENCE: [1_000_000_00, 3_000_000_00, 9_000_000_01] }, RAG: { INFERENCE: [5_00, 5_00, 5_00] } },
  });
  // Neither a deleted provisional use case nor a not assessed one (no cost anywhere) counts.
  await insertUseCaseWithCosts(a.id, { title: "Deleted draft", businessUnit: "Sales", ownerId: lead, recommended: "RAG", evidence: "provisional", deleted: true, startYear: YEAR, yearly: { RAG: { INFERENCE: [777_777_00] } } });
  await insertUseCaseWithCosts(a.id, { title: "Not yet assessed", businessUnit: "Sales", ownerId: lead, evidence: "none", yearly: {} });
  // Another organization's provisional use case; a third whose use cases are all assessed.
  await insertUseCaseWithCosts(b.id, { title: "Other org's draft", businessUnit: "Sales", ownerId: b.users.LEAD.id, recommended: "RAG", evidence: "provisional", startYear: YEAR, yearly: { RAG: { INFERENCE: [555_555_00] } } });
  await insertUseCaseWithCosts(c.id, { title: "Assessed search", businessUnit: "Sales", ownerId: c.users.LEAD.id, recommended: "RAG", startYear: YEAR, yearly: { RAG: { INFERENCE: [42_000_00] } } });
}, 120_000);

const PROVISIONAL = 1_000_000_00 + 3_000_000_00 + 9_000_000_01;
const text = (html: string) => html.replace(/<[^>]+>/g, "");
const render = (d: Dashboard) =>
  renderToStaticMarkup(Headline({ d, listHref: (x?: Partial<PortfolioFilter>) => `/list?evidence=${x?.evidence?.join(",") ?? ""}`, disagreementsHref: "#d" }));
const sentence = (html: string) => html.match(/<p[^>]*data-testid="headline-provisional"[^>]*>.*?<\/p>/s)?.[0] ?? null;
const chosenTotal = (d: Dashboard) => d.scenarioSummaries.find((s) => s.scenario === "chosen")!.lifecycle.base;

describe("the part of the headline resting on provisional recommendations", () => {
  it("is worked out by hand, and equals the total of the portfolio filtered to the provisional use cases", async () => {
    const d = await loadDashboard(a.id, filterWith({}));
    expect(d.provisional).toEqual({
      base: PROVISIONAL,
      useCases: 1,
      years: [
        { calendarYear: YEAR, base: 1_000_000_00, useCases: 1 },
        { calendarYear: YEAR + 1, base: 3_000_000_00, useCases: 1 },
        { calendarYear: YEAR + 2, base: 9_000_000_01, useCases: 1 },
      ],
    });
    // The whole lifecycle: 210,000 + 250,000 assessed and 13,000,000.01 provisional.
    expect(chosenTotal(d)).toBe(210_000_00 + 250_000_00 + PROVISIONAL);
    const filtered = await loadDashboard(a.id, filterWith({ evidence: ["provisional"] }));
    expect(chosenTotal(filtered)).toBe(d.provisional.base);
    expect(filtered.spend.find((y) => y.calendarYear === YEAR)!.base).toBe(d.provisional.years[0]!.base);
    // The cached page (the unfiltered view) carries the same figure.
    const overview = await loadOverview(a.id, filterWith({}), YEAR);
    expect((overview.dashboard as Dashboard).provisional).toEqual(d.provisional);
  });

  it("is said under the headline's figures, linked to the provisional use cases", async () => {
    const html = render(await loadDashboard(a.id, filterWith({})));
    const p = sentence(html);
    // 13,000,000.01 of 13,460,000.01 is 96.6%; this year, 1,000,000 of 1,300,000.
    expect(text(p!)).toBe(
      `Of the lifecycle total, $13,000,000 (97%) is from 1 use case whose recommendation is provisional (too few answers to be sure), and $1,000,000 of the ${YEAR} figure: check its answers.`,
    );
    expect(p).toContain('href="/list?evidence=provisional"');
    // Filtered to them, all of it.
    const only = sentence(render(await loadDashboard(a.id, filterWith({ evidence: ["provisional"] }))));
    expect(text(only!)).toContain("Of the lifecycle total, $13,000,000 (100%) is from 1 use case");
  });

  it("is not said when nothing in view is provisional", async () => {
    for (const [org, filter] of [[a, filterWith({ businessUnit: ["Claims", "Legal"] })], [a, filterWith({ evidence: ["assessed"] })], [c, filterWith({})]] as const) {
      const d = await loadDashboard(org.id, filter);
      expect(d.provisional).toEqual({ base: 0, useCases: 0, years: [] });
      const html = render(d);
      expect(html).toContain('data-testid="headline"');
      expect(sentence(html)).toBeNull();
    }
  });
});
