/**
 * Journey: on a phone, a lead moves a use case to the trash, finds it there with its business
 * unit and owner under the title and Restore in view (the unit and owner columns had pushed
 * Restore past the edge of the table's box), and restores it.
 */
import { expect, test } from "./registry-fixtures";
import { logRetrievalUseCase } from "./support/retrieval-use-case";

test("a lead on a phone trashes a use case, sees Restore in view in the trash, and restores it", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await logRetrievalUseCase(page, registry, "Claims desk policy answers", "20000");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("group", { name: "Confirm deletion" }).getByRole("button", { name: "Move to trash" }).click();
  await expect(page).toHaveURL(/\?deleted=/);

  await page.goto(registry.path("/trash"));
  const row = page.getByRole("row", { name: /Claims desk policy answers/ });
  await expect(row).toContainText("owned by");
  const restore = row.getByRole("button", { name: "Restore" });
  await expect(restore).toBeVisible();
  // Wholly inside the window and inside the table's own box: nothing to scroll to reach it.
  const box = (await restore.boundingBox())!;
  const table = (await page.locator("main table").first().locator("xpath=..").boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(Math.min(390, table.x + table.width));

  await restore.click();
  await expect(page).toHaveURL(/saved=restored/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Claims desk policy answers");
});

test("the keyboard keeps its place through Delete's question: on Cancel, Escape goes back to Delete, and nothing is trashed", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await logRetrievalUseCase(page, registry, "Claims desk policy answers", "20000");
  const del = page.getByRole("button", { name: "Delete" });
  await del.focus();
  await page.keyboard.press("Enter");
  const question = page.getByRole("group", { name: "Confirm deletion" });
  await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(question).toHaveAccessibleDescription("Move “Claims desk policy answers” to the trash? It can be restored.");
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(del).toBeFocused();
  // Enter on Cancel does the same.
  await page.keyboard.press("Enter");
  await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(del).toBeFocused();
  expect(await registry.query(`SELECT count(*)::int AS n FROM "UseCase" WHERE "organizationId" = $1 AND "deletedAt" IS NOT NULL`, [registry.org.id])).toEqual([{ n: 0 }]);
});
