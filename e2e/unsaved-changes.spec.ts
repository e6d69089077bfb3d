/**
 * Journey: a lead types a new use case, then clicks "Portfolio" in the nav. The page asks before
 * the typing is lost (components/unsaved-changes.tsx): Cancel keeps the form as typed, OK leaves;
 * closing or reloading the tab asks the browser's own question, and the browser's Back asks as a
 * link does. A form with nothing changed, or one just saved, leaves without asking; saving is
 * never asked about.
 */
import type { Dialog, Page } from "@playwright/test";
import { expect, test } from "./registry-fixtures";

const ASK = "Leave this page? Your changes to this use case are not saved.";

/** Every dialog the page opens from now on, answered with `answer` (each in turn, the last repeated). */
function dialogs(page: Page, ...answers: ("accept" | "dismiss")[]): Dialog[] {
  const seen: Dialog[] = [];
  page.on("dialog", async (d) => {
    const answer = answers[Math.min(seen.length, answers.length - 1)] ?? "dismiss";
    seen.push(d);
    await (answer === "accept" ? d.accept() : d.dismiss());
  });
  return seen;
}

test("typing a new use case, then following a nav link, asks first; Cancel keeps the typing", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  const portfolio = `/o/${registry.org.slug}/portfolio`;
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Complaint letter drafting");
  await page.getByLabel("Description").fill("Drafts replies to complaint letters for an agent to check.");

  const seen = dialogs(page, "dismiss", "accept");
  const nav = page.getByRole("navigation", { name: "Organization" });
  await nav.getByRole("link", { name: "Portfolio" }).click();
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]!.type()).toBe("confirm");
  expect(seen[0]!.message()).toBe(ASK);
  // Cancelled: still on the form, as typed, a moment later too (the link did not navigate after all).
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(registry.path("/new"));
  await expect(page.getByLabel("Title")).toHaveValue("Complaint letter drafting");
  await expect(page.getByLabel("Description")).toHaveValue("Drafts replies to complaint letters for an agent to check.");

  // OK: leaves, and nothing was saved.
  await nav.getByRole("link", { name: "Portfolio" }).click();
  await expect(page).toHaveURL(portfolio);
  expect(seen).toHaveLength(2);
  expect(seen[1]!.message()).toBe(ASK);
  expect(await registry.query(`SELECT id FROM "UseCase" WHERE "organizationId" = $1`, [registry.org.id])).toHaveLength(0);
});

test("reloading a form with unsaved typing asks the browser's own question", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Complaint letter drafting");
  const seen = dialogs(page, "accept");
  await page.reload();
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]!.type()).toBe("beforeunload");
  await expect(page.getByLabel("Title")).toHaveValue("");
});

test("a form with nothing changed leaves without asking, and so does one changed back", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  const seen = dialogs(page, "dismiss");
  await page.goto(registry.path("/new"));
  await expect(page.getByLabel("Title")).toBeEditable();
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page).toHaveURL(`/o/${registry.org.slug}/portfolio`);

  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("A title");
  await page.getByLabel("Title").fill("");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(registry.path());
  expect(seen).toHaveLength(0);
});

test("editing asks before Cancel drops the change; saving it asks nothing, nor does leaving after", async ({ page, registry }) => {
  const id = await registry.seedUseCase({ title: "Invoice matching", ownerRole: "LEAD" });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}/edit`));
  await page.getByLabel("Title").fill("Invoice matching and coding");

  const seen = dialogs(page, "dismiss");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]!.message()).toBe(ASK);
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(registry.path(`/${id}/edit`));
  await expect(page.getByLabel("Title")).toHaveValue("Invoice matching and coding");

  // The form's own submit is no link: saved, with no question, and then nothing is unsaved.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Invoice matching and coding", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page).toHaveURL(`/o/${registry.org.slug}/portfolio`);
  expect(seen).toHaveLength(1);
});

test("the browser's Back after an edit asks first: Cancel stays with the typing, OK goes back", async ({ page, registry }) => {
  const id = await registry.seedUseCase({ title: "Invoice matching", ownerRole: "LEAD" });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}`));
  // Into the form by the page's own link, so Back is Next.js rendering the use case in place, not a page load.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(registry.path(`/${id}/edit`));
  await page.getByLabel("Title").fill("Invoice matching and coding");

  const seen = dialogs(page, "dismiss", "accept");
  await page.goBack({ timeout: 2_000 }).catch(() => null);
  await expect.poll(() => seen.length).toBe(1);
  expect(seen[0]!.message()).toBe(ASK);
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(registry.path(`/${id}/edit`));
  await expect(page.getByLabel("Title")).toHaveValue("Invoice matching and coding");

  await page.goBack();
  await expect(page).toHaveURL(registry.path(`/${id}`));
  await expect(page.getByRole("heading", { name: "Invoice matching", level: 1 })).toBeVisible();
  expect(seen).toHaveLength(2);
  expect(await registry.query(`SELECT title FROM "UseCase" WHERE id = $1`, [id])).toEqual([{ title: "Invoice matching" }]);
});
