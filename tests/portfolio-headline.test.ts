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
    matrix: byApproach.map((a) => ({ recommended: a.approach, chosen: null, count: 1, notAssessed: 0 })),
    notAssessed: { count: 0, examples: [] }, riskFlagged: 0, disagreements: 0, undated: [], lateStarts: [],
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

/** A cell as a reader adds it up: "$1,234.56" or "−$0.50" to cents; a cell not to the cent fails. */
const centsOf = (text: string) => {
  expect(text, "a figure in a table that adds up is to the cent").toMatch(/^−?\$[\d,]+\.\d\d$/);
  return Math.round(Number(text.replace(/[$,]/g, "").replace("−", "-")) * 100);
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!);
/** The table view (ChartOrTable shows the chart first): its `table`, to render. */
const tableOf = (node: unknown): ReactElement | null => {
  if (!node || typeof node !== "object") return null;
  if (Array.isArray(node)) return node.map(tableOf).find(Boolean) ?? null;
  const props = (node as ReactElement<Record<string, unknown>>).props;
  if (props && "table" in props) return props.table as ReactElement;
  return props ? tableOf(props.children) : null;
};

describe("the spend table", () => {
  it("adds each year's approaches up to its total, to the cent", async () => {
    const { SpendPanel } = await import("@/app/o/[org]/portfolio/_components/spend-panel");
    // Three approaches of $0.50 each: whole dollars would read $1 + $1 + $1 beside a total of $2.
    const byApproach: ApproachTotal[] = (["RAG", "FINE_TUNING", "HYBRID"] as const).map((approach) => ({
      approach, lifecycle: { low: 50, base: 50, high: 50 }, years: [{ calendarYear: 2027, low: 50, base: 50, high: 50 }], useCases: 1, incomplete: 0,
    }));
    const d = { years: [2027], byApproach, spend: [{ calendarYear: 2027, low: 150, base: 150, high: 150, byApproach: { RAG: 50, FINE_TUNING: 50, HYBRID: 50 } }] } as unknown as Dashboard;
    const html = renderToStaticMarkup(tableOf(SpendPanel({ d }))!);
    const row = html.match(/<tr><th scope="row"[^>]*>2027<\/th>(.*?)<\/tr>/s)![1]!;
    const cells = cellsOf(row);
    expect(cells.slice(0, 4)).toEqual(["$0.50", "$0.50", "$0.50", "$1.50"]);
    expect(sum(cells.slice(0, 3).map(centsOf))).toBe(centsOf(cells[3]!));
    // No note excusing a dollar off: there is none to excuse.
    expect(html).not.toContain("rounded to the dollar on its own");
    expect(html).not.toContain("hours saved");
  });

  it("says when its net values rest on hours priced at the default placeholder rate, and when on the organization's own", async () => {
    const { PortfolioValuePanel } = await import("@/app/o/[org]/portfolio/_components/value-panel");
    const s = (c: number) => ({ pessimistic: c, base: c, optimistic: c });
    const total = { businessUnit: "", valued: 1, noValue: 0, notCosted: 0, cannotServe: 0, feedbackLoopNotCosted: 0, benefit: s(2_000_00), cost: s(1_000_00), net: s(1_000_00) };
    const render = (rate: { rateCents: number; rateIsDefault: boolean; hoursBased: number }) =>
      renderToStaticMarkup(PortfolioValuePanel({ units: [{ ...total, businessUnit: "Claims" }], total, inView: 3, rate }) as ReactElement)
        .match(/data-testid="value-hourly-rate">([^<]*)</)?.[1]
        ?.replaceAll("&#x27;", "'");
    expect(render({ rateCents: 50_00, rateIsDefault: true, hoursBased: 3 })).toBe(
      "3 use cases in view give their benefit in hours saved, priced at $50.00 an hour: the default, a round placeholder rather than a figure from any source, until finance sets the organization's own rate on Value.",
    );
    expect(render({ rateCents: 85_50, rateIsDefault: false, hoursBased: 1 })).toBe("One use case in view gives its benefit in hours saved, priced at $85.50 an hour: the organization's rate, set by finance.");
    expect(render({ rateCents: 50_00, rateIsDefault: true, hoursBased: 0 })).toBeUndefined();
  });
});

describe("the scenarios' year by year table", () => {
  it("adds each scenario's years up to its total, to the cent", async () => {
    const { ScenariosPanel } = await import("@/app/o/[org]/portfolio/_components/scenarios-panel");
    // Two years of $0.50: whole dollars would read $1 + $1 beside a total of $1.
    const years = [{ calendarYear: 2027, low: 50, base: 50, high: 50 }, { calendarYear: 2028, low: 50, base: 50, high: 50 }];
    const d = {
      years: [2027, 2028], savings: [],
      scenarioSummaries: [{ scenario: "chosen", lifecycle: { low: 100, base: 100, high: 100 }, years, costed: 1, notCosted: 0, incomplete: 0, infeasible: 0 }],
    } as unknown as Dashboard;
    const html = renderToStaticMarkup(ScenariosPanel({ d }) as ReactElement);
    const table = html.match(/data-testid="scenario-years".*?<\/table>/s)![0];
    const row = table.match(/<tr data-scenario="chosen">(.*?)<\/tr>/s)![1]!;
    const cells = cellsOf(row);
    expect(cells).toEqual(["$0.50", "$0.50", "$1.00"]);
    expect(sum(cells.slice(0, 2).map(centsOf))).toBe(centsOf(cells[2]!));
  });
});

describe("the value panel", () => {
  it("adds its units up to 'All in view' to the cent (rounded to the dollar one by one, two units of $1.50 read $2 + $2 beside $3)", async () => {
    const { PortfolioValuePanel } = await import("@/app/o/[org]/portfolio/_components/value-panel");
    const s = (c: number) => ({ pessimistic: c, base: c, optimistic: c });
    const unit = (businessUnit: string) => ({ businessUnit, valued: 1, noValue: 0, notCosted: 0, cannotServe: 0, feedbackLoopNotCosted: 0, benefit: s(1_000_50), cost: s(999_00), net: s(1_50) });
    const total = { businessUnit: "", valued: 2, noValue: 0, notCosted: 0, cannotServe: 0, feedbackLoopNotCosted: 0, benefit: s(2_001_00), cost: s(1_998_00), net: s(3_00) };
    const html = renderToStaticMarkup(PortfolioValuePanel({ units: [unit("Claims"), unit("Sales")], total, inView: 2, rate: { rateCents: 85_50, rateIsDefault: false, hoursBased: 0 } }) as ReactElement);
    const rows = [...html.matchAll(/<tr data-testid="(value-unit|value-total)"[^>]*>(.*?)<\/tr>/gs)].map((m) => ({ total: m[1] === "value-total", cells: cellsOf(m[2]!) }));
    expect(rows.map((r) => r.total)).toEqual([false, false, true]);
    // Benefit (base) and cost (base): the units' column adds up to "All in view".
    for (const column of [1, 2]) {
      expect(sum(rows.filter((r) => !r.total).map((r) => centsOf(r.cells[column]!))), `column ${column}`).toBe(centsOf(rows.at(-1)!.cells[column]!));
    }
    // Net, pessimistic / base / optimistic.
    // Each amount in its own span, kept whole on one line (components/money-text.tsx).
    const nets = [...html.matchAll(/data-testid="net">(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").split(" / ").map(centsOf));
    expect(nets.map((n) => n[1])).toEqual([1_50, 1_50, 3_00]);
    for (const i of [0, 1, 2]) expect(nets[0]![i]! + nets[1]![i]!).toBe(nets[2]![i]);
    expect(html).not.toContain("rounded to the dollar on its own");
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

describe("the headline's part resting on provisional recommendations", () => {
  const listHref = (x?: { evidence?: readonly string[] }) => `/list?evidence=${x?.evidence?.join(",") ?? ""}`;
  const sentence = (d: Dashboard) => {
    const html = renderToStaticMarkup(Headline({ d, listHref, disagreementsHref: "#d" }));
    return html.match(/<p[^>]*data-testid="headline-provisional"[^>]*>.*?<\/p>/s)?.[0] ?? null;
  };
  const text = (html: string | null) => html?.replace(/<[^>]+>/g, "") ?? null;

  it("says how much of the lifecycle total and of the headline's year rests on them, linked to them", () => {
    // $1,000 over the lifecycle, all in 2027 (the headline's year: none this year); $500 of it provisional, $300 in 2027.
    const d = { ...dashboard({ RAG: 600_00, FINE_TUNING: 400_00 }), provisional: { base: 500_00, useCases: 2, years: [{ calendarYear: 2027, base: 300_00, useCases: 2 }] } };
    const p = sentence(d);
    expect(text(p)).toBe(
      "Of the lifecycle total, $500 (50%) is from 2 use cases whose recommendations are provisional (too few answers to be sure), and $300 of the 2027 figure: check their answers.",
    );
    expect(p).toContain('href="/list?evidence=provisional"');
  });

  it("never rounds a real part to 0%, leaves out a year it has no part in, and is not said with no part at all", () => {
    const d = { ...dashboard({ RAG: 1_000_000_00 }), provisional: { base: 3_00, useCases: 1, years: [{ calendarYear: 2030, base: 3_00, useCases: 1 }] } };
    expect(text(sentence(d))).toBe("Of the lifecycle total, $3 (under 1%) is from 1 use case whose recommendation is provisional (too few answers to be sure): check its answers.");
    expect(sentence({ ...dashboard({ RAG: 1_000_00 }), provisional: { base: 0, useCases: 0, years: [] } })).toBeNull();
  });
});

describe("the headline's year figure, from what", () => {
  it("says the undated part, then the late starts' full first years, each a sentence of its own", () => {
    const d = { ...dashboard({ RAG: 1_000_000_00 }), undated: [{ calendarYear: 2027, base: 100_000_00, useCases: 2, firstYear: 2 }], lateStarts: [{ calendarYear: 2027, base: 250_000_00, useCases: 1 }] } as Dashboard;
    const html = renderToStaticMarkup(Headline({ d, listHref: () => "/list", disagreementsHref: "#d" }));
    expect(html).toContain("Of it, $100,000 is from 2 use cases with no planned start date");
    expect(html).toContain("And $250,000 is the first year of 1 use case that starts in July or later, counted in full in its start year");
    const alone = renderToStaticMarkup(Headline({ d: { ...d, undated: [] } as Dashboard, listHref: () => "/list", disagreementsHref: "#d" }));
    expect(alone).toContain("Of it, $250,000 is the first year of 1 use case");
  });
});
