/**
 * The portfolio's freshness table: each approach's stale days a year and time to value are
 * averages over the use cases that have the figure, and the table says how many that is. A use
 * case with no projection for its approach as chosen (an agent with no estimate; a decision for an
 * approach that was never costed) has no figure: it is left out and counted as such, never read as
 * 0 stale days pulling the average down. The kept sums (unfiltered view), one scan of the rollup
 * and a filter (the panels' own statement) give the same answer, and so does the page.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db, type Prisma } from "@/lib/server/db";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { useCasePanels, useCasePanelsFromRollup } from "@/lib/server/portfolio/panels/use-cases";
import { refreshRollups } from "@/lib/server/portfolio/rollup";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { filterWith } from "./helpers/portfolio-reference";
import { signInAs } from "./helpers/session";

let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg("fresh");
  const owner = org.users.LEAD.id;
  const rag = { RAG: { INFERENCE: [100_00, 100_00] } };
  // Fine-tuned and costed: 20–60 stale days a year, 6–12 weeks to value.
  const tuned = await insertUseCaseWithCosts(org.id, { title: "Tuned and costed", businessUnit: "Claims", ownerId: owner, recommended: "FINE_TUNING", chosen: "FINE_TUNING", yearly: { ...rag, FINE_TUNING: { RETRAINING: [400_00, 400_00] } } });
  // Fine-tuning chosen, but never costed for it: no figure, not 0 days.
  await insertUseCaseWithCosts(org.id, { title: "Tuned, not costed", businessUnit: "Claims", ownerId: owner, recommended: "RAG", chosen: "FINE_TUNING", yearly: rag });
  // Two agents with no estimate, one with an estimate (no time to value: an estimate gives none).
  await insertUseCaseWithCosts(org.id, { title: "Agent A, no estimate", businessUnit: "Claims", ownerId: owner, recommended: "AGENT", yearly: rag });
  await insertUseCaseWithCosts(org.id, { title: "Agent B, no estimate", businessUnit: "Ops", ownerId: owner, recommended: "AGENT", yearly: rag });
  await insertUseCaseWithCosts(org.id, { title: "Agent with an estimate", businessUnit: "Ops", ownerId: owner, recommended: "AGENT", manual: ["AGENT"], yearly: { ...rag, AGENT: { MANUAL_ESTIMATE: [1_000_00, 1_000_00] } } });
  const row = await db.useCase.findUniqueOrThrow({ where: { id: tuned }, select: { projectionSummary: true } });
  const s = row.projectionSummary as { approaches: Record<string, Record<string, unknown>> };
  s.approaches.FINE_TUNING = { ...s.approaches.FINE_TUNING, staleDaysPerYear: { low: 20, base: 40, high: 60 }, timeToValueWeeks: { low: 6, base: 8, high: 12 } };
  await db.useCase.update({ where: { id: tuned }, data: { projectionSummary: s as Prisma.InputJsonValue } });
  await refreshRollups(db, org.id, [tuned]);
});

describe("the freshness table's averages", () => {
  it("are over the use cases with the figure, and say how many: the uncosted are left out, not read as 0 days", async () => {
    const d = await loadDashboard(org.id, EMPTY_FILTER);
    expect(d.freshness.byApproach).toEqual([
      // Not 10–30 (40 days over two use cases, one of them never costed for fine-tuning).
      { approach: "FINE_TUNING", useCases: 2, staleDaysPerYear: { low: 20, base: 40, high: 60 }, staleUseCases: 1, timeToValueWeeks: { low: 6, base: 8, high: 12 }, timeToValueUseCases: 1 },
      // An owner's estimate has no stale-days figure (cost engine 2.18): not "0 over 1 of 3", as its cost panel shows "—".
      { approach: "AGENT", useCases: 3, staleDaysPerYear: null, staleUseCases: 0, timeToValueWeeks: null, timeToValueUseCases: 0 },
    ]);
  });

  it("come out the same from the kept sums, one scan of the rollup and a filter that keeps every use case", async () => {
    const kept = await useCasePanels(org.id, EMPTY_FILTER);
    expect(kept.freshness).toEqual((await useCasePanelsFromRollup(org.id, EMPTY_FILTER)).freshness);
    expect(kept.freshness).toEqual((await useCasePanels(org.id, filterWith({ businessUnit: ["Claims", "Ops"] }))).freshness);
  });

  it("with no use case costed for an approach, give no average at all rather than 0", async () => {
    const agents = await loadDashboard(org.id, filterWith({ businessUnit: ["Claims"], asChosen: ["AGENT"] }));
    expect(agents.freshness.byApproach).toEqual([{ approach: "AGENT", useCases: 1, staleDaysPerYear: null, staleUseCases: 0, timeToValueWeeks: null, timeToValueUseCases: 0 }]);
  });

  it("on the page, say what each average is over", async () => {
    signInAs(org.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    const table = html.slice(html.indexOf("Stale days a year and time to value per approach"));
    expect(table).toContain("40 (20–60)");
    expect(table).toContain("over 1 of 2 use cases; 1 without a figure");
    expect(table).toContain("all 3 use cases are without a figure");
    expect(table).toContain("all 3 use cases are without a time to value");
    expect(table).not.toContain("20 (10–30)");
    // The agent with an estimate has no stale-days figure, as its own cost panel shows: "—", not 0 days.
    expect(table).toMatch(/Agent with tools<\/th><td[^>]*>3<\/td><td[^>]*>—<span/);
    expect(table).not.toContain("0 (0–0)");
    // Where the time to value comes from: the assumption, and its default's source.
    expect(table).toContain("Fine-tuning&#x27;s time to value is the assumption “Fine-tuning (and hybrid) time to value”");
    // The headline's average time to value says what it is over: not "over 1 use case" of five.
    expect(html).toContain("6–12 weeks, as chosen, over 1 of 5 use cases; 4 without one (priced from an estimate, or not costed)");
    expect(table).toContain("Agent with tools: no time to value, priced from an estimate that gives none.");
    const claimsAgents = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({ bu: "Claims", as: "AGENT" }) }));
    expect(claimsAgents).toContain("the one use case is without a figure");
    // Two, all or none: "both", never "all 2"; every one, never "over all 5" (read as "overall").
    const ops = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({ bu: "Ops" }) }));
    expect(ops).toContain("both use cases are without a time to value");
    expect(ops).not.toContain("all 2 use cases");
    expect(ops).toContain("No use case is stale any day of the year (base).");
    expect(ops).not.toContain("0 use cases are stale");
  });
});
