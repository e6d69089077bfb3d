/**
 * What the journeys of a re-pricing (an assumptions save, a version started from actual spend)
 * share: a retrieval use case logged through the form, and the portfolio's lifecycle total as chosen.
 */
import { expect, type Page } from "@playwright/test";
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
