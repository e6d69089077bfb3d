/**
 * Journey: someone fills in a form before the page's script has run (a slow connection, a blocked
 * or failed script), simulated here with JavaScript off. The forms are sent by the script, so their
 * submit buttons wait for it: neither a click nor Enter sends the form as the browser would by
 * itself, a GET to the page with every field in the address (the password in the server's log and
 * the browser's history). Nothing is sent, nothing is saved, and the address stays clean.
 */
import { expect, test } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("before the page's script runs, signing in sends nothing and never puts the password in the address", async ({ page, auth }) => {
  const person = await auth.makePerson();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
  await page.getByLabel("Password").press("Enter");
  // The browser would have navigated by now had Enter sent the form; give it the chance, then look.
  await page.waitForLoadState("load");
  expect(page.url()).not.toContain("password");
  expect(new URL(page.url()).search).toBe("");
  await expect(page.getByRole("heading", { name: "Sign in to Tradeoff" })).toBeVisible();
});

test("before the page's script runs, signing up sends nothing either", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("button", { name: /create/i })).toBeDisabled();
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase 42");
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await page.waitForLoadState("load");
  expect(new URL(page.url()).search).toBe("");
});
