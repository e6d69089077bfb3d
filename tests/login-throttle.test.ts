import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { checkSignInAllowed, recordSignInAttempt } from "@/lib/server/login-throttle";

describe("sign-in throttling, kept in the database", () => {
  it("lets five failures through, then makes further tries wait, doubling", async () => {
    const email = `victim-${randomUUID()}@example.com`;
    const ip = `10.0.0.${Math.floor(Math.random() * 200)}-${randomUUID()}`;
    for (let i = 0; i < 5; i++) {
      expect(await checkSignInAllowed(email, ip)).toBe(0);
      await recordSignInAttempt(email, ip, false);
    }
    const wait = await checkSignInAllowed(email, ip);
    expect(wait).toBeGreaterThan(25);
    expect(wait).toBeLessThanOrEqual(30);
    await recordSignInAttempt(email, ip, false);
    expect(await checkSignInAllowed(email, ip)).toBeGreaterThan(55);
    // Once the wait has passed, a try is allowed again.
    const later = new Date(Date.now() + 61_000);
    expect(await checkSignInAllowed(email, ip, later)).toBe(0);
  });

  it("throttles one address trying many accounts", async () => {
    const ip = `ip-${randomUUID()}`;
    for (let i = 0; i < 5; i++) await recordSignInAttempt(`a${i}-${randomUUID()}@example.com`, ip, false);
    expect(await checkSignInAllowed(`fresh-${randomUUID()}@example.com`, ip)).toBeGreaterThan(0);
  });

  it("clears an account's failures after a successful sign-in", async () => {
    const email = `ok-${randomUUID()}@example.com`;
    for (let i = 0; i < 3; i++) await recordSignInAttempt(email, `ip-${randomUUID()}`, false);
    await recordSignInAttempt(email, "ip-x", true);
    expect(await db.loginAttempt.count({ where: { key: `email:${email}` } })).toBe(0);
  });
});
