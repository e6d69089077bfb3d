/**
 * Journey: finance downloads both cost rollups from the portfolio; a lead sees no download links.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "./registry-fixtures";

test("finance downloads the detail and business-unit rollups; a lead cannot", async ({ page, registry }) => {
  await registry.seedUseCase({ title: "=cmd|' /C calc'!A0", businessUnit: "Support", recommendedApproach: "RAG" as never });
  await registry.signInAs("FINANCE");
  await page.goto(`/o/${registry.org.slug}/portfolio`);

  const [detail] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the detail cost rollup (CSV)" }).click()]);
  expect(detail.suggestedFilename()).toMatch(new RegExp(`^${registry.org.slug}-cost-detail-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const detailText = readFileSync((await detail.path())!, "utf8");
  expect(detailText.split("\r\n")[0]).toContain("organization,use_case_id,title");

  const [bu] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the business-unit rollup (CSV)" }).click()]);
  expect(bu.suggestedFilename()).toMatch(/cost-by-business-unit/);
  expect(readFileSync((await bu.path())!, "utf8")).toContain("business_unit,calendar_year,scenario");

  await registry.signInAs("LEAD");
  await page.goto(`/o/${registry.org.slug}/portfolio`);
  await expect(page.getByRole("link", { name: /Download the/ })).toHaveCount(0);
  const res = await page.request.get(`/o/${registry.org.slug}/export/detail.csv`);
  expect(res.status()).toBe(403);
});
