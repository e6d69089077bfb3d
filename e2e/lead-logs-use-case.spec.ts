/**
 * Journey: a project lead logs a use case, hits a validation error (a 12-year horizon), fixes it,
 * saves, sees what is still unanswered, then edits it and finds the change in the history.
 */
import { expect, test } from "./registry-fixtures";

test("a lead logs a use case, fixes a validation error, saves, then edits it", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path());
  await expect(page.getByRole("heading", { name: "Use cases", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Log a use case" }).click();
  await expect(page).toHaveURL(registry.path("/new"));

  await page.getByLabel("Title").fill("Support assistant over the product catalog");
  await page.getByLabel("Description").fill("Answers customer questions about prices and policies.");
  await page.getByLabel("Business unit / cost center").fill("Customer Support");
  await page.getByLabel("Horizon (years)").fill("12");

  // a few answers, of each kind
  const missing = page.getByTestId("missing-answers");
  await expect(missing).toContainText("Still unanswered: 21 of 21");
  await page.getByLabel("How often the underlying knowledge changes").selectOption("weekly");
  await page.getByLabel("Longest acceptable lag (days)").fill("3");
  await page.getByRole("group", { name: "Answers must cite sources" }).getByLabel("Yes").check();
  await expect(missing).toContainText("Still unanswered: 18 of 21");
  // help texts name the source behind each answer, by its title, never its file name
  await expect(page.locator('[data-field="assessment.changeFrequency"]')).toContainText("Right for your business? (question 1)");
  await expect(page.locator('[data-field="assessment.changeFrequency"]')).not.toContainText("000");

  // A lead's owner is themselves: the control is disabled and looks it (grey, not a white field).
  const owner = page.getByLabel("Owner");
  await expect(owner).toBeDisabled();
  expect(await owner.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgb(255, 255, 255)");
  // The save bar hides the form scrolling under it: an opaque background.
  expect(await page.getByTestId("save-bar").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");

  // Two mistakes, far apart: the banner lists both as links, in the form's order, and focus goes to the first.
  await page.getByLabel("Longest acceptable lag (days)").fill("-3");
  await page.getByRole("button", { name: "Save use case" }).click();
  const horizon = page.locator('[data-field="horizonYears"]');
  await expect(horizon.getByTestId("field-error")).toHaveText("At most 10 years");
  const banner = page.getByTestId("form-errors");
  await expect(banner).toContainText("Please correct the highlighted fields.");
  const faults = banner.getByRole("list", { name: "Fields to correct" }).getByRole("link");
  await expect(faults).toHaveText(["Horizon (years)", "Longest acceptable lag (days)"]);
  await expect(page.getByLabel("Horizon (years)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Horizon (years)")).toBeFocused();
  await faults.nth(1).click();
  await expect(page.getByLabel("Longest acceptable lag (days)")).toBeFocused();
  await page.getByLabel("Longest acceptable lag (days)").fill("3");
  await expect(page).toHaveURL(registry.path("/new"));
  expect(await registry.query(`SELECT id FROM "UseCase" WHERE "organizationId" = $1`, [registry.org.id])).toHaveLength(0);

  await page.getByLabel("Horizon (years)").fill("3");
  await expect(horizon.getByTestId("field-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Save use case" }).click();

  await expect(page.getByText("Use case saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Support assistant over the product catalog", level: 1 })).toBeVisible();
  const [row] = await registry.query<{ id: string; horizonYears: number; ownerId: string; assessment: Record<string, unknown>; version: number }>(
    `SELECT id, "horizonYears", "ownerId", assessment, version FROM "UseCase" WHERE "organizationId" = $1`,
    [registry.org.id],
  );
  expect(row).toMatchObject({ horizonYears: 3, ownerId: registry.org.users.LEAD.id, version: 1 });
  expect(row!.assessment).toEqual({ changeFrequency: "weekly", maxLagDays: 3, needsCitations: true });

  await page.getByRole("link", { name: "Assessment" }).click();
  await expect(page.getByTestId("missing-answers")).toContainText("Still unanswered: 18 of 21");

  // edit it
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(registry.path(`/${row!.id}/edit`));
  await expect(page.getByLabel("Title")).toHaveValue("Support assistant over the product catalog");
  await page.getByLabel("Title").fill("Support assistant (catalog and policies)");
  await page.getByLabel("Longest acceptable lag (days)").fill("7");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Support assistant (catalog and policies)", level: 1 })).toBeVisible();
  const [after] = await registry.query<{ title: string; version: number; assessment: Record<string, unknown> }>(`SELECT title, version, assessment FROM "UseCase" WHERE id = $1`, [row!.id]);
  expect(after).toMatchObject({ title: "Support assistant (catalog and policies)", version: 2 });
  expect(after!.assessment).toMatchObject({ maxLagDays: 7 });

  await page.getByRole("link", { name: "History" }).click();
  const history = page.getByTestId("history");
  await expect(history.getByRole("listitem").first()).toContainText("edited");
  await expect(history.getByRole("listitem").first()).toContainText("Longest acceptable lag (days)");
  await expect(history.getByRole("listitem").first()).toContainText("3 days");
  await expect(history.getByRole("listitem").first()).toContainText("7 days");
  await expect(history.getByRole("listitem").nth(1)).toContainText("logged this use case");

  // it is in the list
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Use cases" }).click();
  await expect(page.getByRole("link", { name: "Support assistant (catalog and policies)" })).toBeVisible();
});
