/**
 * Session lifetimes, checked against the numbers the README promises ("sessions end after 8
 * hours idle and 24 hours after sign-in whatever the activity"), written here as plain numbers
 * and never read from the code's constants: a test that compares the code with itself passes
 * whatever the code says (issue 17).
 *
 * A real sign-in through the app's next-auth route, then the clock (Date only) moved forward:
 * the guard reads the real session cookie each time.
 */
import { decode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { NotSignedInError } from "@/lib/server/errors";
import { requireMember } from "@/lib/server/guard";
import { hashPassword } from "@/lib/server/passwords";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { asBrowser, CookieJar, SESSION_COOKIE, sessionOf, signInWithPassword } from "./helpers/auth-route";

vi.unmock("@/lib/server/session");

const HOUR = 3600_000;
const MINUTE = 60_000;
/** README, Security: "sessions end after 8 hours idle and 24 hours after sign-in". */
const IDLE_HOURS = 8;
const ABSOLUTE_HOURS = 24;

const PASSWORD = "lifetimes are fixed numbers";
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg("lifetimes");
  await db.user.update({ where: { id: org.users.LEAD.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
});

afterEach(() => {
  vi.useRealTimers();
});

/** What the guard says about this token right now (a copy of the jar, so nothing refreshes it). */
async function guardSees(token: string): Promise<string> {
  try {
    return (await asBrowser(new CookieJar().set(SESSION_COOKIE, token), () => requireMember(org.slug))).user.id;
  } catch (err) {
    if (err instanceof NotSignedInError) return "refused";
    throw err;
  }
}

function at(t: number): void {
  vi.setSystemTime(t);
}

describe("session lifetimes", () => {
  it(`a sign-in's token lasts ${IDLE_HOURS} hours: honoured a minute before, refused a few minutes after`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    const jar = await signInWithPassword(org.users.LEAD.email, PASSWORD);
    const token = jar.get(SESSION_COOKIE)!;
    const claims = (await decode({ token, secret: process.env.NEXTAUTH_SECRET! }))!;
    expect(Number(claims.exp) - Number(claims.iat)).toBe(IDLE_HOURS * 3600);

    at(t0 + IDLE_HOURS * HOUR - MINUTE);
    expect(await guardSees(token)).toBe(org.users.LEAD.id);
    at(t0 + IDLE_HOURS * HOUR + 2 * MINUTE);
    expect(await guardSees(token)).toBe("refused");
  });

  it(`an active session, refreshed every 7 hours, still ends ${ABSOLUTE_HOURS} hours after sign-in`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    const jar = await signInWithPassword(org.users.LEAD.email, PASSWORD);
    for (const h of [7, 14, 21]) {
      at(t0 + h * HOUR);
      const before = jar.get(SESSION_COOKIE);
      expect((await sessionOf(jar)).user?.id, `refresh at ${h} h`).toBe(org.users.LEAD.id);
      expect(jar.get(SESSION_COOKIE)).not.toBe(before);
      expect(await guardSees(jar.get(SESSION_COOKIE)!), `${h} h after sign-in`).toBe(org.users.LEAD.id);
    }
    const refreshed = jar.get(SESSION_COOKIE)!;
    at(t0 + ABSOLUTE_HOURS * HOUR - 2 * MINUTE);
    expect(await guardSees(refreshed)).toBe(org.users.LEAD.id);
    // Still within 8 hours of its last refresh, but past the absolute lifetime.
    at(t0 + ABSOLUTE_HOURS * HOUR + 2 * MINUTE);
    expect(await guardSees(refreshed)).toBe("refused");
    expect(await sessionOf(jar)).toEqual({});
  });
});
