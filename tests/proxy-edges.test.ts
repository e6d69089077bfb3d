/**
 * The proxy at its edges (issue 17): what every page gets back from proxy() itself (the policy,
 * its nonce, the headers handed on to the app), each body limit just under and just over, the
 * session cookie that lifts the import page's limit, and the shapes of body a server action may
 * or may not send. tests/proxy.test.ts holds the rules' main cases; these are the boundaries an
 * attacker would probe.
 */
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  oversizedBodyRefusal,
  PLAIN_CSP,
  proxy,
  unreadableActionRefusal,
} from "../proxy";

// The limits as proxy.ts documents them, written out here so that a changed constant fails a test.
const ACTION_BODY_BYTES = 256 * 1024;
const ACTION_BODY_VALUES = 5_000;
const API_BODY_BYTES = 64 * 1024;
const IMPORT_BODY_BYTES = 12 * 1024 * 1024;
const IMPORT_BODY_VALUES = 250_000;

const SECRET = "test-secret-not-for-production-0123456789";
const ORIGIN = "http://localhost:3000";
const TOO_LARGE = "This request is too large, so it was refused.";
const UNREADABLE = "This request could not be read, so it was refused.";

let savedSecret: string | undefined;
beforeEach(() => {
  savedSecret = process.env.NEXTAUTH_SECRET;
  process.env.NEXTAUTH_SECRET = SECRET;
});
afterEach(() => {
  if (savedSecret === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = savedSecret;
  delete process.env.AUTH_SECRET;
  delete process.env.TRUSTED_PROXY_HOPS;
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** Headers Next.js hands on to the app with the request (NextResponse.next's request override). */
const passedOn = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

const page = (path: string, headers: Record<string, string> = {}) => new NextRequest(`${ORIGIN}${path}`, { headers: { host: "localhost:3000", ...headers } });

/** A POST to a server action on `path`, with the body's length declared or not. */
function actionPost(path: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN, "next-action": "7f00aa", ...headers }, body });
}
/** A body of exactly `n` bytes sent as a stream, so no length is declared. */
function streamed(n: number): ReadableStream<Uint8Array> {
  const bytes = new Uint8Array(n).fill(120);
  return new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) });
}
function streamedPost(path: string, n: number) {
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: { host: "localhost:3000", "next-action": "7f00aa" }, body: streamed(n), duplex: "half" } as RequestInit);
}
/** A JSON array whose values, the array itself included, number exactly `n`. */
const valuesJson = (n: number) => `[${Array(n - 1).fill("0").join(",")}]`;
const sessionCookie = async (name = "next-auth.session-token") => `${name}=${await encode({ token: { uid: "u1", sid: "s1" }, secret: SECRET })}`;

describe("proxy(): what a page gets back", () => {
  it("sets the policy with every directive, a fresh nonce per request, and the static headers", async () => {
    const first = await proxy(page("/o/acme/use-cases"));
    const second = await proxy(page("/o/acme/use-cases"));
    const csp = first.headers.get("content-security-policy");
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(csp).toBe(
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' blob: data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=()");
    // Outside production there is no HSTS (NODE_ENV is "test" here).
    expect(first.headers.get("strict-transport-security")).toBeNull();
    // Let through to the app (not a rewrite, a redirect or a refusal).
    expect(first.status).toBe(200);
    expect(first.headers.get("x-middleware-next")).toBe("1");
  });

  it("hands the app the nonce, the policy and the host it may trust, with the request", async () => {
    const res = await proxy(page("/o/acme/use-cases", { "x-forwarded-host": "evil.example" }));
    const csp = res.headers.get("content-security-policy");
    expect(passedOn(res, "x-nonce")).toBe(nonceOf(csp));
    expect(passedOn(res, "content-security-policy")).toBe(csp);
    // No proxies configured: the client's X-Forwarded-Host is replaced by the Host header.
    expect(passedOn(res, "x-forwarded-host")).toBe("localhost:3000");
    // Behind one configured proxy, the entry it wrote is the host.
    process.env.TRUSTED_PROXY_HOPS = "1";
    const proxied = await proxy(page("/o/acme/use-cases", { host: "10.0.0.5:3000", "x-forwarded-host": "Tradeoff.Example.com" }));
    expect(passedOn(proxied, "x-forwarded-host")).toBe("tradeoff.example.com");
  });

  it("allows eval only in development, and sends HSTS only in production", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const dev = await proxy(page("/"));
    expect(dev.headers.get("content-security-policy")).toContain(`'nonce-${nonceOf(dev.headers.get("content-security-policy"))}' 'strict-dynamic' 'unsafe-eval';`);
    expect(dev.headers.get("strict-transport-security")).toBeNull();
    vi.stubEnv("NODE_ENV", "production");
    const prod = await proxy(page("/"));
    expect(prod.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(prod.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    // A refusal carries it too.
    const refused = await proxy(page("/o/%E0%A4%A/use-cases"));
    expect(refused.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("answers each kind of hostile request with its refusal instead of passing it on", async () => {
    const cases: [string, NextRequest, number, string][] = [
      ["broken address", page("/o/%E0%A4%A/use-cases"), 400, "This address is not valid, so it was refused."],
      [
        "another site",
        new NextRequest(`${ORIGIN}/o/acme/use-cases/new`, { method: "POST", headers: { host: "localhost:3000", origin: "https://evil.example", "next-action": "7f00aa" }, body: "[]" }),
        403,
        "This request came from another site, so it was refused.",
      ],
      [
        "too large",
        new NextRequest(`${ORIGIN}/o/acme/use-cases/new`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN, "next-action": "7f00aa", "content-length": String(ACTION_BODY_BYTES + 1) }, body: "[]" }),
        413,
        TOO_LARGE,
      ],
      [
        "unreadable",
        new NextRequest(`${ORIGIN}/o/acme/use-cases/new`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN, "next-action": "7f00aa", "content-type": "text/plain" }, body: '["$K1"]' }),
        400,
        UNREADABLE,
      ],
    ];
    for (const [what, request, status, sentence] of cases) {
      const res = await proxy(request);
      expect(res.status, what).toBe(status);
      expect(await res.text(), what).toBe(sentence);
      expect(res.headers.get("content-type"), what).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("content-security-policy"), what).toBe(PLAIN_CSP);
      expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(res.headers.get("x-middleware-next"), what).toBeNull();
    }
    // A well-formed action from the app's own origin goes on to Next.js.
    const fine = await proxy(new NextRequest(`${ORIGIN}/o/acme/use-cases/new`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN, "next-action": "7f00aa", "content-type": "text/plain" }, body: '["acme"]' }));
    expect(fine.headers.get("x-middleware-next")).toBe("1");
  });

  it("holds a refusal for the configured delay before answering it, and does not hold a page", async () => {
    vi.useFakeTimers();
    vi.stubEnv("REFUSAL_DELAY_MS", "1000");
    let answered = false;
    const pending = proxy(page("/o/%E0%A4%A/use-cases")).then((res) => ((answered = true), res));
    await vi.advanceTimersByTimeAsync(999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(400);
    let served = false;
    const ok = proxy(page("/")).then((res) => ((served = true), res));
    await vi.advanceTimersByTimeAsync(0);
    expect(served).toBe(true);
    expect((await ok).headers.get("x-middleware-next")).toBe("1");
  });
});

describe("body limits at their edges", () => {
  it("a server action may declare exactly 256 KB, not one byte more; a streamed body is counted the same", async () => {
    expect(await oversizedBodyRefusal(actionPost("/o/acme/use-cases/new", "[]", { "content-length": String(ACTION_BODY_BYTES) }))).toBeNull();
    const over = await oversizedBodyRefusal(actionPost("/o/acme/use-cases/new", "[]", { "content-length": String(ACTION_BODY_BYTES + 1) }));
    expect(over?.status).toBe(413);
    expect(await over!.text()).toBe(TOO_LARGE);
    expect(await oversizedBodyRefusal(streamedPost("/o/acme/use-cases/new", ACTION_BODY_BYTES))).toBeNull();
    expect((await oversizedBodyRefusal(streamedPost("/o/acme/use-cases/new", ACTION_BODY_BYTES + 1)))?.status).toBe(413);
    // A small declared length is believed (Next.js stops reading there), so the body is not read.
    expect(await oversizedBodyRefusal(actionPost("/o/acme/use-cases/new", "[]", { "content-length": "2" }))).toBeNull();
  });

  it("sign-in and the other /api POSTs may send exactly 64 KB, not one byte more", async () => {
    const api = (n: number, declare: boolean) =>
      declare
        ? new Request(`${ORIGIN}/api/auth/callback/credentials`, { method: "POST", headers: { "content-length": String(n) }, body: "x" })
        : streamedPost("/api/auth/callback/credentials", n);
    for (const declare of [true, false]) {
      expect(await oversizedBodyRefusal(api(API_BODY_BYTES, declare)), `declared ${declare}`).toBeNull();
      expect((await oversizedBodyRefusal(api(API_BODY_BYTES + 1, declare)))?.status, `declared ${declare}`).toBe(413);
    }
    // A page's action between the two limits is not held to the API's.
    expect(await oversizedBodyRefusal(streamedPost("/o/acme/use-cases/new", API_BODY_BYTES + 1))).toBeNull();
  });

  it("the import page, signed in, may declare exactly 12 MB and 250,000 values, not one more", async () => {
    const cookie = await sessionCookie();
    const importPost = (body: string, length?: number) =>
      actionPost("/o/acme/use-cases/import", body, { cookie, "content-type": "text/plain;charset=UTF-8", ...(length ? { "content-length": String(length) } : {}) });
    expect(await oversizedBodyRefusal(importPost("[]", IMPORT_BODY_BYTES))).toBeNull();
    expect((await oversizedBodyRefusal(importPost("[]", IMPORT_BODY_BYTES + 1)))?.status).toBe(413);
    expect(await unreadableActionRefusal(importPost(valuesJson(IMPORT_BODY_VALUES)))).toBeNull();
    const crowded = await unreadableActionRefusal(importPost(valuesJson(IMPORT_BODY_VALUES + 1)));
    expect(crowded?.status).toBe(400);
    expect(await crowded!.text()).toBe(UNREADABLE);
  });

  it("the import's limit is only for the import page's own address", async () => {
    const cookie = await sessionCookie();
    const large = String(ACTION_BODY_BYTES + 1);
    expect(await oversizedBodyRefusal(actionPost("/o/acme/use-cases/import/", "[]", { cookie, "content-length": large }))).toBeNull();
    for (const path of ["/x/o/acme/use-cases/import", "/o/acme/use-cases/import/more", "/o/acme/use-cases/importer", "/o/a/b/use-cases/import"]) {
      expect((await oversizedBodyRefusal(actionPost(path, "[]", { cookie, "content-length": large })))?.status, path).toBe(413);
    }
  });

  it("reads, bodiless POSTs and other methods are not measured, whatever length they claim", async () => {
    const huge = String(IMPORT_BODY_BYTES * 10);
    expect(await oversizedBodyRefusal(new Request(`${ORIGIN}/o/acme/use-cases`, { headers: { "content-length": huge } }))).toBeNull();
    expect(await oversizedBodyRefusal(new Request(`${ORIGIN}/o/acme/use-cases/new`, { method: "POST", headers: { "content-length": huge } }))).toBeNull();
    expect(await oversizedBodyRefusal(new Request(`${ORIGIN}/o/acme/use-cases/new`, { method: "PUT", headers: { "content-length": huge }, body: "x" }))).toBeNull();
  });
});

describe("the session cookie that lifts the import page's limit", () => {
  const overActionLimit = (cookie: string) => actionPost("/o/acme/use-cases/import", "[]", { cookie, "content-length": String(ACTION_BODY_BYTES + 1) });

  it("is found under its secure name and among other cookies", async () => {
    expect(await oversizedBodyRefusal(overActionLimit(await sessionCookie("__Secure-next-auth.session-token")))).toBeNull();
    expect(await oversizedBodyRefusal(overActionLimit(`theme=dark; ${await sessionCookie()}; lang=en`))).toBeNull();
    expect(await oversizedBodyRefusal(overActionLimit(`theme=dark;${await sessionCookie("__Secure-next-auth.session-token")}`))).toBeNull();
  });

  it("does not count when it is forged, made with another secret, under another name, or the server has no secret", async () => {
    const other = await encode({ token: { uid: "u1", sid: "s1" }, secret: "another-secret-entirely-0123456789abcdef" });
    const genuine = await sessionCookie();
    for (const cookie of [
      "next-auth.session-token=forged",
      `next-auth.session-token=${other}`,
      `x-next-auth.session-token=${genuine.split("=")[1]}`,
      `theme=${genuine.split("=")[1]}`,
      "",
    ]) {
      expect((await oversizedBodyRefusal(overActionLimit(cookie)))?.status, cookie).toBe(413);
    }
    delete process.env.NEXTAUTH_SECRET;
    expect((await oversizedBodyRefusal(overActionLimit(genuine)))?.status).toBe(413);
    // AUTH_SECRET is read when NEXTAUTH_SECRET is not set.
    process.env.AUTH_SECRET = SECRET;
    expect(await oversizedBodyRefusal(overActionLimit(genuine))).toBeNull();
  });
});

describe("the shape of a server action's body", () => {
  const text = (body: string, headers: Record<string, string> = {}) => actionPost("/o/acme/use-cases/new", body, { "content-type": "text/plain;charset=UTF-8", ...headers });
  const refused = async (request: Request, what: string) => {
    const res = await unreadableActionRefusal(request);
    expect(res?.status, what).toBe(400);
    expect(await res!.text(), what).toBe(UNREADABLE);
  };

  it("holds exactly the value limit, counting nested objects, arrays and the reply itself", async () => {
    expect(await unreadableActionRefusal(text(valuesJson(ACTION_BODY_VALUES)))).toBeNull();
    await refused(text(valuesJson(ACTION_BODY_VALUES + 1)), "one value over");
    // Each {a: [x, y]} is four values: the object, the inner array and its two items; with the
    // outer array, 1,249 of them make 4,997, and the zeros after them fill up to the limit.
    const nested = (zeros: number) => JSON.stringify([...Array.from({ length: 1249 }, () => ({ a: [1, 2] })), ...Array(zeros).fill(0)]);
    expect(await unreadableActionRefusal(text(nested(3)))).toBeNull();
    await refused(text(nested(4)), "nested, one over");
  });

  it("refuses a reply that is not an object or array: null, a number, a string", async () => {
    for (const body of ["null", "7", '"$$x"', "true"]) await refused(text(body), body);
    // null, numbers and booleans inside a reply are ordinary values.
    expect(await unreadableActionRefusal(text('["acme", null, {"x": null, "y": 3, "z": false}]'))).toBeNull();
  });

  it("allows each self-contained form React writes and refuses the near misses", async () => {
    const allowed = ["$$", "$$K1", "$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0", "$D2027-01-01", "$D", "$n12", "$n-12", "$n0"];
    for (const v of allowed) expect(await unreadableActionRefusal(text(JSON.stringify(["acme", v]))), v).toBeNull();
    const nearMisses = ["$undefinedX", "$NaN1", "$Infinity2", "$-Infinityx", "$-0x", "$n12a", "$n", "$n-", "$K1", "$", "$d2027", "$K1$$", "$Q1$undefined"];
    for (const v of nearMisses) await refused(text(JSON.stringify(["acme", { deep: [v] }])), v);
    // A string that merely contains a $ later on is plain text.
    expect(await unreadableActionRefusal(text(JSON.stringify(["acme", "costs $5"])))).toBeNull();
  });

  it("checks a body sent with no content type as text, and leaves other encodings to Next.js", async () => {
    await refused(actionPost("/o/acme/use-cases/new", new TextEncoder().encode("{{{not json")), "no content type");
    await refused(actionPost("/o/acme/use-cases/new", new TextEncoder().encode('["$Q1"]')), "no content type, a reference");
    expect(await unreadableActionRefusal(actionPost("/o/acme/use-cases/new", "a=1&b=2", { "content-type": "application/x-www-form-urlencoded" }))).toBeNull();
    expect(await unreadableActionRefusal(actionPost("/o/acme/use-cases/new", "not json", { "content-type": "application/json" }))).toBeNull();
  });

  it("leaves a form posted to a page without JavaScript (no Next-Action) to Next.js", async () => {
    const plain = (body: BodyInit, headers: Record<string, string> = {}) =>
      new Request(`${ORIGIN}/o/acme/members`, { method: "POST", headers: { host: "localhost:3000", origin: ORIGIN, ...headers }, body });
    expect(await unreadableActionRefusal(plain("not json", { "content-type": "text/plain" }))).toBeNull();
    const form = new FormData();
    form.append("0", "not json");
    form.append("1", new Blob(["x"]), "late.csv");
    expect(await unreadableActionRefusal(plain(form))).toBeNull();
  });
});

describe("a multipart server action", () => {
  const multipart = (form: FormData) => actionPost("/o/acme/use-cases/import", form);
  const refusedStatus = async (form: FormData) => (await unreadableActionRefusal(multipart(form)))?.status;
  const file = () => new Blob(["title\nClaims\n"], { type: "text/csv" });

  it("may have exactly as many parts as the value limit, not one more", async () => {
    const parts = (n: number) => {
      const form = new FormData();
      for (let i = 0; i < n; i++) form.append(`f${i}`, "v");
      return form;
    };
    expect(await refusedStatus(parts(ACTION_BODY_VALUES))).toBeUndefined();
    expect(await refusedStatus(parts(ACTION_BODY_VALUES + 1))).toBe(400);
  });

  it("checks the root part '0' (a reply within the value limit, references allowed) and no other text part", async () => {
    const withRoot = (root: string, before: [string, string | Blob][] = [], after: [string, string | Blob][] = []) => {
      const form = new FormData();
      for (const [k, v] of before) form.append(k, v);
      form.append("0", root);
      for (const [k, v] of after) form.append(k, v);
      return form;
    };
    expect(await refusedStatus(withRoot(JSON.stringify(["acme", { file: "$B1", k: "$K2" }]), [["1", file()]]))).toBeUndefined();
    for (const bad of ["not json", "42", "null", valuesJson(ACTION_BODY_VALUES + 1)]) expect(await refusedStatus(withRoot(bad)), bad.slice(0, 20)).toBe(400);
    expect(await refusedStatus(withRoot(valuesJson(ACTION_BODY_VALUES)))).toBeUndefined();
    // Other text parts are the action's own fields, in any order, and need not be JSON.
    expect(await refusedStatus(withRoot('["acme"]', [["title", "plain words"]], [["note", "more plain words"]]))).toBeUndefined();
  });

  it("refuses a file after the root part, wherever the root is, and allows text after it", async () => {
    const form = (...entries: [string, string | Blob][]) => {
      const f = new FormData();
      for (const [k, v] of entries) f.append(k, v);
      return f;
    };
    expect(await refusedStatus(form(["title", "x"], ["1", file()], ["0", '["$B1"]']))).toBeUndefined();
    expect(await refusedStatus(form(["title", "x"], ["0", '["$B1"]'], ["1", file()]))).toBe(400);
    expect(await refusedStatus(form(["1", file()], ["0", '["$B1"]'], ["2", "trailing text"]))).toBeUndefined();
    // A file that is itself named "0" is not a reply to parse.
    expect(await refusedStatus(form(["0", file()]))).toBeUndefined();
  });
});
