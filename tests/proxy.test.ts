/**
 * The proxy refuses server actions called from another origin with a 403 and a sentence, before
 * Next.js would (with a 500). e2e/cross-origin.spec.ts replays a real save through the browser
 * stack; these pin the rule itself.
 */
import { describe, expect, it } from "vitest";
import { crossOriginActionRefusal } from "../proxy";

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
