/**
 * Sign-in throttling slows an attacker without letting them lock the owner out (issue 16).
 * Every attempt goes through the real credentials sign-in (next-auth's authorize in
 * lib/server/auth-options.ts), with the request's X-Forwarded-For and Cookie headers, and the
 * cookies it sets kept in a per-browser jar; nothing is inserted by hand.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

/** The cookies the sign-in sets land in whichever jar `currentJar` names. */
let currentJar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ set: (name: string, value: string) => void currentJar.set(name, value), getAll: () => [] }),
  headers: async () => new Headers(),
}));
const verifySpy = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/server/passwords", async (original) => {
  const real = await original<typeof import("@/lib/server/passwords")>();
  return { ...real, verifyPassword: (stored: string, password: string) => ((verifySpy.calls += 1), real.verifyPassword(stored, password)) };
});

import { db } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/passwords";
import { authOptions } from "@/lib/server/auth-options";
import { signInNotices } from "@/lib/server/notices";
import { settleOwnerMails } from "@/lib/server/login-throttle";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const provider = authOptions.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };

class Browser {
  jar = new Map<string, string>();
  constructor(public ip: string) {}
  /** "ok", "refused" (wrong password) or "wait" (throttled), as the sign-in form would show. */
  async signIn(email: string, password: string, ip = this.ip): Promise<"ok" | "refused" | "wait"> {
    currentJar = this.jar;
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    try {
      const user = await provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) } });
      return user ? "ok" : "refused";
    } catch (err) {
      if (/^TOO_MANY_ATTEMPTS:\d+$/.test((err as Error).message)) return "wait";
      throw err;
    }
  }
}

let n = 0;
const address = () => `198.51.${Math.floor(n / 250) % 250}.${(n++ % 250) + 1}`;
const PASSWORD = "correct horse battery staple";
let hash: string;
async function makeOwner(): Promise<{ id: string; email: string }> {
  const email = `owner-${randomUUID()}@example.com`;
  const user = await db.user.create({ data: { email, name: "Owner", passwordHash: hash, emailVerifiedAt: new Date() }, select: { id: true, email: true } });
  return user;
}

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
  delete process.env.TRUSTED_PROXY_HOPS;
  hash = await hashPassword(PASSWORD);
});

describe("sign-in throttling", () => {
  it("does not lock the owner out when an attacker fails many times from many addresses", async () => {
    const owner = await makeOwner();
    const laptop = new Browser(address());
    expect(await laptop.signIn(owner.email, PASSWORD)).toBe("ok");

    // Sixty wrong passwords, each with a different X-Forwarded-For: past the per-pair, per-address
    // and even the account's global ceiling.
    const attacker = new Browser(address());
    for (let i = 0; i < 60; i++) await attacker.signIn(owner.email, `guess ${i}`, address());

    // The owner's laptop (a known device) still signs in, at once.
    expect(await laptop.signIn(owner.email, PASSWORD)).toBe("ok");
  });

  it("lets the owner in from a new browser when a handful of failures came from other addresses", async () => {
    const owner = await makeOwner();
    for (let i = 0; i < 6; i++) expect(await new Browser(address()).signIn(owner.email, `guess ${i}`)).toBe("refused");
    expect(await new Browser(address()).signIn(owner.email, PASSWORD)).toBe("ok");
  });

  it("does not block everyone at an address when failures name that address in X-Forwarded-For", async () => {
    const victimAddress = address();
    for (let i = 0; i < 6; i++) await new Browser(victimAddress).signIn(`nobody-${randomUUID()}@example.com`, "wrong password");
    const owner = await makeOwner();
    expect(await new Browser(victimAddress).signIn(owner.email, PASSWORD)).toBe("ok");
  });

  it("still slows the attacker: one address on one account, one address on many accounts, and everyone on one account", async () => {
    const owner = await makeOwner();
    const attacker = new Browser(address());
    for (let i = 0; i < 5; i++) expect(await attacker.signIn(owner.email, `guess ${i}`)).toBe("refused");
    // Even the right password waits now, from that address: the attacker learns nothing.
    expect(await attacker.signIn(owner.email, PASSWORD)).toBe("wait");

    const sprayer = new Browser(address());
    for (let i = 0; i < 20; i++) expect(await sprayer.signIn(`sprayed-${randomUUID()}@example.com`, "Winter2026!")).toBe("refused");
    expect(await sprayer.signIn(`sprayed-${randomUUID()}@example.com`, "Winter2026!")).toBe("wait");

    const target = await makeOwner();
    for (let i = 0; i < 50; i++) expect(await new Browser(address()).signIn(target.email, `guess ${i}`)).toBe("refused");
    expect(await new Browser(address()).signIn(target.email, PASSWORD)).toBe("wait");
  });

  it("holds a known device to its own count: a thief with the laptop cannot guess without end", async () => {
    const owner = await makeOwner();
    const laptop = new Browser(address());
    expect(await laptop.signIn(owner.email, PASSWORD)).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await laptop.signIn(owner.email, `guess ${i}`)).toBe("refused");
    expect(await laptop.signIn(owner.email, PASSWORD)).toBe("wait");
  });

  it("a success wipes the count its own source had run up: the known device's, and the address's against this account", async () => {
    const owner = await makeOwner();
    const laptop = new Browser(address());
    expect(await laptop.signIn(owner.email, PASSWORD)).toBe("ok");
    for (let round = 0; round < 3; round++) {
      // Four wrong tries, one short of the device's allowance, then the right one: always let in.
      for (let i = 0; i < 4; i++) expect(await laptop.signIn(owner.email, `typo ${round}.${i}`)).toBe("refused");
      expect(await laptop.signIn(owner.email, PASSWORD)).toBe("ok");
    }
    // The same from one address without a device cookie (a new browser each time).
    const office = address();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(await new Browser(office).signIn(owner.email, `typo ${round}.${i}`)).toBe("refused");
      expect(await new Browser(office).signIn(owner.email, PASSWORD)).toBe("ok");
    }
  });

  it("someone else's successful sign-in leaves an attacker's count against another account in place", async () => {
    const target = await makeOwner();
    const attacker = new Browser(address());
    for (let i = 0; i < 5; i++) expect(await attacker.signIn(target.email, `guess ${i}`)).toBe("refused");
    const other = await makeOwner();
    expect(await new Browser(address()).signIn(other.email, PASSWORD)).toBe("ok");
    expect(await attacker.signIn(target.email, PASSWORD)).toBe("wait");
  });

  it("one person's known device does not share its count with another's", async () => {
    const [first, second] = [await makeOwner(), await makeOwner()];
    const [laptop1, laptop2] = [new Browser(address()), new Browser(address())];
    expect(await laptop1.signIn(first.email, PASSWORD)).toBe("ok");
    expect(await laptop2.signIn(second.email, PASSWORD)).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await laptop1.signIn(first.email, `guess ${i}`)).toBe("refused");
    expect(await laptop1.signIn(first.email, PASSWORD)).toBe("wait");
    expect(await laptop2.signIn(second.email, PASSWORD)).toBe("ok");
  });

  it("a device cookie for another account, or a forged one, does not count as known", async () => {
    const owner = await makeOwner();
    const other = await makeOwner();
    const browser = new Browser(address());
    expect(await browser.signIn(other.email, PASSWORD)).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await browser.signIn(owner.email, `guess ${i}`)).toBe("refused");
    expect(await browser.signIn(owner.email, PASSWORD)).toBe("wait");
    const forger = new Browser(address());
    forger.jar.set("tradeoff.device", `${"a".repeat(24)}.${"b".repeat(43)}`);
    for (let i = 0; i < 5; i++) expect(await forger.signIn(owner.email, `guess ${i}`)).toBe("refused");
    expect(await forger.signIn(owner.email, PASSWORD)).toBe("wait");
  });

  it("tells the owner of the failures since their last sign-in, once they sign in", async () => {
    const owner = await makeOwner();
    for (let i = 0; i < 4; i++) await new Browser(address()).signIn(owner.email, `guess ${i}`);
    expect(await signInNotices(owner.id)).toEqual([]);
    expect(await new Browser(address()).signIn(owner.email, PASSWORD)).toBe("ok");
    const notices = await signInNotices(owner.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/^4 failed sign-in attempts on your account since your last sign-in/);
    expect(await db.accountNotice.findMany({ where: { userId: owner.id }, select: { kind: true, count: true } })).toEqual([{ kind: "failed-sign-ins", count: 4 }]);
    // Shown again for a few minutes, then gone; a later clean sign-in adds nothing.
    expect(await signInNotices(owner.id)).toHaveLength(1);
    expect(await signInNotices(owner.id, new Date(Date.now() + 60 * 60 * 1000))).toEqual([]);
    expect(await new Browser(address()).signIn(owner.email, PASSWORD)).toBe("ok");
    expect(await db.accountNotice.count({ where: { userId: owner.id } })).toBe(1);
  });

  it("mails the owner once when someone keeps failing on their account, again only after their next sign-in", async () => {
    const owner = await makeOwner();
    const mails = () => db.outboxMessage.findMany({ where: { to: owner.email }, select: { subject: true, text: true } });
    // Four failures are not news yet (a typo or two and a caps lock).
    for (let i = 0; i < 4; i++) expect(await new Browser(address()).signIn(owner.email, `guess ${i}`)).toBe("refused");
    await settleOwnerMails();
    expect(await mails()).toEqual([]);
    // The fifth is: one mail, which says how many and that the owner is not locked out.
    expect(await new Browser(address()).signIn(owner.email, "guess 4")).toBe("refused");
    await settleOwnerMails();
    const first = await mails();
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toBe("Failed sign-ins on your Tradeoff account");
    expect(first[0]!.text).toMatch(/^There have been 5 failed sign-in attempts on your Tradeoff account since your last sign-in/);
    expect(first[0]!.text).toContain("they cannot lock you out");
    // More guessing does not fill the inbox.
    for (let i = 5; i < 25; i++) await new Browser(address()).signIn(owner.email, `guess ${i}`);
    await settleOwnerMails();
    expect(await mails()).toHaveLength(1);
    // The owner signs in (from a browser they have used, which the guessing does not hold up);
    // five more failures after that are new, and mailed once more.
    const laptop = new Browser(address());
    expect(await laptop.signIn(owner.email, PASSWORD)).toBe("ok");
    for (let i = 0; i < 5; i++) await new Browser(address()).signIn(owner.email, `again ${i}`);
    await settleOwnerMails();
    expect(await mails()).toHaveLength(2);
  });

  it("mails no one for failures on an unknown email or an unconfirmed account", async () => {
    const unknown = `unknown-${randomUUID()}@example.com`;
    const unconfirmed = await db.user.create({ data: { email: `unconfirmed-${randomUUID()}@example.com`, name: "U", passwordHash: hash }, select: { email: true } });
    for (let i = 0; i < 6; i++) {
      await new Browser(address()).signIn(unknown, `guess ${i}`);
      await new Browser(address()).signIn(unconfirmed.email, `guess ${i}`);
    }
    await settleOwnerMails();
    expect(await db.outboxMessage.count({ where: { to: { in: [unknown, unconfirmed.email] } } })).toBe(0);
  });

  it("checks a password hash even for an unknown email, so both answer in the same time", async () => {
    const owner = await makeOwner();
    verifySpy.calls = 0;
    expect(await new Browser(address()).signIn(`unknown-${randomUUID()}@example.com`, "some password")).toBe("refused");
    expect(verifySpy.calls).toBe(1);
    expect(await new Browser(address()).signIn(owner.email, "some password")).toBe("refused");
    expect(verifySpy.calls).toBe(2);
  });

  it("trusts only the X-Forwarded-For entry its one proxy wrote: entries the client added are ignored", async () => {
    const owner = await makeOwner();
    const attacker = new Browser(address());
    // The attacker writes a new address in front each time; the proxy's own entry (last) stays.
    const real = address();
    for (let i = 0; i < 5; i++) await attacker.signIn(owner.email, `guess ${i}`, `${address()}, ${real}`);
    expect(await attacker.signIn(owner.email, PASSWORD, `${address()}, ${real}`)).toBe("wait");
  });
});
