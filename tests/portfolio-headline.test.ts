/**
 * The headline's "On what": each approach's share of the as-chosen lifecycle, in whole percent,
 * adds up to 100 when every approach is shown (rounded one by one, three equal thirds read 99%,
 * and 12.5% beside 87.5% read 101%).
 */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Headline } from "@/app/o/[org]/portfolio/_components/headline";
import type { Approach } from "@/lib/domain/assessment";
import type { ApproachTotal, Dashboard } from "@/lib/domain/portfolio/types";

function dashboard(bases: Partial<Record<Approach, number>>): Dashboard {
  const byApproach: ApproachTotal[] = Object.entries(bases).map(([approach, base]) => ({
    approach: approach as Approach, lifecycle: { low: base, base, high: base }, years: [{ calendarYear: 2027, low: base, base, high: base }], useCases: 1, incomplete: 0,
  }));
  const total = byApproach.reduce((s, a) => s + a.lifecycle.base, 0);
  return {
    useCases: byApproach.length, years: [2027], byApproach,
    spend: [{ calendarYear: 2027, low: total, base: total, high: total, byApproach: {} }],
    scenarioSummaries: [{ scenario: "chosen", lifecycle: { low: total, base: total, high: total }, years: [], costed: byApproach.length, notCosted: 0, incomplete: 0, infeasible: 0 }],
    matrix: byApproach.map((a) => ({ recommended: a.approach, chosen: null, count: 1 })),
    notAssessed: { count: 0, examples: [] }, riskFlagged: 0, disagreements: 0,
  } as unknown as Dashboard;
}

const percents = (html: string) => [...html.matchAll(/\((\d+)%\)/g)].map((m) => Number(m[1]));

describe("the headline's shares by approach", () => {
  it("add up to 100%", () => {
    for (const bases of [{ RAG: 100_00, FINE_TUNING: 100_00, HYBRID: 100_00 }, { RAG: 125_00, FINE_TUNING: 875_00 }, { RAG: 522_00, FINE_TUNING: 206_00, HYBRID: 123_00, AGENT: 149_00 }]) {
      const html = renderToStaticMarkup(Headline({ d: dashboard(bases), listHref: () => "/list", disagreementsHref: "#d" }));
      const p = percents(html);
      expect(p.length, JSON.stringify(bases)).toBe(Object.keys(bases).length);
      expect(p.reduce((a, b) => a + b, 0), JSON.stringify(bases)).toBe(100);
    }
  });
});

describe("the spend table", () => {
  it("writes each year in whole dollars, its total the exact sum rounded once (not the rounded parts added), and says so", async () => {
    const { SpendPanel } = await import("@/app/o/[org]/portfolio/_components/spend-panel");
    // Three approaches of $0.50 each: each reads $1 on its own, the year's exact $1.50 reads $2 (as
    // the export's total does), never the $3 of the rounded parts added; the table says why.
    const byApproach: ApproachTotal[] = (["RAG", "FINE_TUNING", "HYBRID"] as const).map((approach) => ({
      approach, lifecycle: { low: 50, base: 50, high: 50 }, years: [{ calendarYear: 2027, low: 50, base: 50, high: 50 }], useCases: 1, incomplete: 0,
    }));
    const d = { years: [2027], byApproach, spend: [{ calendarYear: 2027, low: 150, base: 150, high: 150, byApproach: { RAG: 50, FINE_TUNING: 50, HYBRID: 50 } }] } as unknown as Dashboard;
    // The table view (ChartOrTable shows the chart first): its `table`, rendered.
    const find = (node: unknown): ReactElement | null => {
      if (!node || typeof node !== "object") return null;
      if (Array.isArray(node)) return node.map(find).find(Boolean) ?? null;
      const props = (node as ReactElement<Record<string, unknown>>).props;
      if (props && "table" in props) return props.table as ReactElement;
      return props ? find(props.children) : null;
    };
    const html = renderToStaticMarkup(find(SpendPanel({ d }))!);
    const row = html.match(/<tr><th scope="row"[^>]*>2027<\/th>(.*?)<\/tr>/s)![1]!;
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(0, 4)).toEqual(["$1", "$1", "$1", "$2"]);
    expect(renderToStaticMarkup(find(SpendPanel({ d }))!)).toContain("a total is the exact sum, rounded once");
  });
});

describe("the value panel", () => {
  it("writes the units and 'All in view' in whole dollars, the total the exact sum rounded once (two units of $1.50 read $2 + $2 beside $3), and says so", async () => {
    const { PortfolioValuePanel } = await import("@/app/o/[org]/portfolio/_components/value-panel");
    const s = (c: number) => ({ pessimistic: c, base: c, optimistic: c });
    const unit = (businessUnit: string) => ({ businessUnit, valued: 1, noValue: 0, notCosted: 0, cannotServe: 0, benefit: s(1_000_50), cost: s(999_00), net: s(1_50) });
    const total = { businessUnit: "", valued: 2, noValue: 0, notCosted: 0, cannotServe: 0, benefit: s(2_001_00), cost: s(1_998_00), net: s(3_00) };
    const html = renderToStaticMarkup(PortfolioValuePanel({ units: [unit("Claims"), unit("Sales")], total, inView: 2 }) as ReactElement);
    const nets = [...html.matchAll(/data-testid="net">([^<]*)</g)].map((m) => m[1]!.split(" / ")[1]);
    expect(nets).toEqual(["$2", "$2", "$3"]);
    expect(html).toContain("a total is the exact sum, rounded once");
  });
});

describe("the headline's compact figures", () => {
  it("each carry their whole dollars as a title, one hover from the exact figure", () => {
    const html = renderToStaticMarkup(Headline({ d: dashboard({ RAG: 286_641_237, FINE_TUNING: 41_234_500 }), listHref: () => "/list", disagreementsHref: "#d" }));
    expect(html).toContain('title="$2,866,412">$2.87M<');
    expect(html).toContain('title="$412,345">$412k<');
    const compact = [...html.matchAll(/>(\$[0-9.]+[kMB])</g)].length;
    const titled = [...html.matchAll(/title="\$[0-9,]+">\$[0-9.]+[kMB]</g)].length;
    expect(compact).toBeGreaterThan(2);
    expect(titled).toBe(compact);
  });
});
