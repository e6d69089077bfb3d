/**
 * Journeys on the assumptions page: a lead sees every figure with its source, the missing ones
 * marked, and no edit form; finance changes the engineer rate and sets the model price the seeds do
 * not give, with a reason; version 1 appears with the new values, the history compares it with the
 * defaults, and a use case's projection follows.
 */
import { expect, test } from "./registry-fixtures";

test("a lead sees the figures but no edit form", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  await expect(page.getByRole("heading", { name: "Assumptions", level: 1 })).toBeVisible();
  await expect(page.getByTestId("assumption-version")).toHaveText("Built-in defaults (version 0)");
  await expect(page.getByRole("heading", { name: "People", level: 3 })).toBeVisible();
  await expect(page.getByTestId("figure-engineerRate")).toContainText("000_2a5380ca2875bd0d.txt");
  await expect(page.getByTestId("figure-modelPricePer1kTokens")).toContainText("Missing — projections that need it say so");
  await expect(page.getByTestId("figure-modelPricePer1kTokens")).toContainText("Not from the seeds — set by your organization");
  await expect(page.getByTestId("figure-ragInfraYearlyUsd")).toContainText("Reference only");
  await expect(page.getByRole("form", { name: "Edit the assumptions" })).toHaveCount(0);
  await expect(page.getByText("Finance and admins can change these figures.")).toBeVisible();
});

test("finance edits a rate with a reason, sees version 1 and the new value, and the projections follow", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Assistant with a price");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByTestId("projection-missing")).toContainText("Base model price");
  const useCaseUrl = page.url();

  await registry.signInAs("FINANCE");
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  const form = page.getByRole("form", { name: "Edit the assumptions" });
  await expect(form).toBeVisible();
  await form.getByLabel("ML engineer rate base").fill("225");
  await form.getByLabel("ML engineer rate high").fill("275");
  for (const s of ["low", "base", "high"]) {
    await form.getByLabel(`Base model price ${s}`).fill("0.01");
    await form.getByLabel(`Tokens per call (prompt and answer) ${s}`).fill("1000");
  }

  // No reason: refused at the field, nothing saved.
  await form.getByRole("button", { name: "Save a new version" }).click();
  await expect(form.getByTestId("field-error").first()).toContainText("Say why");
  await expect(page.getByTestId("assumption-version")).toHaveText("Built-in defaults (version 0)");

  await form.getByLabel("Why the figures change").fill("Our 2027 rate card and price list");
  await form.getByRole("button", { name: "Save a new version" }).click();
  await expect(form.getByRole("status")).toContainText("Saved version 1; 1 use case re-projected.");
  await expect(page.getByTestId("assumption-version")).toContainText("Version 1, by Fin Finance");
  await expect(page.getByTestId("assumption-version")).toContainText("Our 2027 rate card and price list");
  await expect(page.getByTestId("figure-engineerRate")).toContainText("225");
  await expect(page.getByTestId("figure-engineerRate")).toContainText("275");
  await expect(page.getByTestId("figure-modelPricePer1kTokens")).not.toContainText("Missing");

  // The history compares version 1 with the defaults.
  await page.getByRole("link", { name: "Compare with 0" }).click();
  await expect(page).toHaveURL(/compare=0,1/);
  const comparison = page.getByTestId("comparison");
  await expect(comparison).toContainText("ML engineer rate");
  await expect(comparison).toContainText("150 / 200 / 250");
  await expect(comparison).toContainText("→ 150 / 225 / 275");
  await expect(comparison).not.toContainText("Vector database");

  await page.goto(useCaseUrl);
  await expect(page.getByTestId("lifecycle-table")).toBeVisible();
  await expect(page.getByTestId("projection-missing")).not.toContainText("Base model price");
});
