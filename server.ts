/**
 * The production server: Next.js's request handler behind one check that Next.js itself cannot
 * make in time. Next.js reads a request's whole body before its proxy's answer goes out, so an
 * anonymous flood of 10 MB bodies, each refused, still cost the server the reading, holding and
 * collecting of every byte. Here a body over its limit is refused on its headers alone and never
 * read (lib/server/body-gate.ts); everything else goes to Next.js as `next start` would send it
 * (the proxy, security headers, server actions and pages are unchanged).
 *
 *   node --import tsx server.ts [-p <port>] [-H <host>]   (after `next build`; `npm start` does both)
 *
 * PORT and HOST are read when -p and -H are not given (default localhost:3000).
 */
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const arg = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const hostname = arg("-H") ?? process.env.HOST ?? "localhost";
// As `next start` does: a production server, whatever the shell says.
(process.env as Record<string, string>).NODE_ENV = "production";

const { default: next } = await import("next");
const { refuseUnreadBody } = await import("./lib/server/body-gate");

const app = next({ dev: false, dir: path.dirname(fileURLToPath(import.meta.url)), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  refuseUnreadBody(req, res)
    .then((refused) => (refused ? undefined : handle(req, res)))
    .catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Something went wrong.");
      } else res.end();
    });
});
server.listen(port, hostname, () => console.log(`▲ Tradeoff ready on http://${hostname}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
