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
});
