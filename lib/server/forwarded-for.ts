/**
 * X-Forwarded-For as the app may believe it. The per-address throttles (sign-in, sign-up, password
 * resets, invitation links) read the client's address from it (lib/client-ip.ts). Each proxy in
 * front appends the address it received the request from, so behind TRUSTED_PROXY_HOPS proxies the
 * header is kept as they wrote it. With none configured, the header can only have come from the
 * client itself, and Next.js keeps a client's own header (it fills it from the socket only when
 * absent): a client served directly named any address it liked, a new one for each request, and
 * no per-address limit held (a reviewer sent password-reset mail in bulk that way). So with no
 * proxy configured the header is replaced by the connection's own address before Next.js sees it.
 */
import type { IncomingMessage } from "node:http";
import { configuredProxyHops } from "../client-ip";

export function believeForwardedFor(req: IncomingMessage, trustedProxyHops: string | undefined = process.env.TRUSTED_PROXY_HOPS): void {
  if (configuredProxyHops(trustedProxyHops) > 0) return;
  const address = req.socket.remoteAddress;
  // An IPv4 client on a dual-stack socket is "::ffff:203.0.113.7": counted as the IPv4 address it is.
  if (address) req.headers["x-forwarded-for"] = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  else delete req.headers["x-forwarded-for"];
}
