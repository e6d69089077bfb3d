/**
 * The proxy refuses, before Next.js would with a 500, server actions called from another origin
 * (403) and server actions whose body cannot be read (400), each with a sentence.
 * e2e/cross-origin.spec.ts and e2e/unreadable-action.spec.ts replay a real save through the
 * whole stack; these pin the rules themselves.
 */
import { describe, expect, it } from "vitest";
import { crossOriginActionRefusal, unreadableActionRefusal } from "../proxy";

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

  it("pass from the app's own origin, compared with X-Forwarded-Host behind a proxy, else Host", () => {
    expect(crossOriginActionRefusal(post("http://localhost:3000/o/acme/use-cases/new", { ...ACTION, origin: "http://localhost:3000" }))).toBeNull();
    const proxied = post("http://10.0.0.5:3000/o/acme/use-cases/new", { ...ACTION, origin: "https://tradeoff.example.com", "x-forwarded-host": "tradeoff.example.com, 10.0.0.5" });
    expect(crossOriginActionRefusal(proxied)).toBeNull();
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
