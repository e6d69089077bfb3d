/**
 * The client's address, as the production server lets the app read it (server.ts,
 * lib/server/forwarded-for.ts): with no proxy configured, the connection's own address whatever
 * X-Forwarded-For the client wrote; behind configured proxies, the header as they wrote it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIpFrom, trustedProxyHops } from "@/lib/client-ip";
import { believeForwardedFor } from "@/lib/server/forwarded-for";

let hops: string | undefined;
let server: http.Server;
let port = 0;

beforeAll(async () => {
  // What the throttles would count: the header after the server's rewrite, read as the app reads it.
  server = http.createServer((req, res) => {
    believeForwardedFor(req, hops);
    res.end(JSON.stringify({ header: req.headers["x-forwarded-for"] ?? null, counted: clientIpFrom(req.headers["x-forwarded-for"], trustedProxyHops(hops)) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function ask(localAddress: string, forwardedFor?: string): Promise<{ header: string | null; counted: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", localAddress, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });
}

describe("X-Forwarded-For with no proxy configured", () => {
  it("counts the connection's address, whatever the client names", async () => {
    hops = undefined;
    expect(await ask("127.0.3.7", "203.0.113.9")).toEqual({ header: "127.0.3.7", counted: "127.0.3.7" });
    expect(await ask("127.0.3.7", "203.0.113.9, 198.51.100.4")).toEqual({ header: "127.0.3.7", counted: "127.0.3.7" });
    expect(await ask("127.0.3.8")).toEqual({ header: "127.0.3.8", counted: "127.0.3.8" });
    // An empty setting is no proxy, as in .env.example.
    hops = "";
    expect((await ask("127.0.3.7", "203.0.113.9")).counted).toBe("127.0.3.7");
  });
});

describe("X-Forwarded-For behind configured proxies", () => {
  it("keeps what the proxies appended, and counts the entry the outermost one wrote", async () => {
    hops = "1";
    expect(await ask("127.0.3.7", "203.0.113.9")).toEqual({ header: "203.0.113.9", counted: "203.0.113.9" });
    // A client's own entry to the left of the proxy's is not the one counted.
    expect((await ask("127.0.3.7", "10.9.9.9, 203.0.113.9")).counted).toBe("203.0.113.9");
    hops = "2";
    expect((await ask("127.0.3.7", "10.9.9.9, 203.0.113.9, 192.0.2.1")).counted).toBe("203.0.113.9");
  });
});
