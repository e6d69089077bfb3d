/**
 * The portfolio's recommended-against-chosen matrix says why a use case has no recommendation: not
 * assessed (no deciding answer yet), or assessed with the frameworks' picks held back (the demo's
 * contract redlining). One row each, counted from the data and each count linked to its own list;
 * before, one row read "No recommendation (mostly not assessed)" whatever the use cases in it were.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MatrixPanel } from "@/app/o/[org]/portfolio/_components/matrix-panel";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { Dashboard, MatrixCell } from "@/lib/domain/portfolio/types";

const text = (html: string) => html.replace(/<[^>]+>/g, "|").replace(/\|+/g, "|");

function render(matrix: MatrixCell[]) {
  const asked: Partial<PortfolioFilter>[] = [];
  const listHref = (extra: Partial<PortfolioFilter> = {}) => {
    asked.push(extra);
    return `/list?${JSON.stringify(extra)}`;
  };
  const html = renderToStaticMarkup(MatrixPanel({ d: { matrix } as unknown as Dashboard, listHref }));
  const row = (id: string) => {
    const m = new RegExp(`<tr data-testid="matrix-row-${id}">(.*?)</tr>`, "s").exec(html);
    return m ? text(m[1]!) : null;
  };
  return { html, row, asked };
}

describe("the matrix's rows without a recommendation", () => {
  it("are said apart: not assessed, and assessed with the picks held back, each with its own counts and list", () => {
    const { row, asked, html } = render([
      { recommended: "RAG", chosen: "RAG", count: 2, notAssessed: 0 },
      { recommended: null, chosen: null, count: 3, notAssessed: 2 },
      { recommended: null, chosen: "HYBRID", count: 1, notAssessed: 0 },
    ]);
    expect(html).not.toContain("mostly not assessed");
    // Columns: RAG, Hybrid, None chosen, Total.
    expect(row("not-assessed")).toBe("|No recommendation: not assessed|0|0|2|2|");
    expect(row("held-back")).toBe("|No recommendation: assessed, held back|0|1|1|2|");
    expect(asked).toContainEqual({ recommended: ["NONE"], evidence: ["none"] });
    expect(asked).toContainEqual({ recommended: ["NONE"], evidence: ["provisional", "assessed"], chosen: ["HYBRID"] });
    expect(html).toContain('aria-label="2 recommended nothing (not assessed)"');
    expect(html).toContain('aria-label="1 recommended nothing (assessed, the frameworks&#x27; picks held back), chosen Hybrid"');
  });

  it("has only the row there is a use case for", () => {
    const onlyHeldBack = render([{ recommended: null, chosen: null, count: 1, notAssessed: 0 }]);
    expect(onlyHeldBack.row("held-back")).toBe("|No recommendation: assessed, held back|1|1|");
    expect(onlyHeldBack.row("not-assessed")).toBeNull();
    const onlyNotAssessed = render([{ recommended: null, chosen: null, count: 4, notAssessed: 4 }]);
    expect(onlyNotAssessed.row("not-assessed")).toBe("|No recommendation: not assessed|4|4|");
    expect(onlyNotAssessed.row("held-back")).toBeNull();
  });
});
