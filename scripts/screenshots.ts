/**
 * Screenshots of a running app (`npm start`), for the README and for judging a page by eye:
 *   BASE_URL=http://localhost:3000 npx tsx scripts/screenshots.ts [out-dir]
 * Signs in as the demo CTO and captures the portfolio's first screen on a laptop (1440×900)
 * and a phone (390×844), and a use case's page.
 */
import { existsSync, mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const out = process.argv[2] ?? "docs";
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const [name, viewport, email] of [
    ["screenshot-portfolio", { width: 1440, height: 900 }, "cto@demo.example.com"],
    ["portfolio-phone", { width: 390, height: 844 }, "cto@demo.example.com"],
  ] as const) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("tradeoff-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto(`${base}/o/demo/portfolio`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${out}/${name}.png` });
    if (name === "screenshot-portfolio") {
      await page.screenshot({ path: `${out}/portfolio-full.png`, fullPage: true });
      await page.goto(`${base}/o/demo/use-cases`);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${out}/use-cases.png` });
      await page.getByRole("link", { name: "Policy and billing answers for the contact centre" }).click();
      await page.waitForURL(/\/use-cases\/c/);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${out}/use-case-full.png`, fullPage: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
