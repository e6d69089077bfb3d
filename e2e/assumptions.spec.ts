/**
 * Journey: finance sets the model price and tokens per call the seeds do not give, with a reason;
 * a new version appears and a use case's projection follows. A lead sees the figures but no form.
 */
import { expect, test } from "./registry-fixtures";

test("finance edits the assumptions and the projections follow; a lead cannot edit", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Assistant with a price");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByTestId("projection-missing")).toContainText("Base model price");
  const useCaseUrl = page.url();

  await page.goto(`/o/${registry.org.slug}/assumptions`);
  await expect(page.getByTestId("assumption-version")).toContainText("version 0");
  await expect(page.getByRole("form", { name: "Edit the assumptions" })).toHaveCount(0);

  await registry.signInAs("FINANCE");
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  for (const s of ["low", "base", "high"]) {
    await page.getByLabel(`Base model price ${s}`).fill("0.01");
    await page.getByLabel(`Tokens per call (prompt and answer) ${s}`).fill("1000");
  }
  await page.getByRole("button", { name: "Save a new version" }).click();
  await expect(page.getByTestId("field-error").first()).toContainText("Say why");
  await page.getByLabel("Why the figures change").fill("Our 2027 price list");
  await page.getByRole("button", { name: "Save a new version" }).click();
  await expect(page.getByTestId("assumption-version")).toContainText("Version 1");
  await expect(page.getByTestId("assumption-version")).toContainText("Our 2027 price list");

  await page.goto(useCaseUrl);
  await expect(page.getByTestId("lifecycle-table")).toBeVisible();
  await expect(page.getByTestId("projection-missing")).not.toContainText("Base model price");
});
