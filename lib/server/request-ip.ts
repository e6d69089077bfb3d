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
