/**
 * Journey: the registry's list. Sorting, filters, search, page size and columns all land in the
 * URL, the server answers with one page, and opening the URL again shows the same view.
 */
import { expect, test } from "./registry-fixtures";

test("the list's view lives in the URL: sort, filter, search, page size, columns, paging", async ({ page, registry }) => {
  for (let i = 0; i < 30; i++) {
    await registry.seedUseCase({
      title: `${i % 3 === 0 ? "Invoice" : "Support"} use case ${String(i).padStart(2, "0")}`,
      businessUnit: i % 2 === 0 ? "Finance" : "Support",
      recommendedApproach: i % 2 === 0 ? "RAG" : "FINE_TUNING",
      ownerRole: i % 2 === 0 ? "LEAD" : "EXECUTIVE",
    });
  }
  await registry.signInAs("ADMIN");
  await page.goto(registry.path());
  const count = page.getByTestId("list-count");
  await expect(count).toHaveText("1–25 of 30 use cases");
  const firstTitle = page.locator("tbody tr").first().locator("td").first();

  await page.getByRole("button", { name: "Title" }).click();
  await expect(page).toHaveURL(/sort=title&dir=asc/);
  await expect(firstTitle).toHaveText("Invoice use case 00");
  await page.getByRole("button", { name: "Title" }).click();
  await expect(page).toHaveURL(/sort=title&dir=desc/);
  await expect(firstTitle).toHaveText("Support use case 29");

  await page.locator("summary", { hasText: "Business unit" }).click(); // opens the filter
  await page.getByRole("group", { name: "Business unit" }).getByLabel("Finance").check();
  await expect(page).toHaveURL(/bu=Finance/);
  await expect(count).toHaveText("1–15 of 15 use cases");

  await page.getByLabel("Search title, description, vendor, topic area and additional fields").fill("invoice");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=invoice/);
  await expect(count).toHaveText("1–5 of 5 use cases");

  await page.locator("summary", { hasText: "Columns" }).click();
  await page.getByLabel("Owner").uncheck();
  await expect(page).toHaveURL(/hide=owner/);
  await expect(page.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);

  // the same URL opened afresh shows the same view
  const url = page.url();
  await page.goto(url);
  await expect(count).toHaveText("1–5 of 5 use cases");
  await expect(firstTitle).toHaveText("Invoice use case 24");
  await expect(page.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(count).toHaveText("1–25 of 30 use cases");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(count).toHaveText("26–30 of 30 use cases");
  await page.getByLabel("Rows per page").selectOption("50");
  await expect(page).toHaveURL(/size=50/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(count).toHaveText("1–30 of 30 use cases");
});
