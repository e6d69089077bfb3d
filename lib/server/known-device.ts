import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Known devices: after a successful sign-in, the browser gets a long-lived cookie naming a random
 * device id, signed (HMAC-SHA256 with the app's secret) together with the account it signed in to.
 * A later sign-in to that account from that browser is held only to the device's own failure count
 * (lib/server/login-throttle.ts), so other people's failed guesses never lock the owner out of a
 * browser they have used before. The cookie grants nothing by itself: the password is still checked.
 */
const MAX_AGE_S = 365 * 24 * 60 * 60;

function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

export function deviceCookieName(): string {
  // __Host-: only over https, for this host only, path / (browsers enforce it).
  return secureCookies() ? "__Host-tradeoff.device" : "tradeoff.device";
}

function secret(): string | null {
  return process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || null;
}

function sign(userId: string, device: string, key: string): string {
  return createHmac("sha256", key).update(`known-device\u0000${userId}\u0000${device}`).digest("base64url");
}

/** The device id named by a valid cookie for `userId` in this Cookie header, else null. */
export function knownDeviceOf(cookieHeader: string | undefined | null, userId: string): string | null {
  const key = secret();
  if (!key || !cookieHeader || cookieHeader.length > 8192) return null;
  const name = `${deviceCookieName()}=`;
  const value = cookieHeader.split(";").map((c) => c.trim()).find((c) => c.startsWith(name))?.slice(name.length);
  const match = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return null;
  const [, device, mac] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(userId, device, key));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? device : null;
}

/** A cookie that makes this browser a known device of `userId` (keeps `device` when it had one). */
export function deviceCookieFor(userId: string, device?: string | null): { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number } } | null {
  const key = secret();
  if (!key) return null;
  const id = device ?? randomBytes(18).toString("base64url");
  return { name: deviceCookieName(), value: `${id}.${sign(userId, id, key)}`, options: { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge: MAX_AGE_S } };
}
