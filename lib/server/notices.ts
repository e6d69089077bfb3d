import "server-only";
import { db } from "./db";

/**
 * Notices for the signed-in person (AccountNotice): for now, failed sign-in attempts on their
 * account since their previous sign-in (recorded by lib/server/login-throttle.ts). A notice is
 * shown from the first page after that sign-in and stays up for SHOWN_FOR after it was first
 * shown, so a reload or a prefetch does not make it vanish unread.
 */
const SHOWN_FOR_MS = 10 * 60 * 1000;
/** Older than this, a notice is not shown even if never seen. */
const SHOW_WITHIN_MS = 30 * 24 * 60 * 60 * 1000;

export interface SignInNotice {
  id: string;
  message: string;
}

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export async function signInNotices(userId: string, now = new Date()): Promise<SignInNotice[]> {
  const rows = await db.accountNotice.findMany({
    where: {
      userId,
      createdAt: { gte: new Date(now.getTime() - SHOW_WITHIN_MS) },
      OR: [{ seenAt: null }, { seenAt: { gte: new Date(now.getTime() - SHOWN_FOR_MS) } }],
    },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  const unseen = rows.filter((r) => r.seenAt === null).map((r) => r.id);
  if (unseen.length > 0) await db.accountNotice.updateMany({ where: { id: { in: unseen }, seenAt: null }, data: { seenAt: now } });
  return rows.map((r) => ({
    id: r.id,
    message:
      r.kind === "sign-up-attempt"
        ? `Someone tried to create a new account with your email address on ${when(r.firstAt)}. Nothing was changed; if it was not you, no action is needed.`
        : `${r.count} failed sign-in attempts on your account since your last sign-in (first ${when(r.firstAt)}, last ${when(r.lastAt)}). ` +
          "If these were not you, someone may be guessing your password: choose a long, unique one.",
  }));
}
