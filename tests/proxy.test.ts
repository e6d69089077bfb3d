/**
 * The proxy refuses, before Next.js would with a 500, server actions called from another origin
 * (403) and server actions whose body cannot be read (400), each with a sentence.
 * e2e/cross-origin.spec.ts and e2e/unreadable-action.spec.ts replay a real save through the
 * whole stack; these pin the rules themselves.
 */
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import nextConfig, { STATIC_SECURITY_HEADERS } from "../next.config.mjs";
import {
  ACTION_BODY_BYTES,
  applyStaticSecurityHeaders,
  config,
  crossOriginActionRefusal,
  malformedAddressRefusal,
  PLAIN_CSP,
  oversizedBodyRefusal,
  unreadableActionRefusal,
} from "../proxy";

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

const post = (url: string, headers: Record<string, string>) => new Request(url, { method: "POST", headers: { host: new URL(url).host, ...headers } });
const ACTION = { "next-action": "7f00aa" };

describe("cross-origin server actions", () => {
  it("are refused with a 403 and a sentence when the Origin is another site, another port, or opaque", async () => {
    for (const origin of ["https://evil.example", "http://localhost:3001", "http://localhost.evil.example:3000", "null", "not a url"]) {
      const res = crossOriginActionRefusal(post("http://localhost:3000/o/acme/use-cases/new", { ...ACTION, origin }));
      expect(res?.status, origin).toBe(403);
      expect(await res!.text()).toBe("This request came from another site, so it was refused.");
      expect(res!.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("also covers a form posted without JavaScript (no Next-Action header) to a page", () => {
    expect(crossOriginActionRefusal(post("http://localhost:3000/o/acme/members", { origin: "https://evil.example" }))?.status).toBe(403);
  });

  it("pass from the app's own origin: the Host header, or X-Forwarded-Host only behind configured proxies", () => {
    expect(crossOriginActionRefusal(post("http://localhost:3000/o/acme/use-cases/new", { ...ACTION, origin: "http://localhost:3000" }))).toBeNull();
    // No proxies configured: X-Forwarded-Host is the client's own word, and is ignored.
    const forged = post("http://localhost:3000/o/acme/use-cases/new", { ...ACTION, origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(crossOriginActionRefusal(forged)?.status).toBe(403);
    const proxiedUnconfigured = post("http://10.0.0.5:3000/o/acme/use-cases/new", { ...ACTION, origin: "https://tradeoff.example.com", "x-forwarded-host": "tradeoff.example.com" });
    expect(crossOriginActionRefusal(proxiedUnconfigured)?.status).toBe(403);
    // One proxy configured: the entry it wrote (the last) counts, not one the client put before it.
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(crossOriginActionRefusal(proxiedUnconfigured)).toBeNull();
    const appended = post("http://10.0.0.5:3000/o/acme/use-cases/new", { ...ACTION, origin: "https://evil.example", "x-forwarded-host": "evil.example, tradeoff.example.com" });
    expect(crossOriginActionRefusal(appended)?.status).toBe(403);
    const spoofed = post("http://10.0.0.5:3000/o/acme/use-cases/new", { ...ACTION, origin: "https://tradeoff.example.com", "x-forwarded-host": "evil.example" });
    expect(crossOriginActionRefusal(spoofed)?.status).toBe(403);
  });

  it("leave alone what is not a server action: reads, a POST with no Origin (as Next.js does), the sign-in route's own CSRF-checked POSTs", () => {
    expect(crossOriginActionRefusal(new Request("http://localhost:3000/o/acme/portfolio", { headers: { origin: "https://evil.example" } }))).toBeNull();
    expect(crossOriginActionRefusal(post("http://localhost:3000/o/acme/use-cases/new", ACTION))).toBeNull();
    expect(crossOriginActionRefusal(post("http://localhost:3000/api/auth/callback/credentials", { origin: "https://evil.example" }))).toBeNull();
  });
});

describe("server actions whose body cannot be read", () => {
  const action = (body: string | FormData, contentType?: string) =>
    new Request("http://localhost:3000/o/acme/use-cases/new", {
      method: "POST",
      headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "7f00aa", ...(contentType ? { "content-type": contentType } : {}) },
      body,
    });
  const TEXT = "text/plain;charset=UTF-8";

  it("are refused with a 400 and a sentence: not JSON, a bare value, a reference to a part a text body cannot have, a broken form", async () => {
    const bad: [string, string][] = [
      ["{{{not json", TEXT],
      ['"a string"', TEXT],
      ["42", TEXT],
      ['["acme", "$Q1"]', TEXT],
      ['["acme", {"title": "$K2"}]', TEXT],
      ['["$1"]', TEXT],
      ["--zzz\r\nbroken", "multipart/form-data; boundary=zzz"],
    ];
    for (const [body, type] of bad) {
      const res = await unreadableActionRefusal(action(body, type));
      expect(res?.status, body).toBe(400);
      expect(await res!.text()).toBe("This request could not be read, so it was refused.");
    }
  });

  it("pass what the app's forms send: plain data, text that starts with $ (escaped as $$), undefined, dates, big integers, a real form", async () => {
    const good = [
      '["acme", {"title": "Claims", "description": "$$5M saved", "notes": "$undefined", "at": "$D2027-01-01T00:00:00.000Z", "n": "$n12", "x": "$-0"}]',
      '["acme", {"$weird key": 1}]',
      "{}",
    ];
    for (const body of good) expect(await unreadableActionRefusal(action(body, TEXT)), body).toBeNull();
    const form = new FormData();
    form.append("file", new Blob(["title\nClaims\n"], { type: "text/csv" }), "use-cases.csv");
    expect(await unreadableActionRefusal(action(form))).toBeNull();
    // Reads and the sign-in route's own POSTs are not server actions.
    expect(await unreadableActionRefusal(new Request("http://localhost:3000/o/acme/portfolio"))).toBeNull();
    expect(
      await unreadableActionRefusal(new Request("http://localhost:3000/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=z" }, body: "broken" })),
    ).toBeNull();
  });
});

describe("every request passes the proxy", () => {
  it("has no matcher condition that a request header could meet to skip it (prefetches included)", () => {
    for (const m of config.matcher as unknown[]) {
      expect(typeof m, JSON.stringify(m)).toBe("string");
    }
    const pattern = new RegExp(`^${(config.matcher as string[])[0]}$`);
    for (const path of ["/", "/sign-in", "/o/acme/use-cases", "/api/auth/signin", "/does-not-exist"]) expect(pattern.test(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/app.js", "/_next/image"]) expect(pattern.test(path), path).toBe(false);
  });

  it("gives what it skips (static files, the image optimizer) the same headers through next.config.mjs", async () => {
    const fromProxy = new Headers();
    applyStaticSecurityHeaders(fromProxy);
    const fromConfig = new Map(STATIC_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));
    for (const [key, value] of fromProxy) expect(fromConfig.get(key), key).toBe(value);
    expect(fromConfig.get("content-security-policy")).toBe(PLAIN_CSP);
    expect(PLAIN_CSP).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    const rules = await nextConfig.headers!();
    expect(rules.map((r) => r.source)).toEqual(expect.arrayContaining(["/_next/static/:path*", "/_next/image"]));
  });
});

describe("hostile addresses", () => {
  it("a path that does not decode is refused with a 400 and a sentence", async () => {
    const res = malformedAddressRefusal(new Request("http://localhost:3000/o/%E0%A4%A/use-cases"));
    expect(res?.status).toBe(400);
    expect(await res!.text()).toBe("This address is not valid, so it was refused.");
    expect(res!.headers.get("content-security-policy")).toBe(PLAIN_CSP);
    expect(malformedAddressRefusal(new Request("http://localhost:3000/o/caf%C3%A9/use-cases"))).toBeNull();
  });
});

describe("body limits", () => {
  const anonymous = (path: string, body: string | FormData, headers: Record<string, string> = {}) =>
    new Request(`http://localhost:3000${path}`, { method: "POST", headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8", ...headers }, body });
  const manyKeys = (n: number) => JSON.stringify([Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1]))]);

  it("refuse an anonymous 10 MB action body, and a 560,000-key one, with a 413 before anything parses it", async () => {
    for (const body of ["x".repeat(10 * 1024 * 1024), manyKeys(560_000)]) {
      const res = await oversizedBodyRefusal(anonymous("/sign-up", body));
      expect(res?.status).toBe(413);
      expect(await res!.text()).toBe("This request is too large, so it was refused.");
    }
  });

  it("count the body when no length is declared (a streamed body)", async () => {
    const big = new TextEncoder().encode("x".repeat(ACTION_BODY_BYTES + 1));
    const stream = new ReadableStream({ start: (c) => (c.enqueue(big), c.close()) });
    const req = new Request("http://localhost:3000/sign-up", { method: "POST", headers: { "next-action": "7f00aa" }, body: stream, duplex: "half" } as RequestInit);
    expect((await oversizedBodyRefusal(req))?.status).toBe(413);
  });

  it("refuse a small body with too many values with a 400, and pass an ordinary one", async () => {
    const crowded = anonymous("/sign-up", manyKeys(6_000));
    expect(crowded.headers.get("content-length") === null || Number(crowded.headers.get("content-length")) < ACTION_BODY_BYTES).toBe(true);
    expect(await oversizedBodyRefusal(crowded)).toBeNull();
    expect((await unreadableActionRefusal(crowded))?.status).toBe(400);
    expect(await unreadableActionRefusal(anonymous("/sign-up", manyKeys(40)))).toBeNull();
  });

  it("hold sign-in and the other /api POSTs to 64 KB", async () => {
    const req = new Request("http://localhost:3000/api/auth/callback/credentials", { method: "POST", body: "x".repeat(70 * 1024) });
    expect((await oversizedBodyRefusal(req))?.status).toBe(413);
  });

  it("allow the import page a large body only with a session cookie this server can decrypt", async () => {
    process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
    const body = JSON.stringify(["acme", { rows: Array.from({ length: 1000 }, (_, i) => ({ row: i + 2, cells: Array(20).fill("some cell text") })) }]);
    expect(body.length).toBeGreaterThan(ACTION_BODY_BYTES);
    expect((await oversizedBodyRefusal(anonymous("/o/acme/use-cases/import", body)))?.status).toBe(413);
    expect((await oversizedBodyRefusal(anonymous("/o/acme/use-cases/import", body, { cookie: "next-auth.session-token=made-up" })))?.status).toBe(413);
    const token = await encode({ token: { uid: "u1", sid: "s1" }, secret: process.env.NEXTAUTH_SECRET });
    const signedIn = anonymous("/o/acme/use-cases/import", body, { cookie: `next-auth.session-token=${token}` });
    expect(await oversizedBodyRefusal(signedIn)).toBeNull();
    expect(await unreadableActionRefusal(signedIn)).toBeNull();
    // The same session does not lift the limit on another page.
    expect((await oversizedBodyRefusal(anonymous("/o/acme/use-cases/new", body, { cookie: `next-auth.session-token=${token}` })))?.status).toBe(413);
  });

  it("refuse a multipart action whose file part comes after the root part that refers to it", async () => {
    const action = (form: FormData) => new Request("http://localhost:3000/o/acme/use-cases/import", { method: "POST", headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "7f00aa" }, body: form });
    const late = new FormData();
    late.append("0", JSON.stringify(["acme", { file: "$B1" }]));
    late.append("1", new Blob(["title\nClaims\n"], { type: "text/csv" }), "blob");
    const res = await unreadableActionRefusal(action(late));
    expect(res?.status).toBe(400);
    const inOrder = new FormData();
    inOrder.append("1", new Blob(["title\nClaims\n"], { type: "text/csv" }), "blob");
    inOrder.append("0", JSON.stringify(["acme", { file: "$B1" }]));
    expect(await unreadableActionRefusal(action(inOrder))).toBeNull();
  });
});
