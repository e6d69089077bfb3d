/**
 * A small round-robin load balancer for the two-server browser tests (e2e/two-servers.spec.ts):
 * each request goes to the next app server in turn, with its headers (Host included) as sent, so
 * the servers see what they would behind a real balancer. Each response says which server
 * answered (X-Upstream), so a test can show that consecutive requests really alternate.
 *
 *   BALANCER_PORT=4100 UPSTREAMS=127.0.0.1:3100,127.0.0.1:3600 node e2e/support/balancer.mjs
 */
import http from "node:http";

const port = Number(process.env.BALANCER_PORT ?? 4100);
const upstreams = (process.env.UPSTREAMS ?? "").split(",").filter(Boolean).map((u) => {
  const [host, p] = u.split(":");
  return { host, port: Number(p) };
});
if (upstreams.length === 0) throw new Error("UPSTREAMS is empty");
let next = 0;

http
  .createServer((req, res) => {
    const target = upstreams[next++ % upstreams.length];
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-upstream": `${target.host}:${target.port}` });
      answer.pipe(res);
    });
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`upstream ${target.host}:${target.port}: ${err.message}`);
    });
    req.pipe(upstream);
  })
  .listen(port, "127.0.0.1");
