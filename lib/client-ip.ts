/**
 * The client's address for per-address sign-in throttling, from X-Forwarded-For.
 *
 * Each proxy appends the address it received the request from, so only the entries added by
 * proxies we run can be trusted; anything to their left was written by the client and can be
 * anything. With `trustedHops` proxies in front of the app (TRUSTED_PROXY_HOPS, default 1: one
 * reverse proxy, or Next.js itself filling the header from the socket), the client is the
 * entry that many places from the right. A value that is not an IP address gives "unknown".
 *
 * Pure: no Next.js, Prisma or I/O.
 */
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-f:.]{2,45}$/i;

export function clientIpFrom(forwardedFor: string | string[] | undefined | null, trustedHops = 1): string {
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  if (raw.length > 2048) return "unknown";
  const entries = raw.split(",").map((e) => e.trim()).filter(Boolean);
  const hops = Number.isInteger(trustedHops) && trustedHops >= 1 ? trustedHops : 1;
  const candidate = entries[entries.length - hops];
  if (!candidate) return "unknown";
  const ip = candidate.replace(/^\[|\](?::\d+)?$/g, "");
  return IPV4.test(ip) || (ip.includes(":") && IPV6.test(ip)) ? ip.toLowerCase() : "unknown";
}

export function trustedProxyHops(env: string | undefined): number {
  const n = Number(env);
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 1;
}
