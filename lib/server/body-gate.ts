import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimitsFor, IMPORT_BODY_BYTES, isImportPage } from "@/lib/body-limits";
import { holdRefusal } from "@/lib/refusal-delay";
import { hasReadableSession } from "@/lib/session-cookie";
import { STATIC_SECURITY_HEADERS } from "../../next.config.mjs";

export const TOO_LARGE = "This request is too large, so it was refused.";
export const LENGTH_REQUIRED = "This request did not say how large its body is, so it was refused.";
/** The most of a refused body that is received (and thrown away) before the connection is cut. */
export const DISCARD_BYTES = IMPORT_BODY_BYTES;

/**
 * What a request's body may cost before anything reads it (issue 16). Next.js hands every body to
 * the proxy as a buffered copy, and reads all of it before the proxy's answer goes out: each
 * anonymous 10 MB body the proxy refused was still received and held in memory, 56 ms of server
 * CPU and a full garbage collection every third one (the bench's floods of such bodies cost the
 * signed-in people's saves their p95). Here, in the server in front of Next.js (server.ts), a
 * request with a body is judged on its headers alone:
 * - a declared Content-Length over the limit of where it goes (lib/body-limits.ts): 413;
 * - a body without a declared length (chunked): 411, since it could only be judged by reading it.
 *   Browsers, and the app's own forms, always declare it.
 * A refused request never reaches Next.js. Its answer is held like every refusal
 * (lib/refusal-delay.ts), reading nothing meanwhile, then sent with the security headers of every
 * plain response; the rest of the body is thrown away as it arrives (15 ms of CPU for 10 MB, no
 * collection), as a reverse proxy does, so that the client reads the answer.
 *
 * Returns whether the request was refused (and answered); if not, Next.js handles it.
 */
export async function refuseUnreadBody(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const refusal = await bodyRefusal(req);
  if (!refusal) return false;
  await holdRefusal();
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  for (const h of STATIC_SECURITY_HEADERS) headers[h.key] = h.value;
  res.writeHead(refusal.status, headers);
  res.end(refusal.sentence);
  // What the client still sends is discarded as it arrives (never held), so that it can read the
  // answer: a client cut off while it writes sees a broken connection, not the 413. Past
  // DISCARD_BYTES the connection is cut anyway.
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) req.socket.destroy();
  });
  req.on("error", () => {});
  return true;
}

/** The refusal for a request's body, from its method, path, headers and session cookie; null when it may be read. */
export async function bodyRefusal(req: Pick<IncomingMessage, "method" | "url" | "headers">): Promise<{ status: 411 | 413; sentence: string } | null> {
  const method = (req.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  const lengthHeader = req.headers["content-length"];
  const chunked = /chunked/i.test(String(req.headers["transfer-encoding"] ?? ""));
  if (lengthHeader === undefined) return chunked ? { status: 411, sentence: LENGTH_REQUIRED } : null;
  const declared = Number(lengthHeader);
  if (!Number.isSafeInteger(declared) || declared < 0) return { status: 411, sentence: LENGTH_REQUIRED };
  const path = pathOf(req.url);
  const signedIn = isImportPage(path) && (await hasReadableSession(req.headers.cookie));
  return declared > bodyLimitsFor(method, path, signedIn).bytes ? { status: 413, sentence: TOO_LARGE } : null;
}

/** The path as the proxy sees it (new URL(request.url).pathname): before the query, not decoded. */
function pathOf(url: string | undefined): string {
  return (url ?? "/").split("?")[0]!;
}
