/**
 * The body gate in front of Next.js (lib/server/body-gate.ts, issue 16): a body over its limit is
 * refused on its headers, before a byte of it is read, and never reaches the app. A real HTTP
 * server in this process runs the gate in front of a stand-in for Next.js that records what
 * reached it; requests are written by hand on a socket, so a test can declare a body and not send
 * it (a gate that waited for the body would never answer).
 */
import { createServer, type Server } from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bodyRefusal, DISCARD_BYTES, refuseUnreadBody } from "@/lib/server/body-gate";

// The limits as lib/body-limits.ts documents them, written out so that a changed constant fails a test.
const ACTION_BODY_BYTES = 256 * 1024;
const API_BODY_BYTES = 64 * 1024;
const IMPORT_BODY_BYTES = 12 * 1024 * 1024;
const IMPORT_PAGE = "/o/acme/use-cases/import";

const SECRET = "test-secret-not-for-production-0123456789";
let savedSecret: string | undefined;
let server: Server;
let port: number;
/** What reached the stand-in app: method, path and the bytes of body it read. */
let reached: { method: string; path: string; bytes: number }[] = [];

beforeAll(async () => {
  savedSecret = process.env.NEXTAUTH_SECRET;
  process.env.NEXTAUTH_SECRET = SECRET;
  server = createServer((req, res) => {
    void refuseUnreadBody(req, res).then((refused) => {
      if (refused) return;
      let bytes = 0;
      req.on("data", (c: Buffer) => (bytes += c.length));
      req.on("end", () => {
        reached.push({ method: req.method!, path: req.url!, bytes });
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("app");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  if (savedSecret === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = savedSecret;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  reached = [];
});

interface Exchange {
  /** The raw answer (status line, headers, body), as far as it came. */
  answer: string;
  status: number | null;
  /** Whether the server closed the connection (it was cut). */
  closed: boolean;
  /** Body bytes the client managed to write before the connection ended or the answer came. */
  written: number;
}

/**
 * Writes a request's head, then `send` bytes of body in 64 KB pieces (as fast as the server takes
 * them), and waits for the answer: up to `waitMs` after the last byte written.
 */
function exchange(head: string[], send: number, waitMs = 1500, untilClosed = false): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    let written = 0;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve({ answer, status: m ? Number(m[1]) : null, closed, written });
    };
    socket.on("data", (d: Buffer) => {
      answer += d.toString("latin1");
      // A whole answer: its head and the body its Content-Length (or chunked end) announces.
      if (!untilClosed && /\r\n\r\n/.test(answer) && (/\r\n0\r\n\r\n$/.test(answer) || complete(answer))) setTimeout(finish, 50);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      finish();
    });
    socket.write(head.join("\r\n") + "\r\n\r\n");
    const piece = Buffer.alloc(64 * 1024, "x");
    const pump = () => {
      while (written < send && !socket.destroyed) {
        const n = Math.min(piece.length, send - written);
        written += n;
        if (!socket.write(n === piece.length ? piece : piece.subarray(0, n))) return void socket.once("drain", pump);
      }
      timer = setTimeout(finish, waitMs);
    };
    pump();
  });
}

function complete(answer: string): boolean {
  const [head, body] = answer.split("\r\n\r\n", 2) as [string, string | undefined];
  const length = /content-length: (\d+)/i.exec(head);
  return !!length && (body ?? "").length >= Number(length[1]);
}

const post = (path: string, length: number | null, extra: string[] = []) => [
  `POST ${path} HTTP/1.1`,
  `Host: 127.0.0.1:${port}`,
  "Content-Type: text/plain;charset=UTF-8",
  ...(length === null ? ["Transfer-Encoding: chunked"] : [`Content-Length: ${length}`]),
  ...extra,
];

async function sessionCookie(): Promise<string> {
  const token = await encode({ token: { sub: "someone" }, secret: SECRET });
  return `Cookie: next-auth.session-token=${token}`;
}

describe("a body over its limit is refused on its headers, before it is read", () => {
  it("answers a declared 10 MB action body with a 413 and the security headers while none of the body has been sent, and the app never sees it", async () => {
    const r = await exchange(post("/sign-up", 10 * 1024 * 1024), 0);
    expect(r.status).toBe(413);
    expect(r.answer).toContain("This request is too large, so it was refused.");
    expect(r.answer).toMatch(/content-security-policy: default-src 'none'[^\r]*frame-ancestors 'none'/i);
    expect(r.answer).toMatch(/x-frame-options: DENY/i);
    expect(r.answer).toMatch(/x-content-type-options: nosniff/i);
    expect(r.answer).toMatch(/referrer-policy: strict-origin-when-cross-origin/i);
    expect(reached).toEqual([]);
  });

  it("lets a body at its limit through to the app, whole", async () => {
    const r = await exchange(post("/sign-up", ACTION_BODY_BYTES), ACTION_BODY_BYTES);
    expect(r.status).toBe(200);
    expect(reached).toEqual([{ method: "POST", path: "/sign-up", bytes: ACTION_BODY_BYTES }]);
  });

  it("holds a server action to 256 KB and a POST to /api to 64 KB", async () => {
    expect((await exchange(post("/o/acme/use-cases/new", ACTION_BODY_BYTES + 1), 0)).status).toBe(413);
    expect((await exchange(post("/api/auth/callback/credentials", API_BODY_BYTES + 1), 0)).status).toBe(413);
    expect((await exchange(post("/api/auth/callback/credentials", API_BODY_BYTES), API_BODY_BYTES)).status).toBe(200);
    expect(reached.map((r) => r.path)).toEqual(["/api/auth/callback/credentials"]);
  });

  it("takes up to 12 MB on the import's page only with a session cookie that decrypts", async () => {
    const big = ACTION_BODY_BYTES * 4;
    expect((await exchange(post(IMPORT_PAGE, big), 0)).status).toBe(413);
    expect((await exchange(post(IMPORT_PAGE, big, ["Cookie: next-auth.session-token=forged"]), 0)).status).toBe(413);
    expect((await exchange(post(IMPORT_PAGE, IMPORT_BODY_BYTES + 1, [await sessionCookie()]), 0)).status).toBe(413);
    const ok = await exchange(post(IMPORT_PAGE, big, [await sessionCookie()]), big);
    expect(ok.status).toBe(200);
    expect(reached).toEqual([{ method: "POST", path: IMPORT_PAGE, bytes: big }]);
  });

  it("refuses a body that does not declare its length (chunked) with a 411, unread", async () => {
    const r = await exchange(post("/sign-up", null), 0);
    expect(r.status).toBe(411);
    expect(r.answer).toContain("This request did not say how large its body is, so it was refused.");
    expect(reached).toEqual([]);
  });

  it("reads the rest of a refused body only to throw it away, and cuts the connection past the discard limit", async () => {
    // A client that sends its 10 MB anyway still reads the 413 (the rest is discarded, not held).
    const sent = await exchange(post("/sign-up", 10 * 1024 * 1024), 10 * 1024 * 1024);
    expect(sent.status).toBe(413);
    expect(reached).toEqual([]);
    // One that declares 1 GB and keeps sending is cut off not far past the discard limit.
    const endless = await exchange(post("/sign-up", 1024 * 1024 * 1024), 4 * DISCARD_BYTES, 3000, true);
    expect(endless.status).toBe(413);
    expect(endless.closed).toBe(true);
    expect(endless.written).toBeLessThan(4 * DISCARD_BYTES);
  });

  it("never judges a GET, and passes a small body on", async () => {
    expect(await bodyRefusal({ method: "GET", url: "/sign-up", headers: { "content-length": String(IMPORT_BODY_BYTES * 2) } })).toBeNull();
    expect(await bodyRefusal({ method: "POST", url: "/sign-up", headers: { "content-length": "12" } })).toBeNull();
    expect(await bodyRefusal({ method: "POST", url: "/sign-up", headers: { "content-length": "-1" } })).toEqual({ status: 411, sentence: expect.any(String) });
  });
});
