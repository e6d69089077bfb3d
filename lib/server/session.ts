import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { authOptions } from "./auth-options";
import type { SessionUser } from "./sessions";

export type { SessionUser };

/**
 * The signed-in person from the next-auth session, or null. The only place that reads it. Their
 * email and name are as stored now: the jwt callback reads them in the same query that checks the
 * session is still valid (lib/server/sessions.ts, checkSession).
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user as { id?: unknown; email?: unknown; name?: unknown } | undefined;
  if (typeof u?.id !== "string" || typeof u.email !== "string" || typeof u.name !== "string") return null;
  return { id: u.id, email: u.email, name: u.name };
}

/**
 * The id (`sid`) of the session making this request, read from its cookie on the server (it is
 * never sent to the browser): a password change ends every other session but this one.
 */
export async function getSessionId(): Promise<string | null> {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  const req = { headers: Object.fromEntries(h.entries()), cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])) };
  const token = await getToken({ req: req as never, secret: process.env.NEXTAUTH_SECRET });
  return typeof token?.sid === "string" ? token.sid : null;
}
