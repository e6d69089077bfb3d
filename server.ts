/**
 * The production server: Next.js's request handler behind one check that Next.js itself cannot
 * make in time. Next.js reads a request's whole body before its proxy's answer goes out, so an
 * anonymous flood of 10 MB bodies, each refused, still cost the server the reading, holding and
 * collecting of every byte. Here a body over its limit is refused on its headers alone and never
 * read (lib/server/body-gate.ts); everything else goes to Next.js as `next start` would send it
 * (the proxy, security headers, server actions and pages are unchanged), except that with no proxy
 * configured in front (TRUSTED_PROXY_HOPS unset) a client's own X-Forwarded-For is replaced by the
 * connection's address (lib/server/forwarded-for.ts).
 *
 *   node --import tsx server.ts [-p <port>] [-H <host>]   (after `next build`; `npm start` does both)
 *
 * PORT and HOST are read when -p and -H are not given (default localhost:3000).
 *
 * WEB_CONCURRENCY=N (default 1) runs N such servers as worker processes sharing the one port
 * (node:cluster): one Node.js process renders pages on one core, so a machine with more cores
 * serves more people at once with one worker per core. The app keeps no state in a process
 * (README, "Several app servers on one PostgreSQL"), so workers need nothing from each other; a
 * worker that dies is replaced.
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { keepServingWhenLogReaderCloses } from "./lib/server/log-pipes";

// Before anything logs: a closed log pipe must not turn the next log line into an endless loop of
// failing error reports (lib/server/log-pipes.ts).
keepServingWhenLogReaderCloses();

const args = process.argv.slice(2);
const arg = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const hostname = arg("-H") ?? process.env.HOST ?? "localhost";
// As `next start` does: a production server, whatever the shell says.
(process.env as Record<string, string>).NODE_ENV = "production";
const workers = Math.min(64, Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1));

if (workers > 1 && cluster.isPrimary) {
  let stopping = false;
  const served = new Set<number>();
  cluster.on("listening", (worker) => {
    served.add(worker.id);
    if (served.size === workers) console.log(`▲ Tradeoff ready on http://${hostname}:${port} (${workers} workers)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!served.has(worker.id)) {
      // It never served (a taken port, a missing build): another would fail the same way.
      console.error(`A worker could not start (${signal ?? `exit ${code}`}); stopping.`);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`A worker (pid ${worker.process.pid}) stopped (${signal ?? `exit ${code}`}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
} else await serve();

async function serve() {

const { default: next } = await import("next");
const { refuseUnreadBody } = await import("./lib/server/body-gate");
const { believeForwardedFor } = await import("./lib/server/forwarded-for");

const app = next({ dev: false, dir: path.dirname(fileURLToPath(import.meta.url)), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // Before anything reads the client's address: with no proxy configured, the socket's, not the client's word.
  believeForwardedFor(req);
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
server.listen(port, hostname, () => {
  if (cluster.isPrimary) console.log(`▲ Tradeoff ready on http://${hostname}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
}
