/**
 * The portfolio's scenarios and the fourth reason an approach cannot serve: a capability the use
 * case needs (lib/domain/frameworks/capabilities.ts). Through the real save path (score, project,
 * write, the rollup and its kept sums), "Everything RAG" that moves a use case needing tools onto
 * RAG is cheaper on paper but no saving: the page marks it † and counts the use case it cannot serve.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import type { ScenarioName } from "@/lib/domain/portfolio/types";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { useCasePanelsFromRollup } from "@/lib/server/portfolio/panels/use-cases";
import { createTestOrg } from "./helpers/factory";
import { writeRenewalNotes } from "./helpers/renewal-notes";
import { signInAs } from "./helpers/session";

describe("a use case that needs tools, in the portfolio's scenarios", () => {
  it("Everything RAG, cheaper on paper, is 'not a saving†' and counts the use case it cannot serve", async () => {
    const org = await createTestOrg("capability");
    // The demo's renewal notes: it needs tools; the frameworks pick an agent, priced by its owner
    // at more a year than RAG would cost.
    await writeRenewalNotes(org);

    const d = await loadDashboard(org.id, EMPTY_FILTER);
    const summary = (s: ScenarioName) => d.scenarioSummaries.find((x) => x.scenario === s)!;
    expect(summary("recommended").lifecycle.base).toBeGreaterThan(summary("RAG").lifecycle.base);
    expect([summary("chosen").infeasible, summary("recommended").infeasible, summary("RAG").infeasible, summary("FINE_TUNING").infeasible, summary("HYBRID").infeasible]).toEqual([0, 0, 1, 1, 1]);
    expect(d.savings.find((s) => s.scenario === "RAG" && s.against === "recommended")).toMatchObject({ infeasible: 1 });
    // The kept sums (unfiltered) and a scan of the rollup (filtered) count it alike.
    expect((await useCasePanelsFromRollup(org.id, EMPTY_FILTER)).infeasible).toEqual({ chosen: 0, recommended: 0, RAG: 1, FINE_TUNING: 1, HYBRID: 1 });

    signInAs(org.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    const row = (s: ScenarioName) => html.match(new RegExp(`<tr data-scenario="${s}">.*?</tr>`))?.[0] ?? "";
    expect(row("RAG")).toContain("not a saving†");
    expect(row("RAG")).not.toMatch(/saves \$/);
    expect(row("RAG")).toContain("1 it cannot serve");
    expect(row("recommended")).not.toContain("it cannot serve");
    expect(html).toContain("or cannot do what they need (call tools, learn from their users, keep the style a prompted model fell short of, cite their sources), so it is no saving.");
    // "What these numbers reflect" names each framework as the page does, not by its id.
    const versions = html.slice(html.indexOf('data-testid="versions"'));
    expect(versions).toContain("Ordered decision tree 2.1.0");
    expect(versions).not.toContain("ordered-decision-tree");
  });
});
