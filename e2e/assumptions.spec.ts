/**
 * Journeys on the assumptions page: a lead sees every figure with its source, the default model
 * priced from the catalogue, and no edit form; finance changes the engineer rate and prices the
 * model by hand (a negotiated price), with a reason; version 1 appears with the new values and
 * pins the catalogue, the history compares it with the defaults, and a use case's projection follows.
 */
import { expect, test } from "./registry-fixtures";

test("a lead sees the figures but no edit form", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  await expect(page.getByRole("heading", { name: "Assumptions", level: 1 })).toBeVisible();
  await expect(page.getByTestId("assumption-version")).toHaveText("Built-in defaults (version 0)");
  await expect(page.getByRole("heading", { name: "People", level: 3 })).toBeVisible();
  await expect(page.getByTestId("figure-engineerRate")).toContainText("Fine-Tuning vs. RAG, Which Approach is Right for Your Business?");
  await expect(page.getByTestId("figure-modelInputPricePerMTokens")).toContainText("From the catalogue: $2.50 for openai/gpt-4o");
  await expect(page.getByTestId("catalogue")).toContainText("($2.50 input, $10.00 output per million tokens)");
  // A figure no seed gives says what it is: the product's estimate, to be replaced by the organization's own.
  await expect(page.getByTestId("figure-inputTokensPerCall")).toContainText("Not from the sources: an estimate of a typical question with its instructions; set your own.");
  // Upkeep per approach: an index's only where there is one; prompting alone's is an assumption no source gives.
  await expect(page.getByTestId("figure-maintenanceHoursPerWeek")).toContainText("Index upkeep (RAG and hybrid)");
  await expect(page.getByTestId("figure-promptUpkeepHoursPerMonth")).toContainText("Prompt upkeep (prompting alone)");
  await expect(page.getByTestId("figure-promptUpkeepHoursPerMonth")).toContainText("Not from the sources: an assumption, set low");
  // What fine-tuning needs, against which the examples a use case has are counted.
  await expect(page.getByTestId("figure-ftExamplesNeeded")).toContainText("hundreds to low thousands of high-quality instruction-response pairs");
  await expect(page.getByTestId("catalogue")).toContainText("Default model openai/gpt-4o");
  await expect(page.getByTestId("catalogue")).toContainText("@pydantic/genai-prices 0.1.8's list, not pinned yet");
  await expect(page.getByTestId("figure-ragInfraYearlyUsd")).toContainText("Reference only");
  // A seed's figure set aside says what is priced instead.
  await expect(page.getByTestId("figure-ftFirstDeploymentHours").getByTestId("reference-only")).toContainText('No formula uses it. The build is priced from "Fine-tuning build (production)" instead');
  // An estimate's quote that ends with a full stop is not given a second one.
  await expect(page.getByTestId("figure-ftInferencePriceFactor")).toContainText("and run 10x cheaper. 003's");
  // A figure that prices more than the approach in its name says so.
  await expect(page.getByTestId("figure-ragTimeToValueWeeks")).toContainText("RAG (and prompting only) time to value");
  await expect(page.getByTestId("figure-ftTimeToValueWeeks")).toContainText("Fine-tuning (and hybrid) time to value");
  // An estimate the sources call for, and version 0 in the history, name the sources as the Sources page does.
  await expect(page.getByTestId("figure-ftTimeToValueWeeks")).toContainText("An estimate, not a figure from the sources.");
  await expect(page.getByTestId("versions")).toContainText("Built-in defaults (where each figure comes from is shown above)");
  await expect(page.getByRole("main")).not.toContainText(/seed/i);
  await expect(page.getByRole("form", { name: "Edit the assumptions" })).toHaveCount(0);
  await expect(page.getByText("Finance and admins can change these figures.")).toBeVisible();
});

test("finance edits a rate with a reason, sees version 1 and the new value, and the projections follow", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Assistant with a price");
  // One deciding answer: with none the use case is not assessed, and nothing is costed.
  await page.getByLabel("Core need").selectOption("retrieval");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByRole("button", { name: "Save use case" }).click();
  // Nobody typed a price: the default model is priced from the catalogue.
  // With the figures inference is made of: the prices and the tokens of a call.
  await expect(page.getByTestId("pricing")).toContainText("Model openai/gpt-4o: priced from a public price list");
  await expect(page.getByTestId("pricing")).toContainText("at $2.50 per million input tokens and $10.00 per million output tokens");
  await expect(page.getByTestId("pricing")).toContainText("A call is taken as 1,000–2,500 (base 1,500) input and 200–500 (base 300) output tokens");
  await expect(page.getByTestId("lifecycle-table")).toBeVisible();
  // What the people lines are made of: no index for prompting alone, an evaluation set built as none is said to exist.
  await expect(page.getByTestId("labour-note")).toContainText(/prompting alone has no index and pays only for keeping its prompt, 1–4 \(base 2\) hours a month: an assumption, not a figure from the sources/i);
  await expect(page.getByTestId("labour-note")).toContainText("because the use case does not say it has one");
  const useCaseUrl = page.url();

  await registry.signInAs("FINANCE");
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  const form = page.getByRole("form", { name: "Edit the assumptions" });
  await expect(form).toBeVisible();
  // A figure no formula uses says so where it can be edited.
  await expect(form.getByTestId("edit-ragInfraYearlyUsd").getByTestId("edit-reference-only")).toContainText("For reference: changing it changes no cost.");
  await expect(form.getByLabel("Prompt upkeep (prompting alone) base")).toHaveValue("2");
  await form.getByLabel("ML engineer rate base").fill("225");
  await form.getByLabel("ML engineer rate high").fill("275");
  for (const s of ["low", "base", "high"]) await form.getByLabel(`Model price, input (by hand) ${s}`).fill("10");

  // An input price by hand without the output price, and no reason: both refused at once, each
  // beside its field, nothing saved.
  await form.getByRole("button", { name: "Save a new version" }).click();
  await expect(form.getByTestId("edit-modelOutputPricePerMTokens").getByTestId("field-error")).toContainText("Set the output price too: hand prices replace the catalogue's only as a pair.");
  await expect(form.locator("#assumptions-note-error")).toContainText("Say why the figures change");
  await expect(page.getByTestId("assumption-version")).toHaveText("Built-in defaults (version 0)");

  for (const s of ["low", "base", "high"]) await form.getByLabel(`Model price, output (by hand) ${s}`).fill("30");

  // No reason: refused at the field, nothing saved.
  await form.getByRole("button", { name: "Save a new version" }).click();
  await expect(form.getByTestId("field-error").first()).toContainText("Say why");
  await expect(page.getByTestId("assumption-version")).toHaveText("Built-in defaults (version 0)");

  await form.getByLabel("Why the figures change").fill("Our 2027 rate card and price list");
  await form.getByRole("button", { name: "Save a new version" }).click();
  await expect(form.getByRole("status")).toContainText("Saved version 1; 1 use case re-projected.");
  await expect(page.getByTestId("assumption-version")).toContainText("Version 1, by Fin Finance");
  await expect(page.getByTestId("assumption-version")).toContainText("Our 2027 rate card and price list");
  await expect(page.getByTestId("figure-engineerRate")).toContainText("$225.00");
  await expect(page.getByTestId("figure-engineerRate")).toContainText("$275.00");
  // Changed from its source's figure: the Source cell says so, with the default, before the quote.
  await expect(page.getByTestId("figure-engineerRate").getByTestId("changed-from-default")).toHaveText("The organization's own figure; the default is $150.00 / $200.00 / $250.00, from:");
  await expect(page.getByTestId("figure-ftHostingHourlyUsd").getByTestId("changed-from-default")).toHaveCount(0);
  await expect(page.getByTestId("figure-modelInputPricePerMTokens")).not.toContainText("From the catalogue");
  // The default model's line gives the prices the projections now use, not the list's.
  await expect(page.getByTestId("catalogue")).toContainText(
    "Default model openai/gpt-4o, priced by hand: $10.00 input, $30.00 output per million tokens (base), in place of the price list's $2.50 and $10.00.",
  );
  await expect(page.getByTestId("catalogue")).toContainText(/list, copied into these assumptions on \d{4}-\d{2}-\d{2}\. The package gives no date for its prices/);

  // The history compares version 1 with the defaults.
  await page.getByRole("link", { name: "Compare with 0" }).click();
  await expect(page).toHaveURL(/compare=0,1/);
  const comparison = page.getByTestId("comparison");
  await expect(comparison).toContainText("ML engineer rate");
  await expect(comparison).toContainText("$150.00 / $200.00 / $250.00");
  await expect(comparison).toContainText("→ $150.00 / $225.00 / $275.00");
  await expect(comparison).not.toContainText("Vector database");
  // Version 0 priced the model from the catalogue: not "missing".
  await expect(comparison).toContainText("From the catalogue: $2.50 for openai/gpt-4o");
  await expect(comparison).toContainText("→ $10.00 / $10.00 / $10.00");
  await expect(comparison).not.toContainText("missing");

  await page.goto(useCaseUrl);
  await expect(page.getByTestId("lifecycle-table")).toBeVisible();
  await expect(page.getByTestId("pricing")).toContainText("Model openai/gpt-4o: priced by hand at $10.00 per million input tokens and $30.00 per million output tokens");
});
