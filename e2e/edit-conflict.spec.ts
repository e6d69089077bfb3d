/**
 * Journey: two people edit the same use case. The second save is told of the conflict, sees the
 * other change beside their own, and applies their changes to the other version: nothing is lost.
 */
import { expect, test } from "./registry-fixtures";

test("the second of two concurrent edits is told of the conflict and can reapply", async ({ page, registry }) => {
  const id = await registry.seedUseCase({ title: "Claims triage", ownerRole: "LEAD", description: "First draft." });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}/edit`));
  await page.getByLabel("Description").fill("Triage incoming insurance claims by urgency.");

  // Meanwhile an executive saves a new title (version 1 → 2), as the app would record it.
  await registry.query(`UPDATE "UseCase" SET title = 'Claims triage (EMEA)', version = 2, "updatedAt" = now() WHERE id = $1`, [id]);
  await registry.query(
    `INSERT INTO "AuditEvent" (id, "organizationId", "actorId", action, entity, "entityId", before, after) VALUES ($1, $2, $3, 'use_case.updated', 'UseCase', $4, $5, $6)`,
    [`c${Date.now()}`, registry.org.id, registry.org.users.EXECUTIVE.id, id, { title: "Claims triage" }, { title: "Claims triage (EMEA)" }],
  );

  await page.getByRole("button", { name: "Save changes" }).click();
  const conflict = page.getByTestId("conflict");
  await expect(conflict).toContainText("Someone else saved this use case since you opened it.");
  await expect(conflict).toContainText(registry.org.users.EXECUTIVE.name);
  await expect(conflict.getByRole("row", { name: /Title/ })).toContainText("Claims triage (EMEA)");
  await expect(conflict.getByRole("row", { name: /Description/ })).toContainText("Triage incoming insurance claims by urgency.");
  // nothing of the lead's was written yet
  const [mid] = await registry.query<{ description: string; version: number }>(`SELECT description, version FROM "UseCase" WHERE id = $1`, [id]);
  expect(mid).toEqual({ description: "First draft.", version: 2 });

  await conflict.getByRole("button", { name: "Apply my changes to their version and save" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const [row] = await registry.query<{ title: string; description: string; version: number }>(`SELECT title, description, version FROM "UseCase" WHERE id = $1`, [id]);
  expect(row).toEqual({ title: "Claims triage (EMEA)", description: "Triage incoming insurance claims by urgency.", version: 3 });
});

test("a save of one's own that overtook the form (another tab, or the form met again by Back) is said as one's own, and applying the edits keeps both", async ({ page, context, registry }) => {
  const id = await registry.seedUseCase({ title: "Claims triage", ownerRole: "LEAD", description: "First draft." });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}/edit`));
  // The same person saves in another tab meanwhile.
  const other = await context.newPage();
  await other.goto(registry.path(`/${id}/edit`));
  await other.getByLabel("Description").fill("Saved once.");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByText("Changes saved.")).toBeVisible();
  await other.close();

  await page.getByLabel("Business unit").fill("Claims operations");
  await page.getByRole("button", { name: "Save changes" }).click();
  const conflict = page.getByTestId("conflict");
  await expect(conflict).toContainText("You saved this use case since this form was opened.");
  await expect(conflict).not.toContainText("Someone else");
  await conflict.getByRole("button", { name: "Apply these edits to the saved version and save" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const [row] = await registry.query<{ description: string; businessUnit: string }>(`SELECT description, "businessUnit" FROM "UseCase" WHERE id = $1`, [id]);
  expect(row).toEqual({ description: "Saved once.", businessUnit: "Claims operations" });
});
