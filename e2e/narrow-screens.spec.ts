/**
 * The app on a phone (390 px wide) and the layout faults a review found: as each demo role, every
 * main page fits the window (wide tables and the tab rows scroll inside their own box, the page
 * never sideways), and the header's "End all my sessions" is wholly on screen. At desktop width,
 * the chosen-approach select shows its options whole, and on "Needs a decision" the "Open" link
 * sits level with the Approve button beside it. Runs in the "every-page" project, after the demo
 * organization is seeded (e2e/demo.setup.ts, playwright.config.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { chooseFile } from "./fixtures";
import { signInToDemo } from "./support/demo";
import { axeViolations } from "./support/axe";

const PHONE = { width: 390, height: 844 };

/** How far the document is wider than the window, and the outermost elements that stick out past its right edge. */
async function sideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const clientWidth = doc.clientWidth;
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= clientWidth + 0.5 || !el.checkVisibility()) continue;
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && parent.right > clientWidth + 0.5) continue;
      // Inside a box of its own that scrolls or clips it (a wide table's, the sections' row): not the page's width.
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") clipped = true;
      if (clipped) continue;
      culprits.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> “${(el.textContent ?? "").trim().slice(0, 40)}” to ${Math.round(r.right)} px`);
    }
    return { scrollWidth: doc.scrollWidth, clientWidth, culprits: culprits.slice(0, 5) };
  });
}

const ROLES = [
  { role: "executive", email: "cto@demo.example.com", extra: ["/o/demo/export"] },
  { role: "lead", email: "lead@demo.example.com", extra: ["/o/demo/use-cases/new", "/o/demo/use-cases/import", "/o/demo/use-cases/trash", "/organizations/new"] },
  { role: "finance", email: "finance@demo.example.com", extra: ["/o/demo/export"] },
  { role: "admin", email: "admin@demo.example.com", extra: ["/o/demo/export", "/o/demo/members", "/o/demo/audit"] },
] as const;

const PAGES = [
  "/o/demo/use-cases",
  "/o/demo/portfolio",
  "/o/demo/decisions",
  "/o/demo/assumptions",
  "/o/demo/frameworks",
  "/o/demo/actuals",
  "/o/demo/value",
  "/o/demo/notifications",
  "/o/demo/sources",
  "/o/demo/sources/000",
  "/account",
];
const TABS = ["", "?tab=assessment", "?tab=decision", "?tab=comments", "?tab=history"];
/** A use case with a decision and one with a proposal awaiting approval: their tabs carry the most. */
const USE_CASES = ["Code review assistant for the policy platform", "Adjuster assistant for coverage questions"];

test.describe("narrow screens", () => {
  for (const { role, email, extra } of ROLES) {
    test(`${role}: at 390 px no page scrolls sideways, and "End all my sessions" is on screen`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize(PHONE);
      await signInToDemo(page, email);
      await page.goto("/o/demo/use-cases?pageSize=100");
      const useCases: string[] = [];
      for (const title of USE_CASES) useCases.push((await page.getByRole("link", { name: title, exact: true }).getAttribute("href"))!);
      const paths = [...PAGES, ...extra, ...useCases.flatMap((u) => TABS.map((t) => u + t))];
      const wide: string[] = [];
      for (const path of paths) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBeLessThan(400);
        await page.waitForLoadState("networkidle");
        const s = await sideways(page);
        if (s.scrollWidth > s.clientWidth) wide.push(`${path}: ${s.scrollWidth} px wide in a ${s.clientWidth} px window; ${s.culprits.join("; ")}`);
      }
      // The use-case list's filter and column menus, opened one at a time, stay within the window too.
      await page.goto("/o/demo/use-cases");
      for (const summary of await page.locator("main details > summary").all()) {
        await summary.click();
        const s = await sideways(page);
        if (s.scrollWidth > s.clientWidth) wide.push(`the “${(await summary.innerText()).trim()}” menu: ${s.scrollWidth} px wide; ${s.culprits.join("; ")}`);
        await summary.click();
      }
      expect(wide).toEqual([]);

      // The header's last button, whole within the window (it was cut off at the right edge).
      await page.goto("/o/demo/use-cases");
      const end = page.getByRole("button", { name: "End all my sessions" });
      await expect(end).toBeVisible();
      const box = (await end.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    });
  }

  test("at 390 px a table that scrolls sideways can be scrolled from the keyboard; at 1440 px no box that fits becomes a tab stop", async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(PHONE);
    await signInToDemo(page, "finance@demo.example.com");
    await page.goto("/o/demo/use-cases?pageSize=100");
    const useCase = (await page.getByRole("link", { name: USE_CASES[0], exact: true }).getAttribute("href"))!;
    const unreachable = async () => (await axeViolations(page)).filter((x) => x.id === "scrollable-region-focusable").flatMap((v) => v.nodes.map((n) => n.target.join(" ")));
    for (const path of ["/o/demo/portfolio", useCase, "/o/demo/actuals", "/o/demo/value"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // The boxes are checked once the page's script has run (and again as the window's size changes).
      await expect.poll(unreachable, { message: path, timeout: 15_000 }).toEqual([]);
    }
    await page.goto("/o/demo/portfolio");
    await expect.poll(() => page.locator("[data-scroll-region]").count()).toBeGreaterThan(0);
    // The portfolio's first such table is reached by Tab and named by its caption.
    const region = page.locator("[data-scroll-region]").first();
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region).toHaveAttribute("aria-label", /\(scrolls sideways\)$/);
    // Wide: fewer boxes overflow, and only a box that still does is a tab stop.
    const narrow = await page.locator("[data-scroll-region]").count();
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => page.locator("[data-scroll-region]").count()).toBeLessThan(narrow);
    expect(await page.locator("[data-scroll-region]").evaluateAll((els) => els.filter((e) => e.scrollWidth <= e.clientWidth + 1).length)).toBe(0);
  });

  for (const size of [PHONE, { width: 1280, height: 844 }]) {
    test(`at ${size.width} px no field the keyboard reaches in the use case form is hidden under its sticky save bar`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size);
      await signInToDemo(page, "lead@demo.example.com");
      await page.goto("/o/demo/use-cases/new");
      await page.getByLabel("Title").focus();
      const hidden: string[] = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        const covered = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const bar = document.querySelector<HTMLElement>('[data-testid="save-bar"]');
          if (!el || !bar || bar.contains(el)) return null;
          const r = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
          return r.bottom > b.top + 1 && r.top < b.bottom ? `${el.tagName.toLowerCase()} “${el.getAttribute("aria-label") ?? el.id ?? ""}” at ${Math.round(r.top)}–${Math.round(r.bottom)} under the bar at ${Math.round(b.top)}` : null;
        });
        if (covered) hidden.push(covered);
      }
      expect(hidden).toEqual([]);
    });
  }

  test("lead: at 390 px the import's column mapping and its check of each row scroll inside their own boxes, not the page", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInToDemo(page, "lead@demo.example.com");
    await page.goto("/o/demo/use-cases/import");
    // Long sample values and long choices: the mapping table is wider than the phone.
    const csv = [
      "Title,Description,Business unit,Planned start,How often the underlying knowledge changes",
      "Policy wording questions and answers for the claims desk,Answers adjusters' questions about policy wording with citations to the clause,Claims operations and customer service,2027-03-01,weekly",
      "Supplier contract clause search,Finds clauses across ten thousand supplier contracts,Procurement,Q3 2027,monthly",
    ].join("\r\n");
    await chooseFile(page.locator("#import-file"), { name: "inventory-with-long-cells.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
    await expect(page.getByTestId("column-mapping")).toBeVisible();
    let s = await sideways(page);
    expect(s.scrollWidth, s.culprits.join("; ")).toBeLessThanOrEqual(s.clientWidth);
    // Each column's choice is on screen as it stands, not past the edge of a box to scroll (a review found them there).
    const choices = page.getByTestId("column-mapping").getByRole("combobox");
    await expect(choices).toHaveCount(5);
    for (const box of await Promise.all((await choices.all()).map((c) => c.boundingBox()))) expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    // The file's summary names the encoding, and its byte-order mark, once.
    await expect(page.getByTestId("file-summary")).toContainText("read as UTF-8 (with byte-order mark).");
    await expect(page.getByTestId("file-summary")).not.toContainText("It starts with");

    await page.getByRole("button", { name: "Check 2 rows" }).click();
    const outcomes = page.getByTestId("import-outcomes");
    await expect(outcomes).toBeVisible();
    s = await sideways(page);
    expect(s.scrollWidth, s.culprits.join("; ")).toBeLessThanOrEqual(s.clientWidth);
    // Its explanation column keeps a readable width (it was squeezed to a word a line).
    const explanation = outcomes.getByRole("columnheader", { name: "How it was read, what changes, or why refused" });
    expect((await explanation.boundingBox())!.width).toBeGreaterThanOrEqual(240);
  });

  test("at 1440 px the chosen-approach select shows its longest option whole, and a decision's Open link is level with its Approve button", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInToDemo(page, "cto@demo.example.com");
    await page.goto("/o/demo/use-cases?pageSize=100");
    const href = await page.getByRole("link", { name: USE_CASES[0], exact: true }).getAttribute("href");
    await page.goto(`${href}?tab=decision`);
    const select = page.getByRole("combobox", { name: "Chosen approach", exact: true });
    await expect(select).toBeVisible();
    // The select's box against the width of its longest option's text in the select's own font.
    const fit = await select.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = [...el.options].map((o) => o.text).sort((a, b) => ctx.measureText(b).width - ctx.measureText(a).width)[0]!;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { longest, fits: ctx.measureText(longest).width <= room };
    });
    expect(fit, "the longest option fits the select").toEqual({ longest: fit.longest, fits: true });

    await page.goto("/o/demo/decisions");
    const row = page.getByTestId("queue-row").filter({ has: page.getByRole("button", { name: /^Approve / }) }).first();
    // The middle of each one's text (a link stretched to the button's height kept its text at the top, 8 px above the button's).
    // Its visible words only: the use case's title each carries for screen readers is in a visually hidden span.
    const textMiddle = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el.firstChild ?? el);
      const r = range.getBoundingClientRect();
      return r.top + r.height / 2;
    };
    const approve = await row.getByRole("button", { name: /^Approve / }).first().evaluate(textMiddle);
    const open = await row.getByRole("link", { name: /^Open “.+”$/ }).evaluate(textMiddle);
    expect(Math.abs(open - approve), "the Open link's text against the Approve button's").toBeLessThanOrEqual(1);
  });
});
