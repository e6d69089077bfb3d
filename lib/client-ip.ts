/**
 * The client's address for per-address sign-in throttling, from X-Forwarded-For.
 *
 * Each proxy appends the address it received the request from, so only the entries added by
 * proxies we run can be trusted; anything to their left was written by the client and can be
 * anything. With `trustedHops` proxies in front of the app (TRUSTED_PROXY_HOPS, default 1: one
 * reverse proxy, or, with none configured, the production server writing the connection's own
 * address there: lib/server/forwarded-for.ts), the client is the entry that many places from the right. A value that is not an IP address gives "unknown".
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

/**
 * The number of proxies the operator says are in front of the app: TRUSTED_PROXY_HOPS when set
 * (1 to 10), else 0. Unlike trustedProxyHops, nothing is assumed: X-Forwarded-Host is a header the
 * client can write, so it is read only when proxies that set it were configured.
 */
export function configuredProxyHops(env: string | undefined): number {
  const n = Number(env);
  return env !== undefined && env.trim() !== "" && Number.isInteger(n) && n >= 1 && n <= 10 ? n : 0;
}

/**
 * The host the client asked for: behind `hops` configured proxies, the X-Forwarded-Host entry the
 * outermost of them wrote (proxies either replace the header or append to it), else the Host header.
 */
export function requestHostFrom(host: string | null | undefined, forwardedHost: string | null | undefined, hops: number): string {
  if (hops >= 1 && forwardedHost) {
    const entries = forwardedHost.split(",").map((e) => e.trim()).filter(Boolean);
    const entry = entries[Math.max(0, entries.length - hops)];
    if (entry) return entry.toLowerCase();
  }
  return (host ?? "").trim().toLowerCase();
}
