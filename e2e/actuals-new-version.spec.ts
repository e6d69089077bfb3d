/**
 * Finance starts a new assumption version from the actual cost per call on the Actual spend page
 * and is told what it moved, as a save on the Assumptions page says it: the portfolio's lifecycle
 * total as chosen before → after (the figures the portfolio shows before and after), how many use
 * cases moved, and the ones that moved most, each linked to its page.
 */
import { chooseFile } from "./fixtures";
import { expect, test } from "./registry-fixtures";
import { expectTwoHelpdesksMoved, logRetrievalUseCase, portfolioTotal } from "./support/retrieval-use-case";

test("finance starts a version from the actual cost per call and sees the lifecycle total move, as the portfolio then shows it", async ({ page, registry }) => {
  // Two use cases logged, a bill imported, a version that re-projects them, the portfolio read twice.
  test.setTimeout(120_000);
  await registry.signInAs("LEAD");
  await logRetrievalUseCase(page, registry, "Busy helpdesk", "400000", "UC-BUSY");
  await logRetrievalUseCase(page, registry, "Quiet helpdesk", "10000", "UC-QUIET");

  await registry.signInAs("FINANCE");
  const before = await portfolioTotal(page, registry);
  expect(before).toMatch(/^\$[\d,]+$/);

  // A million of the busy one's calls billed at $25,000: about three times what its projection assumes a call costs.
  await page.goto(`/o/${registry.org.slug}/actuals`);
  const bill = "date,cost,category,quantity,unit,tags\n2026-01-15,25000.00,inference,1000000,requests,usecase=UC-BUSY\n";
  await chooseFile(page.getByLabel("CSV file"), { name: "gateway.csv", mimeType: "text/csv", buffer: Buffer.from(bill) });
  await page.getByLabel("Feed").fill("Gateway");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("actuals-outcome")).toContainText("$25,000.00");

  const unit = page.getByTestId("unit-costs");
  await unit.getByRole("button", { name: /^Start version 1 from the actual cost per call \(model prices × 3\.\d\d\)$/ }).click();

  const saved = unit.getByTestId("assumptions-saved");
  const after = await expectTwoHelpdesksMoved(saved, before);
  const total = (await saved.getByTestId("saved-total").textContent())!;

  // The message outlives the refresh that follows: the calls now cost what version 1 assumes, so there is nothing more to start.
  await expect(unit.getByTestId("unit-costs-aligned")).toContainText("too close for a new assumption version to be worth starting");
  await expect(unit.getByRole("button", { name: /^Start version/ })).toHaveCount(0);
  await expect(saved.getByTestId("saved-total")).toHaveText(total);

  // Each use case named is linked to its page.
  await saved.getByRole("link", { name: "Busy helpdesk" }).click();
  await expect(page).toHaveURL(/\/use-cases\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Busy helpdesk");

  // The portfolio now shows the "after" total.
  expect(await portfolioTotal(page, registry)).toBe(after);
});
