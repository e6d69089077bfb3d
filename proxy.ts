import { NextResponse, type NextRequest } from "next/server";

/**
 * Security headers on every page: a Content-Security-Policy with a fresh nonce per request
 * (scripts run only with it; 'strict-dynamic' lets Next's own chunks load), no framing,
 * no sniffing, a strict referrer policy, and HSTS in production. Styles allow inline style
 * attributes, which React and the chart library write.
 */
export async function proxy(request: NextRequest) {
  const refusal = crossOriginActionRefusal(request) ?? (await unreadableActionRefusal(request));
  if (refusal) return refusal;
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
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  applyStaticSecurityHeaders(response.headers);
  return response;
}

/**
 * A server action called from another origin is refused here with a 403 and a plain sentence.
 * Next.js refuses it too (the Origin's host must equal X-Forwarded-Host, else Host; this app
 * allows no other origins), but as an unhandled error: a 500 and a stack trace in the log for
 * every forged request. The same rule, applied first. Every POST outside /api is a server action
 * here (route handlers under /o only answer GET); a POST without an Origin header is left to
 * Next.js, which lets it through, as browsers always send one.
 */
export function crossOriginActionRefusal(request: Request): Response | null {
  if (!isActionPost(request)) return null;
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
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
 * A server action whose body cannot be read is refused here with a 400 and a sentence, where
 * Next.js would fail decoding it with a 500. The app's own pages never send one; this is for
 * hand-made requests. Checked (Next.js lets the proxy read a buffered copy of the body):
 * - a text body (what the app's forms send through fetch) must be a JSON array or object, and may
 *   hold no reference to another part of a multipart body (React's "$K1", "$Q1", "$1" and the
 *   like), which a text body cannot have; the self-contained forms React writes stay allowed
 *   ("$$" for text that starts with "$", "$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0",
 *   "$D" dates, "$n" big integers);
 * - a multipart body (a file upload, or a form posted without JavaScript) must parse as a form.
 * Whatever passes is Next.js's and the action's to judge, as before.
 */
export async function unreadableActionRefusal(request: Request): Promise<Response | null> {
  if (!isActionPost(request)) return null;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isAction = request.headers.has("next-action");
  try {
    if (type.startsWith("multipart/form-data")) await request.clone().formData();
    else if (isAction && (type === "" || type.startsWith("text/plain"))) {
      const value: unknown = JSON.parse(await request.clone().text());
      if (typeof value !== "object" || value === null || !onlySelfContained(value)) throw new Error("not a reply");
    }
    return null;
  } catch {
    return refusal(400, "This request could not be read, so it was refused.");
  }
}

/** A server action, or a form posted to a page without JavaScript (every POST outside /api is one here). */
function isActionPost(request: Request): boolean {
  return request.method === "POST" && (request.headers.has("next-action") || !new URL(request.url).pathname.startsWith("/api/"));
}

function refusal(status: number, sentence: string): Response {
  const response = new Response(sentence, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  applyStaticSecurityHeaders(response.headers);
  return response;
}

const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

/** Whether every "$"-string value is one React's reply encodes inline (keys are not encoded, so not checked). */
function onlySelfContained(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || SELF_CONTAINED.test(value);
  if (Array.isArray(value)) return value.every(onlySelfContained);
  if (typeof value === "object" && value !== null) return Object.values(value).every(onlySelfContained);
  return true;
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

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
