/**
 * The use case's yearly cost table (the cost chart's table view): every column of years adds up to
 * the lifecycle row beneath it, to the cent, as a reader adding the column would check and as the
 * export has it. Rounded to the dollar one by one, two years of $100.40 read $100 + $100 above a
 * lifecycle of $201.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CostYearTable, type ChartYear } from "@/app/o/[org]/use-cases/[id]/_panels/cost-chart";

const centsOf = (text: string) => {
  expect(text, "a figure in a table that adds up is to the cent").toMatch(/^−?\$[\d,]+\.\d\d$/);
  return Math.round(Number(text.replace(/[$,]/g, "").replace("−", "-")) * 100);
};
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!);

describe("the use case's yearly cost table", () => {
  it("adds each column of years up to the lifecycle row, to the cent", () => {
    const years: ChartYear[] = [
      { calendarYear: 2027, low: 150_30, high: 300_70, categories: { INFERENCE: 100_40, HOSTING: 100_40 } },
      { calendarYear: 2028, low: 150_30, high: 300_70, categories: { INFERENCE: 100_40, HOSTING: 100_40 } },
    ];
    const html = renderToStaticMarkup(CostYearTable({ years, labels: { INFERENCE: "Inference", HOSTING: "Hosting" }, name: "RAG" }));
    const body = html.match(/<tbody>(.*?)<\/tbody>/s)![1]!;
    const rows = [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => cellsOf(m[1]!));
    const lifecycle = cellsOf(html.match(/data-testid="cost-year-total">(.*?)<\/tr>/s)![1]!);
    expect(rows).toHaveLength(2);
    // Inference, hosting, total (base), low total, high total.
    expect(rows[0]).toEqual(["$100.40", "$100.40", "$200.80", "$150.30", "$300.70"]);
    expect(lifecycle).toEqual(["$200.80", "$200.80", "$401.60", "$300.60", "$601.40"]);
    for (let column = 0; column < lifecycle.length; column++) {
      expect(rows.reduce((t, r) => t + centsOf(r[column]!), 0), `column ${column}`).toBe(centsOf(lifecycle[column]!));
    }
    // And each year's categories add up to its base total.
    for (const r of rows) expect(centsOf(r[0]!) + centsOf(r[1]!)).toBe(centsOf(r[2]!));
    expect(html).not.toContain("rounded to the dollar on its own");
  });
});
