import { NextResponse, type NextRequest } from "next/server";
import { bodyLimitsFor, isImportPage, type BodyLimits } from "@/lib/body-limits";
import { hasReadableSession } from "@/lib/session-cookie";
import { clientIpFrom, configuredProxyHops, requestHostFrom, trustedProxyHops } from "@/lib/client-ip";
import { holdRefusal } from "@/lib/refusal-delay";

/**
 * Every request passes here (prefetches too: the matcher has no exception a header can claim),
 * except Next's own static files and image optimizer, whose headers next.config.mjs sets.
 *
 * Security headers on every page: a Content-Security-Policy with a fresh nonce per request
 * (scripts run only with it; 'strict-dynamic' lets Next's own chunks load), no framing,
 * no sniffing, a strict referrer policy, and HSTS in production. Styles allow inline style
 * attributes, which React and the chart library write.
 */
export async function proxy(request: NextRequest) {
  const crossOrigin = malformedAddressRefusal(request) ? null : crossOriginActionRefusal(request);
  if (crossOrigin) logCrossOriginRefusal(request);
  const refusal =
    malformedAddressRefusal(request) ?? crossOrigin ?? (await oversizedBodyRefusal(request)) ?? (await unreadableActionRefusal(request));
  if (refusal) {
    // Held before it is answered (lib/refusal-delay.ts): a flood of hostile requests one after
    // another is slowed to about one a second per connection.
    await holdRefusal();
    return refusal;
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // What Next.js (its own server-action origin check) and the app see as the host: the Host
  // header, or the entry configured proxies wrote; never an X-Forwarded-Host the client made up,
  // which would turn a same-origin call into Next.js's 500.
  requestHeaders.set("x-forwarded-host", requestHostFrom(request.headers.get("host"), request.headers.get("x-forwarded-host"), configuredProxyHops(process.env.TRUSTED_PROXY_HOPS)));
  requestHeaders.set("Content-Security-Policy", csp);
  // The path asked for, for the security log of a refused page (lib/server/request-ip.ts, requestPath);
  // set on every request, so a client cannot supply its own.
  requestHeaders.set("x-tradeoff-path", new URL(request.url).pathname.slice(0, 300));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  applyStaticSecurityHeaders(response.headers);
  return response;
}

/**
 * An address whose path does not decode (a broken percent-escape such as /o/%E0%A4%A/use-cases)
 * is refused with a 400 and a sentence, where Next.js would fail decoding it with a 500.
 */
export function malformedAddressRefusal(request: Request): Response | null {
  try {
    decodeURIComponent(new URL(request.url).pathname);
    return null;
  } catch {
    return refusal(400, "This address is not valid, so it was refused.");
  }
}

/**
 * A server action called from another origin is refused here with a 403 and a plain sentence.
 * Next.js refuses it too, but as an unhandled error (a 500 and a stack trace in the log for every
 * forged request), and it believes X-Forwarded-Host, which any client can send. Here the Origin's
 * host must equal the Host header, or, only when TRUSTED_PROXY_HOPS says proxies are in front, the
 * X-Forwarded-Host entry they wrote (lib/client-ip.ts). This app allows no other origins. Every POST outside /api is a server action
 * here (route handlers under /o only answer GET); a POST without an Origin header is left to
 * Next.js, which lets it through, as browsers always send one.
 */
export function crossOriginActionRefusal(request: Request): Response | null {
  if (!isActionPost(request)) return null;
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const host = requestHostFrom(request.headers.get("host"), request.headers.get("x-forwarded-host"), configuredProxyHops(process.env.TRUSTED_PROXY_HOPS));
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    // "null" (a sandboxed frame, a file) or garbage: no host to match
  }
  if (originHost && host && originHost === host) return null;
  return refusal(403, "This request came from another site, so it was refused.");
}

/**
 * Body limits (lib/body-limits.ts), so that nobody (signed in or not) makes the server parse
 * megabytes before the action even checks who they are. The server in front (server.ts) already
 * refused a declared Content-Length over them without reading the body; here the rest: a body
 * without a declared length, counted (`next dev`, or the app run by `next start` directly), and
 * the parsed value count (unreadableActionRefusal). Too large: 413; too many values: 400.
 */
export { ACTION_BODY_BYTES, ACTION_BODY_VALUES, API_BODY_BYTES, IMPORT_BODY_BYTES, IMPORT_BODY_VALUES } from "@/lib/body-limits";

async function limitsOf(request: Request): Promise<BodyLimits> {
  const path = new URL(request.url).pathname;
  // The session is only decoded where it can change the answer (the import's page).
  const signedIn = isImportPage(path) && (await hasReadableSession(request.headers.get("cookie")));
  return bodyLimitsFor(request.method, path, signedIn);
}

export async function oversizedBodyRefusal(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || request.body === null) return null;
  const { bytes } = await limitsOf(request);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > bytes) return refusal(413, "This request is too large, so it was refused.");
  if (!Number.isFinite(declared) && (await request.clone().arrayBuffer()).byteLength > bytes) {
    return refusal(413, "This request is too large, so it was refused.");
  }
  return null;
}

/**
 * A server action whose body cannot be read is refused here with a 400 and a sentence, where
 * Next.js would fail decoding it with a 500. The app's own pages never send one; this is for
 * hand-made requests. Checked (Next.js lets the proxy read a buffered copy of the body):
 * - a text body (what the app's forms send through fetch) must be a JSON array or object, and may
 *   hold no reference to another part of a multipart body (React's "$K1", "$Q1", "$1" and the
 *   like), which a text body cannot have; the self-contained forms React writes stay allowed
 *   ("$$" for text that starts with "$", "$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0",
 *   "$D" dates, "$n" big integers);
 * - a multipart body (a file upload, or a form posted without JavaScript) must parse as a form
 *   and, for a server action, carry every file before the root part "0" that refers to them (as
 *   React writes it; Next.js fails with a 500 on "Referenced Blob is not a Blob" otherwise);
 * - either may hold the page's value limit at most (see bodyLimitsFor).
 * Whatever passes is Next.js's and the action's to judge, as before.
 */
export async function unreadableActionRefusal(request: Request): Promise<Response | null> {
  if (!isActionPost(request)) return null;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isAction = request.headers.has("next-action");
  const { values } = await limitsOf(request);
  try {
    if (type.startsWith("multipart/form-data")) {
      const entries = [...(await request.clone().formData()).entries()];
      if (entries.length > values) throw new Error("too many parts");
      const root = entries.findIndex(([name]) => name === "0");
      if (isAction && root >= 0 && entries.slice(root + 1).some(([, v]) => typeof v !== "string")) throw new Error("a file after the root");
      // The root may refer to the other parts ("$K1", "$B2"); only its size is checked here.
      for (const [name, v] of entries) if (isAction && typeof v === "string" && name === "0") checkReply(JSON.parse(v), values, false);
    } else if (isAction && (type === "" || type.startsWith("text/plain"))) {
      checkReply(JSON.parse(await request.clone().text()), values, true);
    }
    return null;
  } catch {
    return refusal(400, "This request could not be read, so it was refused.");
  }
}

/** A server action, or a form posted to a page without JavaScript (every POST outside /api is one here). */
/**
 * A forged cross-origin call leaves one line in the server log (no database write here: the proxy
 * stays cheap, and such a call names no signed-in person the app has checked).
 */
function logCrossOriginRefusal(request: Request): void {
  const ip = clientIpFrom(request.headers.get("x-forwarded-for"), trustedProxyHops(process.env.TRUSTED_PROXY_HOPS));
  console.warn(`[security] ${JSON.stringify({ action: "security.cross_origin_action", outcome: "refused", ip, origin: (request.headers.get("origin") ?? "").slice(0, 200), path: new URL(request.url).pathname.slice(0, 300) })}`);
}

function isActionPost(request: Request): boolean {
  return request.method === "POST" && (request.headers.has("next-action") || !new URL(request.url).pathname.startsWith("/api/"));
}

/** The policy for a response that is not a page (a refusal here; static files in next.config.mjs): nothing may load or frame it. */
export const PLAIN_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function refusal(status: number, sentence: string): Response {
  const response = new Response(sentence, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  response.headers.set("Content-Security-Policy", PLAIN_CSP);
  applyStaticSecurityHeaders(response.headers);
  return response;
}

const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

/** Throws unless a reply is an object or array of at most `limit` values (and, for a text body, all self-contained). */
function checkReply(value: unknown, limit: number, selfContained: boolean): void {
  if (typeof value !== "object" || value === null) throw new Error("not a reply");
  let count = 0;
  const walk = (v: unknown): void => {
    if (++count > limit) throw new Error("too many values");
    if (typeof v === "string") {
      if (selfContained && v.startsWith("$") && !SELF_CONTAINED.test(v)) throw new Error("a reference");
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item);
    } else if (typeof v === "object" && v !== null) {
      // Keys are not encoded, so not checked; each counts as a value.
      for (const item of Object.values(v)) walk(item);
    }
  };
  walk(value);
}

export function applyStaticSecurityHeaders(headers: Headers): void {
  headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // Browsers ignore HSTS on plain-http responses, so local `npm start` is unaffected.
  if (process.env.NODE_ENV === "production") {
    headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
}

/**
 * Every path but Next's static files, its image optimizer and the icon (next.config.mjs gives
 * those their headers). No `missing`/`has` conditions: a request header must never be a way past.
 */
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
