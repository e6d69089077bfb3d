/**
 * What the journeys of a re-pricing (an assumptions save, a version started from actual spend)
 * share: a retrieval use case logged through the form, the portfolio's lifecycle total as chosen,
 * and the saved message's account of what moved.
 */
import { expect, type Locator, type Page } from "@playwright/test";
import type { Registry } from "../registry-fixtures";

/** Logs a retrieval use case with `monthlyCalls` calls (and an external id, for a bill to tag it by) through the new-use-case form. */
export async function logRetrievalUseCase(page: Page, registry: Registry, title: string, monthlyCalls: string, externalId?: string): Promise<void> {
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill(title);
  if (externalId) await page.getByLabel("External id").fill(externalId);
  await page.getByLabel("Core need").selectOption("retrieval");
  await page.getByLabel("Monthly LLM calls now").fill(monthlyCalls);
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByTestId("lifecycle-table")).toBeVisible();
}

/** The portfolio's lifecycle total as chosen, in whole dollars (the headline's figure on hover). */
export async function portfolioTotal(page: Page, registry: Registry): Promise<string> {
  await page.goto(`/o/${registry.org.slug}/portfolio`);
  return (await page.getByTestId("headline-lifecycle").getAttribute("title"))!;
}

/**
 * Reads the saved message of a re-pricing of the two helpdesks ("Busy helpdesk", "Quiet helpdesk"):
 * version 1, the total's move from `before` (the portfolio's figure), both use cases moved, the
 * busiest first. Returns the total it moved to.
 */
export async function expectTwoHelpdesksMoved(saved: Locator, before: string): Promise<string> {
  await expect(saved).toContainText("Saved version 1; 2 use cases re-projected.");
  const total = (await saved.getByTestId("saved-total").textContent())!;
  const m = /^The lifecycle total as chosen moved from (\$[\d,]+) to (\$[\d,]+) \(\+\$[\d,]+; 2 use cases costed\)\.$/.exec(total);
  expect(m, total).not.toBeNull();
  expect(m![1]).toBe(before);
  await expect(saved.getByTestId("saved-moved")).toHaveText("All 2 use cases costed have a new lifecycle cost:");
  // The busiest use case moved most, so it comes first, with its own before → after.
  await expect(saved.getByTestId("saved-most").getByRole("listitem").first()).toContainText(/^Busy helpdesk: \$[\d,]+ → \$[\d,]+ \(\+\$[\d,]+\)$/);
  await expect(saved.getByTestId("saved-most").getByRole("listitem").nth(1)).toContainText("Quiet helpdesk");
  return m![2]!;
}
