/**
 * What one page costs under load (issue 22, bar 1; docs/decisions/dashboard-under-load.md):
 *
 *   npx tsx --conditions=react-server scripts/bench/page-cost.ts <database url> [page …]
 *
 * against a database kept by `npm run bench -- --keep` (its newest bench organization). It starts
 * the production server from the bench's build (.next-bench; run `npm run bench -- --only=load`
 * once to make it), signs twenty of the organization's leads in with minted session cookies, and
 * loads each page (default: portfolio and notifications, under /o/<org>/) PAGE_COST_LOADS times in
 * all (default 300), twenty at a time, back to back, after 40 loads of warm-up. It prints one line
 * of JSON per page: pages a second, p50 and p95, the bytes of the page, and the CPU milliseconds a
 * page of the server (with its children) and of PostgreSQL (when it runs on this machine), read
 * from /proc as the load bench reads them.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { cpuOfTree, freePort, postmasterPid, sessionCookie, startServer } from "./processes";
import { percentiles } from "./save";

async function main() {
  const [databaseUrl, ...pages] = process.argv.slice(2);
  if (!databaseUrl) throw new Error("Usage: page-cost.ts <database url> [page …]");
  const loads = Math.max(20, Math.floor(Number(process.env.PAGE_COST_LOADS ?? 300)) || 300);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows: [org] } = await client.query<{ id: string; slug: string }>(`SELECT id, slug FROM "Organization" WHERE slug LIKE 'bench-%' ORDER BY "createdAt" DESC LIMIT 1`);
  if (!org) throw new Error("No bench organization in that database.");
  const { rows: leads } = await client.query<{ id: string; email: string; name: string }>(
    `SELECT u.id, u.email, u.name FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE m."organizationId" = $1 AND m.role = 'LEAD' ORDER BY u.email LIMIT 20`,
    [org.id],
  );
  const postgresPid = await postmasterPid(client);
  await client.end();

  const secret = randomBytes(32).toString("base64url");
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const cookies = await Promise.all(leads.map((u) => sessionCookie(secret, u)));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: process.env.BENCH_DIST_DIR ?? ".next-bench", DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: origin };
  delete env.TRADEOFF_TEST;
  const server = await startServer(env, port);
  try {
    for (const page of pages.length ? pages : ["portfolio", "notifications"]) {
      const url = `${origin}/o/${org.slug}/${page}`;
      let bytes = 0;
      const load = async (i: number) => {
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie: cookies[i % cookies.length]! } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${page}: HTTP ${res.status}`);
        bytes = Buffer.byteLength(body);
        return performance.now() - t;
      };
      for (let i = 0; i < 40; i++) await load(i);
      const server0 = cpuOfTree(server.pid!) ?? 0;
      const postgres0 = cpuOfTree(postgresPid) ?? 0;
      const t0 = performance.now();
      const latencies: number[] = [];
      let next = 0;
      await Promise.all(cookies.map(async () => {
        while (next < loads) latencies.push(await load(next++));
      }));
      const seconds = (performance.now() - t0) / 1000;
      const per = (ms: number) => Math.round((ms / loads) * 10) / 10;
      const p = percentiles(latencies);
      console.log(JSON.stringify({
        page,
        loads,
        clients: cookies.length,
        bytes,
        pagesPerSecond: Math.round((loads / seconds) * 10) / 10,
        p50Ms: p.p50,
        p95Ms: p.p95,
        serverCpuMsPerPage: per((cpuOfTree(server.pid!) ?? 0) - server0),
        postgresCpuMsPerPage: postgresPid ? per((cpuOfTree(postgresPid) ?? 0) - postgres0) : null,
      }));
    }
  } finally {
    server.kill("SIGTERM");
  }
}

await main();
