/**
 * Issue 16, through the real server: what an attacker can do with plain HTTP requests.
 *   - Failed sign-ins from many made-up addresses do not lock the owner out of a browser they
 *     signed in from before, and the owner is told of them on their next sign-in.
 *   - Every kind of response (page, 404, static file, image optimizer, API, prefetch) carries the
 *     security headers, with their values.
 *   - Hostile requests get a clear 4xx, never a 500.
 *   - Oversized anonymous server-action bodies are refused fast.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

async function postSignIn(request: APIRequestContext, email: string, password: string, forwardedFor: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers: { "x-forwarded-for": forwardedFor },
  });
}

test("an attacker's failed sign-ins from many addresses do not lock the owner out; the owner is told", async ({ page, auth, playwright, baseURL }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  const owner = org.users.ADMIN!;
  const signInHere = async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };

  // The owner has signed in from this browser before.
  await signInHere();
  await expect(page).toHaveURL(/\/o\//);
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // Sixty wrong passwords, each claiming another X-Forwarded-For.
  const attacker = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 60; i++) {
    const res = await postSignIn(attacker, owner.email, `guess ${i}`, `203.0.113.${i + 1}`);
    expect(res.status()).toBeLessThan(500);
  }
  await attacker.dispose();

  // The owner signs in at once, and is told.
  await signInHere();
  await expect(page).toHaveURL(/\/o\//);
  await expect(page.getByTestId("sign-in-notice")).toContainText(/^\d+ failed sign-in attempts on your account since your last sign-in/);
});
