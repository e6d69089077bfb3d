import "server-only";
import { db } from "./db";
import { appUrl, sendMailBestEffort } from "./mail";

/**
 * Sign-in throttling kept in PostgreSQL (so it holds across app servers), built so that an
 * attacker is slowed down without being able to lock the owner out.
 *
 * Failures are counted under several keys within WINDOW. Each key lets its free failures through,
 * then makes the next try wait, doubling from BASE_DELAY up to MAX_DELAY after the key's last
 * failure:
 *   - `pair:<email>|<address>`: one address guessing one account (5 free);
 *   - `ip:<address>`: one address guessing many accounts (20 free: offices share an address);
 *   - `account:<email>`: everyone guessing one account, from any number of addresses (50 free):
 *     the account's global ceiling, which no rotation of X-Forwarded-For gets around;
 *   - `device:<email>|<device>`: a known device of the account's owner (5 free).
 * A sign-in from a known device (lib/server/known-device.ts: a signed cookie that a previous
 * successful sign-in to this account left) is held only to its own `device:` key, so failures
 * made by others, from any address, never keep the owner out of a browser they have used before.
 * Everyone else is held to the other three.
 *
 * Each failure is also counted for the owner: the next successful sign-in turns the failures
 * since the last one into a notice (AccountNotice) that the app shows them.
 */
const WINDOW_MS = 15 * 60 * 1000;
const BASE_DELAY_S = 30;
const MAX_DELAY_S = 15 * 60;
export const FREE_FAILURES = { pair: 5, ip: 20, account: 50, device: 5 } as const;
/** Failures since the last sign-in from which the owner is told (a typo or two is not news). */
export const NOTICE_FROM_FAILURES = 3;
/**
 * Failures since the last sign-in from which the owner is also mailed, at once: someone is
 * guessing now, and the owner may not sign in for days. One mail until their next sign-in (or,
 * while the guessing goes on, one a day: the marker is kept as long as other attempt rows).
 */
export const MAIL_FROM_FAILURES = 5;
/** Rows older than this are deleted now and then (the owner's count is kept longer, for the notice). */
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEEP_OWNER_MS = 30 * 24 * 60 * 60 * 1000;

export interface SignInSource {
  email: string;
  ip: string;
  /** The device id from a valid known-device cookie for this account, or null. */
  device: string | null;
}

function keysFor({ email, ip, device }: SignInSource): { key: string; free: number }[] {
  if (device) return [{ key: `device:${email}|${device}`, free: FREE_FAILURES.device }];
  return [
    { key: `pair:${email}|${ip}`, free: FREE_FAILURES.pair },
    { key: `ip:${ip}`, free: FREE_FAILURES.ip },
    { key: `account:${email}`, free: FREE_FAILURES.account },
  ];
}

/** Seconds this source must wait before its next try; 0 when it may try now. */
export async function checkSignInAllowed(source: SignInSource, now = new Date()): Promise<number> {
  return waitFor(keysFor(source), now);
}

/** The longest wait among `keys`, each allowed `free` failures in the window before waits begin. */
export async function waitFor(keys: { key: string; free: number }[], now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await db.loginAttempt.groupBy({
    by: ["key"],
    where: { key: { in: keys.map((k) => k.key) }, succeeded: false, at: { gte: since } },
    _count: { _all: true },
    _max: { at: true },
  });
  let wait = 0;
  for (const row of rows) {
    const free = keys.find((k) => k.key === row.key)!.free;
    const failures = row._count._all;
    if (failures < free) continue;
    const delay = Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** Math.min(20, failures - free));
    const remaining = Math.ceil((row._max.at!.getTime() + delay * 1000 - now.getTime()) / 1000);
    wait = Math.max(wait, remaining);
  }
  return Math.max(0, wait);
}

/** Counts one failed sign-in under every key it belongs to (the account's own key always). */
export async function recordSignInFailure(source: SignInSource): Promise<void> {
  const keys = new Set([...keysFor(source).map((k) => k.key), `account:${source.email}`, `owner:${source.email}`]);
  await db.loginAttempt.createMany({ data: [...keys].map((key) => ({ key, succeeded: false })) });
  if (Math.random() < 0.02) await pruneAttempts();
}

/**
 * A successful sign-in: clears what this source had counted against the account, and tells the
 * owner (a notice) of the failures since their last sign-in, when there were a few.
 */
export async function recordSignInSuccess(source: SignInSource, userId: string): Promise<void> {
  const ownerKey = `owner:${source.email}`;
  await db.$transaction(async (tx) => {
    const failures = await tx.loginAttempt.aggregate({
      where: { key: ownerKey, succeeded: false },
      _count: { _all: true },
      _min: { at: true },
      _max: { at: true },
    });
    if (failures._count._all >= NOTICE_FROM_FAILURES) {
      await tx.accountNotice.create({
        data: { userId, kind: "failed-sign-ins", count: failures._count._all, firstAt: failures._min.at!, lastAt: failures._max.at! },
      });
    }
    const cleared = [ownerKey, `owner-mailed:${source.email}`, `pair:${source.email}|${source.ip}`, ...(source.device ? [`device:${source.email}|${source.device}`] : [])];
    await tx.loginAttempt.deleteMany({ where: { key: { in: cleared } } });
  });
}

/** Mails to owners still being sent (the sign-in answers without waiting for them). */
const ownerMails = new Set<Promise<unknown>>();
/** Waits for the owners' mails under way (for tests, and for a graceful stop). */
export async function settleOwnerMails(): Promise<void> {
  await Promise.all([...ownerMails]);
}

/**
 * After a failed sign-in: when the failures on the account since its owner's last sign-in reach
 * MAIL_FROM_FAILURES and the owner has not been mailed about them yet, mail them (and mark it, so
 * an attacker cannot fill their inbox). The same reads are made whether or not the email has an
 * account, and the mail goes out without the answer waiting for it, so neither the answer nor its
 * time tells an account apart (issue 16). Returns whether a mail was started.
 */
export async function mailOwnerOfFailures(email: string, user: { email: string; emailVerifiedAt: Date | null } | null): Promise<boolean> {
  const ownerKey = `owner:${email}`;
  const mailedKey = `owner-mailed:${email}`;
  const [failures, mailed] = await Promise.all([
    db.loginAttempt.aggregate({ where: { key: ownerKey, succeeded: false }, _count: { _all: true }, _min: { at: true } }),
    db.loginAttempt.count({ where: { key: mailedKey } }),
  ]);
  if (!user?.emailVerifiedAt || failures._count._all < MAIL_FROM_FAILURES || mailed > 0) return false;
  const first = failures._min.at!.toISOString().slice(0, 16).replace("T", " ");
  const sending = (async () => {
    await db.loginAttempt.create({ data: { key: mailedKey, succeeded: false } });
    await sendMailBestEffort({
      to: user.email,
      subject: "Failed sign-ins on your Tradeoff account",
      text: [
        `There have been ${failures._count._all} failed sign-in attempts on your Tradeoff account since your last sign-in (the first at ${first} UTC).`,
        "",
        "If they were not you, someone may be guessing your password. They have not got in, and they cannot lock you out: a browser you have signed in from before is never held up by their attempts.",
        `To be safe, sign in at ${appUrl("/sign-in")} and choose a long, unique password, or turn on two-factor sign-in on your account page.`,
        "",
        "You will not be mailed again about these attempts until you next sign in.",
      ].join("\n"),
    });
  })()
    .catch((err: Error) => console.error(`[mail] failed sign-in warning not sent: ${err.message}`))
    .finally(() => ownerMails.delete(sending));
  ownerMails.add(sending);
  return true;
}

/** Counts one use of an anonymous endpoint (sign-up, a wrong invitation token) under `key`. */
export async function recordAttempt(key: string): Promise<void> {
  await db.loginAttempt.create({ data: { key, succeeded: false } });
  if (Math.random() < 0.02) await pruneAttempts();
}

async function pruneAttempts(): Promise<void> {
  const now = Date.now();
  await db.loginAttempt.deleteMany({
    where: {
      OR: [
        { at: { lt: new Date(now - KEEP_MS) }, NOT: { key: { startsWith: "owner:" } } },
        { at: { lt: new Date(now - KEEP_OWNER_MS) } },
      ],
    },
  });
}
