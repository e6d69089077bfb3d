/**
 * Journey (issue 15): an admin imports a public AI inventory as published (35 columns, ids that
 * repeat across agencies, too-long ids and titles, a Windows-1252 row in a UTF-8 file, mojibake,
 * odd dates, unknown statuses). The check lists every row's outcome; the text is repaired in one
 * click; the refused rows download as a CSV; the valid rows are imported; the governance fields
 * and the other columns show on the use case; importing the file again changes nothing; the
 * import is undone from its record.
 */
import { readFile } from "node:fs/promises";
import { expect, test, chooseFile } from "./fixtures";
import { publicInventory } from "../tests/helpers/public-inventory";

test("an admin imports a public inventory as published, then undoes it", async ({ page, auth }) => {
  test.setTimeout(180_000);
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  await auth.signIn(page, org.users.ADMIN!, { from: org.path("use-cases/import") });
  const file = publicInventory(60);
  const refused = [...new Set([...file.faults.longId, ...file.faults.longTitle, ...file.faults.emptyTitle, ...file.faults.noYear])];
  const valid = 60 - refused.length;

  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "ai-inventory.csv", mimeType: "text/csv", buffer: Buffer.from(file.bytes) });
  await expect(page.getByTestId("file-summary")).toContainText("60 rows, 35 columns");
  await expect(page.getByTestId("encoding-note")).toContainText(`Row ${file.faults.cp1252Row} held Windows-1252 characters`);
  // governance columns recognised by their names; the external id built from agency + id
  await expect(page.getByLabel("Field for the column “Is the AI use case high-impact?”")).toHaveValue("highImpact");
  await page.getByLabel("External id: first part").selectOption("Agency Abbreviation");
  await page.getByLabel("External id: second part").selectOption("Use Case ID");
  await page.getByRole("button", { name: "Check 60 rows" }).click();

  const counts = page.getByTestId("import-counts");
  await expect(counts).toContainText(`New${valid}`);
  // refused rows are listed first, each with its reason
  const outcomes = page.getByTestId("import-outcomes");
  await expect(outcomes.getByRole("row", { name: new RegExp(`Row ${file.faults.emptyTitle[0]}\\b`) })).toContainText("Title is required");
  // garbled text is flagged and repaired in one click
  await expect(page.getByTestId("text-faults")).toBeVisible();
  await page.getByRole("button", { name: "Repair text" }).click();
  await expect(page.getByTestId("text-repaired")).toBeVisible();
  await expect(page.getByTestId("text-faults")).toHaveCount(0);

  // the refused rows as a CSV, with the reasons
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: new RegExp(`Download the ${refused.length} refused row`) }).click()]);
  expect(download.suggestedFilename()).toBe("ai-inventory-refused-rows.csv");
  const text = await readFile((await download.path())!, "utf8");
  expect(text.split("\r\n")[0]).toContain("Import problems");
  expect(text).toContain("Title is required");

  // the mapping (with its id columns and the repair) saved for next time
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Saved the mapping “ai-inventory”")).toBeVisible();

  await page.getByRole("button", { name: `Import ${valid} valid rows, leave ${refused.length} out` }).click();
  await expect(page.getByTestId("import-done")).toContainText(`${valid} use cases added, 0 updated, 0 unchanged, ${refused.length} refused and left out`);

  // a use case shows its governance fields and the inventory's other columns
  const [one] = await auth.query<{ id: string; title: string }>(`SELECT id, title FROM "UseCase" WHERE "organizationId" = $1 AND "externalId" = 'TREAS / 1'`, [org.id]);
  await page.goto(org.path(`use-cases/${one!.id}`));
  await expect(page.getByTestId("governance")).toContainText("High-impact (OMB M-25-21)");
  await expect(page.getByTestId("additional-fields")).toContainText("Department of the Treasury");

  // the same file again, with the saved mapping picked for it: nothing to import
  await page.goto(org.path("use-cases/import"));
  await chooseFile(page.getByLabel("CSV file", { exact: true }), { name: "ai-inventory.csv", mimeType: "text/csv", buffer: Buffer.from(file.bytes) });
  await expect(page.getByLabel("External id: second part")).toHaveValue("Use Case ID");
  await page.getByRole("button", { name: "Check 60 rows" }).click();
  await expect(counts).toContainText(`Unchanged${valid}`);
  await expect(counts).toContainText("New0");
  await expect(page.getByRole("button", { name: /valid row/ })).toHaveCount(0);

  // the import's record, reached from an imported use case's history, and the undo
  const [summary] = await auth.query<{ entityId: string }>(`SELECT "entityId" FROM "AuditEvent" WHERE "organizationId" = $1 AND action = 'use_cases.imported'`, [org.id]);
  const [oneCase] = await auth.query<{ id: string }>(`SELECT id FROM "UseCase" WHERE "organizationId" = $1 LIMIT 1`, [org.id]);
  await page.goto(org.path(`use-cases/${oneCase!.id}?tab=history`));
  await page.getByTestId("history-import-link").click();
  await expect(page).toHaveURL(new RegExp(`/use-cases/import/${summary!.entityId}$`));
  await expect(page.getByTestId("import-record-counts")).toContainText(`${valid} added`);
  // The record names the rows it left out, by the file's own row numbers.
  const sortedRefused = [...refused].sort((a, b) => a - b);
  await expect(page.getByTestId("import-record-counts")).toContainText(
    `${refused.length} refused and left out (rows ${sortedRefused.slice(0, -1).join(", ")} and ${sortedRefused.at(-1)} of the file)`,
  );
  await page.getByRole("button", { name: "Undo this import" }).click();
  await page.getByRole("button", { name: "Yes, undo the import" }).click();
  await expect(page.getByTestId("import-undone")).toBeVisible();
  expect(await auth.query(`SELECT id FROM "UseCase" WHERE "organizationId" = $1`, [org.id])).toHaveLength(0);
});
