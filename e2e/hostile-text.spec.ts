/**
 * Journey: a lead logs a use case whose title, description and business unit look like scripts,
 * then renames it. Everywhere the text is shown (the list, the detail page, the history, the
 * portfolio, the cost export) it reads literally, as typed; nothing it contains runs
 * (window.__xss stays undefined, no element it names appears), and the page reports no
 * Content-Security-Policy violation (which would mean markup got in and was only stopped by
 * the policy).
 */
import Papa from "papaparse";
import type { Page } from "@playwright/test";
import { expect, test } from "./registry-fixtures";

const TITLE = "<script>window.__xss=1</script> Support bot";
const RENAMED = "<img src=x onerror=window.__xss=1> Support bot";
const DESCRIPTION = `Answers "><svg onload=window.__xss=1> questions & <b>bolds</b> nothing`;
const BUSINESS_UNIT = `"><svg onload=window.__xss=1>`;

/** Nothing of the hostile text became markup, and nothing ran. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], [onerror], b:text("bolds")')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])).toEqual([]);
}

test("script-looking text is shown literally everywhere and never runs", async ({ page, registry }) => {
  const consoleCsp: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Content-Security-Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  // Injected by the browser driver (not subject to the page's policy): records violations the page would otherwise only log.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });

  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Description").fill(DESCRIPTION);
  await page.getByLabel("Business unit / cost center").fill(BUSINESS_UNIT);
  await page.getByLabel("How often the underlying knowledge changes").selectOption("weekly");
  await page.getByLabel("Core need").selectOption("retrieval");
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByRole("button", { name: "Save use case" }).click();

  // The detail page: the heading, the description and the business unit, as typed.
  await expect(page.getByText("Use case saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText(DESCRIPTION)).toBeVisible();
  await expect(page.getByText(BUSINESS_UNIT, { exact: true }).first()).toBeVisible();
  await expectInert(page);
  const [row] = await registry.query<{ id: string; title: string; description: string; businessUnit: string }>(
    `SELECT id, title, description, "businessUnit" FROM "UseCase" WHERE "organizationId" = $1`,
    [registry.org.id],
  );
  expect(row).toMatchObject({ title: TITLE, description: DESCRIPTION, businessUnit: BUSINESS_UNIT });

  // Renamed: the history shows both titles, literally.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill(RENAMED);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(RENAMED);
  await page.getByRole("link", { name: "History" }).click();
  const history = page.getByTestId("history");
  await expect(history.getByRole("listitem").first()).toContainText(TITLE);
  await expect(history.getByRole("listitem").first()).toContainText(RENAMED);
  await expectInert(page);

  // The list.
  await page.goto(registry.path());
  await expect(page.getByRole("link", { name: RENAMED, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: BUSINESS_UNIT, exact: true })).toBeVisible();
  await expectInert(page);

  // The portfolio and the cost export, as an executive.
  await registry.signInAs("EXECUTIVE");
  await page.goto(`/o/${registry.org.slug}/portfolio`);
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  await expect(page.locator("option").filter({ hasText: BUSINESS_UNIT })).toHaveCount(1);
  await expect(page.getByTestId("top-ten").getByRole("link", { name: RENAMED, exact: true })).toBeVisible();
  await expectInert(page);

  const res = await page.request.get(`/o/${registry.org.slug}/export/detail.csv`);
  expect(res.status()).toBe(200);
  const rows = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, "").trimEnd(), { header: true }).data;
  const ours = rows.filter((r) => Object.values(r).includes(RENAMED));
  expect(ours.length).toBeGreaterThan(0);
  for (const r of ours) expect(Object.values(r)).toContain(BUSINESS_UNIT);

  expect(consoleCsp).toEqual([]);
});
