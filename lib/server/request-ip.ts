import "server-only";
import { headers } from "next/headers";
import { clientIpFrom, trustedProxyHops } from "@/lib/client-ip";

/**
 * The address of the client of the current request (server actions, pages), read as sign-in
 * reads it (lib/client-ip.ts: the trusted end of X-Forwarded-For). "unknown" outside a request.
 */
export async function requestIp(): Promise<string> {
  try {
    return clientIpFrom((await headers()).get("x-forwarded-for"), trustedProxyHops(process.env.TRUSTED_PROXY_HOPS));
  } catch {
    return "unknown";
  }
}

/** The header the proxy (proxy.ts) sets on every request: the path asked for, for the security log. */
export const PATH_HEADER = "x-tradeoff-path";

/** The path of the current request as the proxy saw it (at most 300 characters); "" outside a request. */
export async function requestPath(): Promise<string> {
  try {
    return ((await headers()).get(PATH_HEADER) ?? "").slice(0, 300);
  } catch {
    return "";
  }
}
