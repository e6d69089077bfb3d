/**
 * The demo organization the every-page and narrow-screen walks read (seeded once by
 * e2e/demo.setup.ts, with the sign-ins `npm start` prints): signing in as one of its people.
 */
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "tradeoff-demo";

/** Signs in through the form as a demo person (e.g. cto@demo.example.com) and waits to leave the sign-in page. */
export async function signInToDemo(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}
