import "server-only";
import { db } from "./db";

/**
 * Sign-in throttling kept in the database, so it holds across app instances. After
 * FREE_FAILURES failures within WINDOW for one account or one address, each further try must
 * wait, doubling from BASE_DELAY up to MAX_DELAY.
 */
const WINDOW_MS = 15 * 60 * 1000;
const FREE_FAILURES = 5;
const BASE_DELAY_S = 30;
const MAX_DELAY_S = 15 * 60;

export async function checkSignInAllowed(email: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  let wait = 0;
  for (const key of [`email:${email}`, `ip:${ip}`]) {
    const failures = await db.loginAttempt.findMany({
      where: { key, succeeded: false, at: { gte: since } },
      orderBy: { at: "desc" },
      take: 50,
      select: { at: true },
    });
    if (failures.length < FREE_FAILURES) continue;
    const delay = Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures.length - FREE_FAILURES));
    const last = failures[0]!.at.getTime();
    const remaining = Math.ceil((last + delay * 1000 - now.getTime()) / 1000);
    wait = Math.max(wait, remaining);
  }
  return Math.max(0, wait);
}

export async function recordSignInAttempt(email: string, ip: string, succeeded: boolean): Promise<void> {
  if (succeeded) {
    // A success clears the account's failures (not the address's).
    await db.loginAttempt.deleteMany({ where: { key: `email:${email}`, succeeded: false } });
    return;
  }
  await db.loginAttempt.createMany({
    data: [
      { key: `email:${email}`, succeeded: false },
      { key: `ip:${ip}`, succeeded: false },
    ],
  });
}
