/**
 * Real next-auth in integration tests: requests to the app's own /api/auth route handler
 * (CSRF, credentials sign-in, session refresh, sign-out) with a cookie jar, and the guard reading
 * the session from that jar through the real getServerSession.
 *
 * next-auth reads the request's cookies and headers with `require("next/headers")`, outside
 * Vite's module graph (so vi.mock cannot reach it); this swaps the two functions on that CommonJS
 * module for ones that answer from the jar of the call in progress (AsyncLocalStorage, so
 * concurrent calls with different jars do not mix).
 *
 * A test file using `asBrowser` must also `vi.unmock("@/lib/server/session")`, so the guard reads
 * the real session instead of tests/helpers/session.ts's stub.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";

const BASE_URL = "http://localhost:3000";
process.env.NEXTAUTH_URL ??= BASE_URL;
export const SESSION_COOKIE = "next-auth.session-token";

/** A browser's cookies for the app. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  set(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  /** Applies a response's Set-Cookie headers (an expired or emptied cookie is removed). */
  apply(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = decodeURIComponent(pair!.slice(eq + 1).trim());
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!).getTime() <= Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

const current = new AsyncLocalStorage<CookieJar>();
const nextHeaders = createRequire(import.meta.url)("next/headers") as { cookies: unknown; headers: unknown };
nextHeaders.cookies = async () => {
  const jar = current.getStore() ?? new CookieJar();
  return {
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name)! } : undefined),
    has: (name: string) => jar.cookies.has(name),
  };
};
nextHeaders.headers = async () => {
  const jar = current.getStore() ?? new CookieJar();
  return new Headers({ host: new URL(BASE_URL).host, cookie: jar.header() });
};

/** Runs `fn` (a server action, the guard…) as the browser holding this jar. */
export function asBrowser<T>(jar: CookieJar, fn: () => Promise<T>): Promise<T> {
  return current.run(jar, fn);
}

/** One request to /api/auth/<path>, as that browser; Set-Cookie lands in the jar. */
async function authRequest(jar: CookieJar, method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
  const url = `${BASE_URL}/api/auth/${path}`;
  const headers = new Headers({ cookie: jar.header(), host: new URL(BASE_URL).host });
  if (form) headers.set("content-type", "application/x-www-form-urlencoded");
  const request = new NextRequest(url, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const context = { params: Promise.resolve({ nextauth: path.split("?")[0]!.split("/") }) };
  const res = await asBrowser(jar, () => (method === "GET" ? GET : POST)(request, context));
  jar.apply(res);
  return res;
}

async function csrfToken(jar: CookieJar): Promise<string> {
  const res = await authRequest(jar, "GET", "csrf");
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Signs in with email and password as the sign-in form does; returns the jar holding the session. */
export async function signInWithPassword(email: string, password: string, jar = new CookieJar()): Promise<CookieJar> {
  const csrf = await csrfToken(jar);
  const res = await authRequest(jar, "POST", "callback/credentials", { csrfToken: csrf, email, password, json: "true", callbackUrl: BASE_URL });
  const body = (await res.json()) as { url?: string };
  if (!jar.get(SESSION_COOKIE)) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(body)}`);
  return jar;
}

/** Signs out as the header's button does (POST with the CSRF token). */
export async function signOutOf(jar: CookieJar): Promise<Response> {
  const csrf = await csrfToken(jar);
  return authRequest(jar, "POST", "signout", { csrfToken: csrf, json: "true", callbackUrl: `${BASE_URL}/sign-in` });
}

/** What /api/auth/session answers this browser (and refreshes its cookie, as the client does). */
export async function sessionOf(jar: CookieJar): Promise<{ user?: { id?: string; email?: string } }> {
  const res = await authRequest(jar, "GET", "session");
  return (await res.json()) as { user?: { id?: string; email?: string } };
}
