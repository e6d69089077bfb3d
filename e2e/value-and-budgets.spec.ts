/**
 * Journey (issue 20, items 3 and 4): a lead enters the expected benefit of their use case and sees
 * net value and payback per approach; finance sets the business unit's budget for the year; the
 * portfolio marks the unit over budget. A unit whose only use case is not costed (an agent the cost
 * model does not price) has its row, says so, and is not judged against its budget on $0. A
 * structured pipeline priced from the owner's yearly estimate has no build cost to pay back, so no
 * payback month; one for a use case that must learn from its users claims no value until the
 * feedback loop it needs is costed.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./registry-fixtures";

/** Logs a document-transformation use case with the owner's yearly estimate (a structured pipeline is recommended), then enters its benefit. */
async function logPipeline(page: Page, newPath: string, title: string, learnsFromUsers: boolean) {
  await page.goto(newPath);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Business unit / cost center").fill("Accounts Payable");
  await page.getByLabel("Monthly LLM calls now").fill("35000");
  await page.getByLabel("How often the underlying knowledge changes").selectOption("quarterly");
  await page.getByRole("group", { name: "Document transformation at volume" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: "Must learn from user interactions continuously" }).getByLabel(learnsFromUsers ? "Yes" : "No", { exact: true }).check();
  await page.getByLabel("Low ($ a year)", { exact: true }).fill("30k");
  await page.getByLabel("Base ($ a year)", { exact: true }).fill("45k");
  await page.getByLabel("High ($ a year)", { exact: true }).fill("80k");
  await page.getByRole("button", { name: "Save use case" }).click();
  const panel = page.getByTestId("value-panel");
  await panel.getByLabel("What the use case brings").selectOption("REVENUE");
  await panel.getByLabel("Low (dollars a year)").fill("100k");
  await panel.getByLabel("Base (dollars a year)").fill("150k");
  await panel.getByLabel("High (dollars a year)").fill("200k");
  await panel.getByRole("button", { name: "Save the benefit" }).click();
  // Saving on a busy shared machine can take longer than the default ten seconds.
  await expect(panel.getByTestId("benefit-summary")).toContainText("revenue of $100,000 / $150,000 / $200,000 a year", { timeout: 30_000 });
  return panel.getByTestId("value-table").getByTestId("value-row-PIPELINE");
}

test("a lead values a use case, finance budgets its unit, the portfolio marks it over budget", async ({ page, registry }) => {
  // Procurement's one use case is an agent, which the cost model does not price: it is not costed.
  await registry.seedUseCase({ title: "Supplier due-diligence agent", businessUnit: "Procurement", recommendedApproach: "AGENT" });
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Claims letter summaries");
  await page.getByLabel("Business unit / cost center").fill("Claims Ops");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByLabel("How often the underlying knowledge changes").selectOption("annually");
  await page.getByRole("button", { name: "Save use case" }).click();

  const panel = page.getByTestId("value-panel");
  await expect(panel.getByTestId("no-value")).toContainText("No value entered");

  // A range the wrong way round is refused beside the field; nothing is saved.
  await panel.getByLabel("What the use case brings").selectOption("REVENUE");
  await panel.getByLabel("Low (dollars a year)").fill("500000");
  await panel.getByLabel("Base (dollars a year)").fill("200000");
  await panel.getByLabel("High (dollars a year)").fill("300000");
  await panel.getByRole("button", { name: "Save the benefit" }).click();
  await expect(panel).toContainText("Low cannot be above base");
  await expect(panel.getByTestId("no-value")).toBeVisible();

  // Thousands as finance writes them: "100k" is $100,000.
  await panel.getByLabel("Low (dollars a year)").fill("100k");
  await panel.getByRole("button", { name: "Save the benefit" }).click();
  // Revenue is entered in dollars: said once, not "that is" the same figures again.
  await expect(panel.getByTestId("benefit-summary")).toHaveText("Expected benefit: revenue of $100,000 / $200,000 / $300,000 a year (low / base / high).");
  const table = panel.getByTestId("value-table");
  for (const approach of ["RAG", "FINE_TUNING", "HYBRID"]) {
    const row = table.getByTestId(`value-row-${approach}`);
    await expect(row.getByTestId("net")).toContainText("$");
    await expect(row.getByTestId("payback")).toContainText(/month|year/);
  }
  // Knowledge that changes each year is knowledge of its own, which prompting alone never sees:
  // the cheapest row claims no benefit, and says why, as the cost table does.
  const prompting = table.getByTestId("value-row-PROMPTING");
  await expect(prompting).toContainText("does not reach the use case's knowledge: its benefit would not come");
  await expect(prompting.getByTestId("net")).toHaveCount(0);
  await expect(panel.getByTestId("value-pairing")).toContainText("Pessimistic takes the low benefit, the longest time to value and the high cost together");
  // The benefit starts at each approach's time to value (RAG's week: a month; fine-tuning's and the
  // hybrid's eight weeks: two), never "once built": the production build is costed apart.
  await expect(panel.getByTestId("value-start")).toHaveText(
    "The benefit starts when an approach first serves its users, after its time to value, rounded up to whole months (base case: 1 month for RAG; 2 months for Fine-tuning and Hybrid). Its production build is costed apart and may go on after that.",
  );

  // Finance sets Claims Ops' budget for the year the portfolio opens on: $1.50, far below its spend.
  await registry.signInAs("FINANCE");
  await page.goto(`/o/${registry.org.slug}/value`);
  // The default rate is said once, as the default (it read "$50.00 an hour: the default ($50.00)").
  await expect(page.getByTestId("rate")).toContainText("An hour saved is worth $50.00 an hour: the built-in default, a round placeholder");
  const heading = await page.getByRole("heading", { name: /^Budgets in \d{4}$/ }).textContent();
  const year = heading!.match(/\d{4}/)![0];
  const unit = (name: string) => page.getByTestId("budget-unit").filter({ hasText: name });
  await page.getByLabel(`Budget of Claims Ops in ${year} (dollars)`).fill("1.50");
  await unit("Claims Ops").getByRole("button", { name: "Save", exact: true }).click();
  // A budget reads as finance typed it, to the cent (whole dollars would read "$2").
  await expect(unit("Claims Ops")).toContainText("$1.50");
  // A negative budget, or one with more than cents, is refused saying why; "50k" is $50,000.
  await page.getByLabel(`Budget of Procurement in ${year} (dollars)`).fill("-5");
  await unit("Procurement").getByRole("button", { name: "Save", exact: true }).click();
  await expect(unit("Procurement")).toContainText("Cannot be negative");
  await page.getByLabel(`Budget of Procurement in ${year} (dollars)`).fill("1.5M dollars");
  await unit("Procurement").getByRole("button", { name: "Save", exact: true }).click();
  await expect(unit("Procurement")).toContainText("Write the amount in dollars, e.g. 60000, 60,000.50, 60k or 1.5M");
  await page.getByLabel(`Budget of Procurement in ${year} (dollars)`).fill("50k");
  await unit("Procurement").getByRole("button", { name: "Save", exact: true }).click();
  await expect(unit("Procurement")).toContainText("$50,000.00");

  await page.getByRole("link", { name: `See ${year}'s spend against them on the portfolio` }).click();
  const budgets = page.getByTestId("budget-panel");
  await expect(budgets.getByTestId("budget-summary")).toContainText("Over budget: Claims Ops.");
  await expect(budgets.getByTestId("budget-summary")).toContainText("Approved spend: no approvals yet (finance approves the yearly budget of a decision proposed and approved through its steps, on Needs a decision; a decision recorded directly has no budget step).");
  const row = budgets.getByTestId("budget-row").filter({ hasText: "Claims Ops" });
  await expect(row).toHaveAttribute("data-status", "over");
  await expect(row.getByTestId("budget-status")).toContainText("Over budget by $");
  await expect(page.getByTestId("portfolio-value").getByTestId("value-unit").filter({ hasText: "Claims Ops" })).toContainText("$");
  // Netted as on the use case's page: the benefit from each approach's time to value, not once built.
  await expect(page.getByTestId("portfolio-value")).toContainText("The benefit starts when that approach first serves its users (its time to value), not when its production build ends");
  await expect(page.getByTestId("portfolio-value")).not.toContainText("built");
  await expect(budgets.getByTestId("budget-table").getByRole("row", { name: /Claims Ops/ })).toContainText("$1.50");
  // Procurement's agent is not costed: the unit has its row, says what it leaves out, and is not
  // judged against its budget (it had no row; with a budget it would have read $0 "Within budget").
  const procurement = budgets.getByTestId("budget-row").filter({ hasText: "Procurement" });
  await expect(procurement).toHaveAttribute("data-status", "not-costed");
  await expect(procurement.getByTestId("budget-left-out")).toHaveText("1 not costed (left out)");
  await expect(procurement.getByTestId("budget-status")).toHaveText("Not judged: its 1 use case in the year is not costed");
  await expect(budgets.getByTestId("budget-summary")).toContainText("Projected spend leaves out 1 use case in the year that is not costed");
  // The units' net values add up to "All in view", to the cent, in each scenario: a reader adding
  // the column gets the total exactly, as in the export.
  const cents = (t: string) => t.split(" / ").map((x) => {
    expect(x).toMatch(/^−?\$[\d,]+\.\d\d$/);
    return Math.round(Number(x.replace(/[$,]/g, "").replace("−", "-")) * 100);
  });
  const unitNets = (await page.getByTestId("portfolio-value").getByTestId("value-unit").getByTestId("net").allTextContents()).filter((t) => t.includes("/")).map(cents);
  const totalNet = cents((await page.getByTestId("portfolio-value").getByTestId("value-total").getByTestId("net").textContent())!);
  expect(unitNets.length).toBeGreaterThan(0);
  expect([0, 1, 2].map((i) => unitNets.reduce((t, u) => t + u[i]!, 0))).toEqual(totalNet);
});

test("a pipeline priced from the owner's yearly estimate has no payback month; where the use case must learn from its users, it claims no value", async ({ page, registry }) => {
  // Two use cases, each logged and valued through the form: more than the default minute on a shared machine.
  test.setTimeout(180_000);
  await registry.signInAs("LEAD");
  // A pipeline priced from the owner's $45,000 a year: nothing is paid up front, so there is no payback
  // month to claim (it read "1 month" in every scenario), and the row says why.
  const pipeline = await logPipeline(page, registry.path("/new"), "Invoice field extraction", false);
  await expect(pipeline.getByTestId("net")).toHaveText("$100,000 / $525,000 / $850,000");
  await expect(pipeline.getByTestId("payback")).toContainText("—");
  await expect(pipeline.getByTestId("payback-none")).toHaveText("no build cost to pay back: the owner's estimate is a yearly figure");
  await expect(pipeline.getByTestId("payback-range")).toHaveText("— / —");
  await expect(pipeline).not.toContainText("1 month");
  // The same pipeline where the use case must learn from its users: its value rests on a feedback
  // loop nobody has priced, so none is claimed, as for the approaches that cannot learn at all.
  const learning = await logPipeline(page, registry.path("/new"), "Invoice coding from corrections", true);
  await expect(learning).toContainText("which this approach does only if a feedback loop is built into it, and the owner's estimate is not known to include one: so no net value, payback or return is claimed for it");
  await expect(learning.getByTestId("net")).toHaveCount(0);
  await expect(learning.getByTestId("payback")).toHaveCount(0);

  await page.goto(`/o/${registry.org.slug}/portfolio`);
  // Accounts Payable nets its estimate-priced pipeline, and counts apart the one that needs a feedback loop not costed.
  const payable = page.getByTestId("portfolio-value").getByTestId("value-unit").filter({ hasText: "Accounts Payable" });
  await expect(payable.getByTestId("value-feedback-loop")).toHaveText("1 more not netted: it must learn from users, and the approach as chosen does so only with a feedback loop its cost is not known to include");
  await expect(payable.getByTestId("net")).toHaveText("$100,000.00 / $525,000.00 / $850,000.00");
});
