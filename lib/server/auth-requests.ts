/**
 * Requests to next-auth's endpoints that it would answer with a 500 (and a stack trace in the
 * log), answered instead with a clear 4xx and a sentence:
 *   - a callback address, in the `callbackUrl` query or next-auth's callback cookie, that is not
 *     http(s) (e.g. javascript:alert(1)); next-auth refuses those as a configuration error;
 *   - the credentials callback asked for with another method than POST (405, Allow: POST).
 * Pure apart from reading the request: no database.
 */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** next-auth's own rule: an absolute http(s) address, or a path (resolved against this site). */
export function isAllowedCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(header: string | null, names: string[]): string[] {
  const out: string[] = [];
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (!names.includes(part.slice(0, eq).trim())) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out.push(decodeURIComponent(raw));
    } catch {
      out.push("\u0000");
    }
  }
  return out;
}

function sentence(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

export function refuseHostileAuthRequest(request: Request, segments: string[]): Response | null {
  const [action, provider] = segments;
  if (action === "callback" && provider === "credentials" && request.method !== "POST") {
    return sentence(405, "Sign in with the form on the sign-in page.", { allow: "POST" });
  }
  const query = new URL(request.url).searchParams.getAll("callbackUrl");
  const cookies = cookieValues(request.headers.get("cookie"), CALLBACK_COOKIES);
  if ([...query, ...cookies].some((v) => !isAllowedCallbackUrl(v))) {
    const clear = CALLBACK_COOKIES.map((n) => `${n}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${n.startsWith("__Secure-") ? "; Secure" : ""}`);
    const res = sentence(400, "This sign-in link is not valid: it must lead back to this site.");
    if (cookies.length) for (const c of clear) res.headers.append("set-cookie", c);
    return res;
  }
  return null;
}
