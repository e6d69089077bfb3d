/**
 * Journey: a lead's use case is priced at the default model's catalogue price; the lead sets the
 * use case's own figures (a negotiated price, its own call size) and the projection follows: the
 * page says the model is priced by hand, and the chart's table view shows the new inference cost.
 */
import { exactDollars } from "../lib/domain/money";
import { expect, test } from "./registry-fixtures";

test("a lead sets the use case's own cost figures and sees the projection change", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Ticket classifier");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByLabel("How often the underlying knowledge changes").selectOption("annually");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByTestId("pricing")).toContainText("priced from a public price list");
  // The lifecycle table and the chart's choices list the approaches in one order.
  const options = await page.getByRole("combobox", { name: "Approach" }).locator("option").allTextContents();
  const rows = await page.getByTestId("lifecycle-table").locator("tbody th").allTextContents();
  expect(options).toEqual(["RAG", "Fine-tuning", "Hybrid", "Prompting only"]);
  expect(rows.map((r, i) => r.startsWith(options[i]!))).toEqual(options.map(() => true));

  await page.getByText("Set this use case's own cost figures").click();
  for (const s of ["low", "base", "high"]) {
    await page.getByLabel(`Model price, input (by hand) ${s}`).fill("10");
    await page.getByLabel(`Model price, output (by hand) ${s}`).fill("10");
    await page.getByLabel(`Input tokens per call (prompt and context) ${s}`).fill("1000");
    await page.getByLabel(`Output tokens per call (answer) ${s}`).fill("0");
  }
  // A bad figure first: refused next to the field, nothing saved.
  await page.getByLabel("ML engineer rate low").fill("300");
  await page.getByLabel("ML engineer rate base").fill("200");
  await page.getByLabel("ML engineer rate high").fill("250");
  await page.getByRole("button", { name: "Save cost figures" }).click();
  await expect(page.getByTestId("field-error").first()).toContainText("Low (300) is above base (200): low ≤ base ≤ high.");
  for (const s of ["low", "base", "high"]) await page.getByLabel(`ML engineer rate ${s}`).fill("");
  await page.getByRole("button", { name: "Save cost figures" }).click();

  await expect(page.getByTestId("pricing")).toContainText("priced by hand");
  await expect(page.getByTestId("projection-missing")).toHaveCount(0);
  await page.getByRole("combobox", { name: "Approach" }).selectOption("PROMPTING");
  await page.getByRole("button", { name: "Show table" }).click();
  // 100,000 calls × 12 × 1,000 tokens × $10 per million = $12,000 of inference in year 1
  const table = page.getByRole("table", { name: /Yearly cost of Prompting only/ });
  await expect(table).toContainText("$12,000.00");
  // To the cent, so the years add up to the lifecycle row beneath them, as a reader adding the
  // column would check (rounded to the dollar one by one, they missed it by a dollar or so), and
  // each year is its stored cents, as the export has them.
  const cents = (t: string) => {
    expect(t).toMatch(/^\$[\d,]+\.\d\d$/);
    return Math.round(Number(t.replace(/[$,]/g, "")) * 100);
  };
  const id = page.url().split("/use-cases/")[1]!.split(/[?#/]/)[0]!;
  const stored = await registry.query<{ base: string }>(`SELECT "baseCents"::text AS base FROM "CostYear" WHERE "useCaseId" = $1 AND approach = 'PROMPTING' ORDER BY "yearIndex"`, [id]);
  const yearTotals = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.querySelectorAll("td")[r.querySelectorAll("td").length - 3]!.textContent!));
  expect(yearTotals.length).toBeGreaterThan(1);
  expect(yearTotals).toEqual(stored.map((y) => exactDollars(BigInt(y.base))));
  const lifecycle = await table.getByTestId("cost-year-total").locator("td").nth(-3).textContent();
  expect(yearTotals.reduce((t, x) => t + cents(x), 0)).toBe(cents(lifecycle!));
  await expect(page.getByText("rounded to the dollar on its own")).toHaveCount(0);
  // Which calendar year is year 1: no planned start was given, so the year it was logged.
  await expect(page.getByTestId("years-note")).toContainText(`year 1 is ${new Date().getUTCFullYear()}, the year the use case was logged`);

  // Finance, who may not change them, sees the figures the projection rests on besides the organization's.
  await registry.signInAs("FINANCE");
  await page.reload();
  await expect(page.getByText("Set this use case's own cost figures")).toHaveCount(0);
  const own = page.getByTestId("own-figures");
  await expect(own).toContainText("This use case's own cost figures, set for it in place of the organization's");
  await expect(own.locator("li").filter({ hasText: "Model price, input (by hand)" })).toContainText(/: 10 .*\(organization: /);
  await expect(own.locator("li").filter({ hasText: "Input tokens per call" })).toContainText(": 1000 ");
  await expect(own.locator("li")).toHaveCount(4);
});
