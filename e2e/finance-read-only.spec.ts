/**
 * Journey: finance reads every use case but sees no control that changes one, and a direct edit
 * or create URL gives 403.
 */
import { expect, test } from "./registry-fixtures";

test("finance reads use cases without edit controls; a direct edit URL gives 403", async ({ page, registry }) => {
  const id = await registry.seedUseCase({ title: "Invoice matching", ownerRole: "LEAD", businessUnit: "Finance ops", assessment: { changeFrequency: "monthly" } });

  await registry.signInAs("FINANCE");
  await page.goto(registry.path());
  await expect(page.getByRole("link", { name: "Invoice matching" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log a use case" })).toHaveCount(0);

  await page.getByRole("link", { name: "Invoice matching" }).click();
  await expect(page.getByRole("heading", { name: "Invoice matching", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

  await page.getByRole("link", { name: "Assessment" }).click();
  await expect(page.getByText("Monthly", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit answers" })).toHaveCount(0);

  await page.getByRole("link", { name: "Decision" }).click();
  await expect(page.getByRole("button", { name: "Record decision" })).toHaveCount(0);

  const edit = await page.goto(registry.path(`/${id}/edit`));
  expect(edit?.status()).toBe(403);
  await expect(page.getByLabel("Title")).toHaveCount(0);

  const create = await page.goto(registry.path("/new"));
  expect(create?.status()).toBe(403);

  // the trash is readable, without restore buttons
  const trash = await page.goto(registry.path("/trash"));
  expect(trash?.status()).toBe(200);

  const [row] = await registry.query<{ version: number }>(`SELECT version FROM "UseCase" WHERE id = $1`, [id]);
  expect(row!.version).toBe(1);
});
