import "server-only";
import { holdRefusal } from "@/lib/refusal-delay";
import { TooManyRequestsError } from "./errors";
import { recordAttempt, waitFor } from "./login-throttle";
import { requestIp } from "./request-ip";

/**
 * Throttles on what anyone may do without signing in, per client address, kept in PostgreSQL
 * with the sign-in throttle (LoginAttempt) so they hold across app servers. Each kind lets
 * `free` uses through in 15 minutes, then each further one waits, doubling from 30 s to 15 min.
 *   - signup: accounts created (sign-up, and accepting an invitation as someone new): 5;
 *   - invite: invitation links that turned out not to be valid (guessing tokens): 10;
 *   - reset: password reset requests, whatever the address asked for: 5;
 *   - token: reset and confirmation links that turned out not to be valid: 10.
 */
export const ANONYMOUS_LIMITS = { signup: 5, invite: 10, reset: 5, token: 10 } as const;
export type AnonymousKind = keyof typeof ANONYMOUS_LIMITS;

const keyOf = (kind: AnonymousKind, ip: string) => `${kind}:${ip}`;

export function tooManyMessage(seconds: number): string {
  return `Too many attempts from your network. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
}

/** Throws TooManyRequestsError when this address has used up `kind` for now; returns the address. */
export async function checkAnonymous(kind: AnonymousKind, ip?: string): Promise<string> {
  const address = ip ?? (await requestIp());
  const wait = await waitFor([{ key: keyOf(kind, address), free: ANONYMOUS_LIMITS[kind] }]);
  if (wait > 0) {
    // Held before it is answered (lib/refusal-delay.ts), so a flood one request after another
    // is slowed to about one refusal a second.
    await holdRefusal();
    throw new TooManyRequestsError(tooManyMessage(wait), wait);
  }
  return address;
}

/** Counts one use of `kind` by this address. */
export async function countAnonymous(kind: AnonymousKind, ip: string): Promise<void> {
  await recordAttempt(keyOf(kind, ip));
}
