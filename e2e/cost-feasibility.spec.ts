/**
 * Journey (issue 14): a use case whose knowledge changes weekly, with one day of acceptable lag.
 * Fine-tuning can never be current within a day (a retraining cycle takes weeks, 000), so the page
 * says it does not meet the lag and never offers it as a saving; the saving it does show names the
 * cheapest approach that meets the lag and compares scenario with scenario (never one side's best
 * case against the other's worst), with the Monte Carlo's odds.
 */
import { expect, test } from "./registry-fixtures";

test("the use-case page never shows a saving from an approach that fails the lag, nor a mixed-scenario range", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Price-list assistant");
  await page.getByLabel("How often the underlying knowledge changes").selectOption("weekly");
  await page.getByLabel("Longest acceptable lag (days)").fill("1");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByText("Use case saved.")).toBeVisible();

  await expect(page.getByTestId("fails-lag-FINE_TUNING")).toHaveText("does not meet the 1-day lag");
  await expect(page.getByTestId("fails-lag-RAG")).toHaveCount(0);
  await expect(page.getByTestId("infeasible")).toContainText("Fine-tuning does not meet the 1-day lag");

  const savings = page.getByTestId("savings");
  await expect(savings).toContainText("is the cheapest approach that meets the 1-day lag");
  await expect(savings).not.toContainText("Fine-tuning");
  // Scenario with scenario: the base, the low and the high case each on their own.
  await expect(savings).toContainText("in the base case");
  await expect(savings).toContainText("in the low scenario");
  await expect(savings).toContainText("in the high scenario");
  await expect(page.getByTestId("simulation")).toContainText(/costs less than .+ in \d+% of 2,000 trials/);
  await expect(page.getByTestId("simulation")).not.toContainText("Fine-tuning");
  await expect(page.getByTestId("break-even")).toContainText("fine-tuning does not meet the 1-day lag");
});
