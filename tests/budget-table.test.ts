/**
 * The portfolio's budgets table: a business unit's budget is shown as finance typed it, to the
 * cent, and what it is set against (the projection, its range, the approved spend, the overrun)
 * in the same precision. With whole dollars beside the budget's cents a row read "$600,000.00"
 * against "$600,000" and "Over budget by $0" for a projection thirty cents over.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BudgetPanel } from "@/app/o/[org]/portfolio/_components/budget-panel";
import { budgetRows } from "@/lib/domain/value";

function render(rows: ReturnType<typeof budgetRows>): string {
  return renderToStaticMarkup(
    BudgetPanel({ year: 2027, years: [2027], rows, approvalsKnown: true, yearHref: (y) => `/?year=${y}`, manageHref: "/value", canManage: true }),
  );
}
const rowOf = (html: string, unit: string) => html.match(new RegExp(`<tr[^>]*data-testid="budget-row"[^>]*>(?:(?!</tr>).)*${unit}(?:(?!</tr>).)*</tr>`, "s"))![0];
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

describe("the budgets table", () => {
  it("sets the budget against the projection in the same precision: thirty cents over reads as thirty cents", () => {
    const rows = budgetRows(
      [{ businessUnit: "Claims", projected: { low: 480_000_10, base: 600_000_30, high: 750_000_55 }, useCases: 2, incomplete: 0 }],
      new Map([["Claims", 600_000_00]]),
      new Map([["Claims", 120_000_45]]),
    );
    const cells = cellsOf(rowOf(render(rows), "Claims"));
    // Budget, projected (base), projected (low – high), approved, status.
    expect(cells).toEqual(["$600,000.00", "$600,000.30", "$480,000.10 – $750,000.55", "$120,000.45", "Over budget by $0.30 at base; within it in the low case"]);
  });

  it("says what each unit's projection leaves out: a unit of use cases not costed has its row, and none reads a plain 'Within budget'", () => {
    // The demo's 2027: Procurement's only use case and one of Sales & Distribution's are agents the cost model does not price.
    const rows = budgetRows(
      [{ businessUnit: "Sales & Distribution", projected: { low: 50_000_00, base: 74_680_63, high: 90_000_00 }, useCases: 3, incomplete: 0 }],
      new Map([["Procurement", 50_000_00], ["Sales & Distribution", 100_000_00]]),
      null,
      new Map(),
      new Map([["Procurement", 1], ["Sales & Distribution", 1]]),
    );
    const html = render(rows);
    expect(cellsOf(rowOf(html, "Procurement"))).toEqual(["$50,000.00", "—", "—1 not costed (left out)", "no approvals yet", "Not judged: its 1 use case in the year is not costed"]);
    expect(cellsOf(rowOf(html, "Sales &amp; Distribution"))).toEqual([
      "$100,000.00",
      "$74,680.63",
      "$50,000.00 – $90,000.001 not costed (left out)",
      "no approvals yet",
      "Within budget for what is costed; 1 not costed (left out)",
    ]);
    expect(html).not.toMatch(/>Within budget</);
    expect(html).toContain("Projected spend leaves out 2 use cases in the year that are not costed");
  });
});
