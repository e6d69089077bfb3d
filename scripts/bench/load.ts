/**
 * Load against a production server on loopback (issue 8): `next build` into its own folder
 * (.next-bench, rebuilt only when the sources change), server.ts (as `npm start` runs it) on a free loopback port
 * against the bench database, then, each phase for `seconds`:
 *
 * - saves, saturated: twenty simulated users, each a lead signed in with a minted next-auth
 *   session cookie, saving their own use cases (an edit of the assessment: validate, score,
 *   project, write, audit) through the real server action over HTTP, as the edit form posts it
 *   (Next-Action header with the action id from the build's server-reference-manifest.json, same
 *   Origin as the host), back to back with no pause: the throughput the box can give, and the
 *   latency when twenty requests always queue for two cores;
 * - saves, paced: the same twenty users pausing 1 to 3 s between saves (a fast editor), so
 *   latency is measured at a load the server can carry;
 * - the dashboard, saturated: the twenty users loading the portfolio page back to back;
 * - the dashboard while saving: the twenty paced savers, and one executive loading the
 *   dashboard over and over;
 * - saves under abuse (issue 16): the twenty paced savers while anonymous clients flood the
 *   server, back to back: two sign-up floods (each from one X-Forwarded-For address, as a proxy
 *   in front would report it; a new email and organization each time, and the costliest password
 *   to judge: 200 random characters) and two floods of
 *   oversized server-action bodies (10 MB, and 560,000 JSON keys), sent from a process of their
 *   own (scripts/bench/flood.ts). Bounded by the phase's time, loopback only. The savers' p95 is
 *   compared with the paced phase's.
 * Each user edits only its own use cases and carries the version each save returns, so there
 * should be no version conflict; any is counted (the user then reloads that use case's version
 * and goes on), as is every other failure. The server's and PostgreSQL's CPU time per request
 * (from /proc) is recorded beside the latencies, as it does not depend on what else the shared
 * machine is doing; so is the load average.
 *
 * Knobs, for looking into a figure (the defaults are what the README reports):
 *   BENCH_LOAD_SECONDS      each phase's length (default 30);
 *   BENCH_LOAD_USERS        simulated users, up to 20 (default 20; 1 gives one save at a time);
 *   BENCH_LOAD_PHASES=saves only the save phases; =dashboard only the two dashboard phases;
 *   BENCH_ABUSE_FLOODS      the abuse phase's floods, e.g. `big,keys` (default signups,big,keys);
 *   BENCH_SERVER_NODE_ARGS  extra node flags for the server (e.g. `--trace-gc`), and BENCH_SERVER_LOG
 *                           a file for its output;
 *   BENCH_SERVER_CPU_PROF   a folder: the server runs under `node --cpu-prof` and writes its
 *                           profile there when it stops (open it in Chrome's DevTools).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { buildInputsHash, buildStampPath, isBuildCurrent } from "../lib/build-cache";
import { ROOT } from "../lib/embedded-db";
import { actionResult } from "./action-result";
import { rng } from "./generate";
import { cpuOfTree, freePort, postmasterPid, sessionCookie, startServer } from "./processes";
import { percentiles, type Percentiles } from "./save";
import type { BenchOrg } from "./run";

const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";
const USERS = Math.max(1, Math.floor(Number(process.env.BENCH_LOAD_USERS ?? 20)) || 20);
const GOAL = "saves: p95 < 100 ms, zero errors";
/** BENCH_ABUSE_FLOODS: which floods the abuse phase runs (comma-separated: signups, big, keys; default all three). */
const FLOODS = (process.env.BENCH_ABUSE_FLOODS ?? "signups,big,keys").split(",").map((f) => f.trim());
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

export interface Phase {
  users: number;
  pauseMs: [number, number] | null;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: Percentiles;
  errors: number;
  conflicts: number;
  /** The first few failures, as reported. */
  errorSamples: string[];
  /** CPU milliseconds per request: the Next.js server (with its children) and PostgreSQL (all of its processes). */
  cpuMsPerRequest: { server: number | null; postgres: number | null };
  loadAverage: { before: number[]; after: number[] };
}

export interface LoadBench {
  users: number;
  build: string;
  /** Absent when BENCH_LOAD_PHASES=dashboard. */
  savesSaturated?: Phase;
  savesPaced?: Phase;
  /** Absent when BENCH_LOAD_PHASES=saves. */
  dashboardSaturated?: Phase;
  savesWhileDashboard?: Phase;
  dashboardWhileSaving?: Phase;
  savesUnderAbuse?: Phase;
  /** What the anonymous floods of the abuse phase sent, and what they got back (HTTP status → count). */
  abuse?: { signUps: { requests: number; statuses: Record<string, number>; accountsCreated: number }; oversized: { requests: number; statuses: Record<string, number>; medianMs: number } };
  goal: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function ensureBuild(env: NodeJS.ProcessEnv): Promise<string> {
  const hash = buildInputsHash();
  if (isBuildCurrent(DIST_DIR, hash)) return "current";
  process.stderr.write(`  building the app into ${DIST_DIR} (sources changed)…\n`);
  const tsconfig = readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
  const code = await run(bin("next"), ["build"], env);
  // next build may rewrite tsconfig.json; leave the working tree as it was.
  if (readFileSync(path.join(ROOT, "tsconfig.json"), "utf8") !== tsconfig) writeFileSync(path.join(ROOT, "tsconfig.json"), tsconfig);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  writeFileSync(buildStampPath(DIST_DIR), hash);
  return "rebuilt";
}

/** The id of an exported server action, from the build's manifest. */
function actionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportName && (entry.filename ?? "").replace(/\\/g, "/").endsWith(file)) return id;
  }
  throw new Error(`No server action ${exportName} of ${file} in ${DIST_DIR}/server/server-reference-manifest.json`);
}

interface Editable {
  id: string;
  version: number;
  fields: Record<string, unknown>;
}

/** A lead's use cases as the edit form would send them (the form's fields, current version). */
async function editablesOf(client: pg.Pool, organizationId: string, ownerId: string, limit: number): Promise<Editable[]> {
  const { rows } = await client.query<{ id: string; version: number; title: string; description: string; businessUnit: string; status: string; startDate: Date | null; horizonYears: number; assessment: Record<string, unknown>; externalId: string | null; manualEstimate: unknown }>(
    `SELECT id, version, title, description, "businessUnit", status::text AS status, "startDate", "horizonYears", assessment, "externalId", "manualEstimate"
       FROM "UseCase" WHERE "organizationId" = $1 AND "ownerId" = $2 AND "deletedAt" IS NULL ORDER BY id LIMIT $3`,
    [organizationId, ownerId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    fields: {
      title: r.title,
      description: r.description,
      businessUnit: r.businessUnit,
      ownerId,
      status: r.status,
      startDate: r.startDate ? new Date(r.startDate).toISOString().slice(0, 10) : null,
      horizonYears: r.horizonYears,
      assessment: r.assessment,
      externalId: r.externalId,
      manualEstimate: r.manualEstimate ?? null,
    },
  }));
}

class Recorder {
  latencies: number[] = [];
  errors = 0;
  conflicts = 0;
  samples: string[] = [];
  started = performance.now();
  cpu0: { server: number | null; postgres: number | null };
  load0 = os.loadavg().map((x) => Math.round(x * 10) / 10);
  constructor(
    private readonly pids: { server: number | null; postgres: number | null },
    readonly users: number,
    readonly pauseMs: [number, number] | null,
  ) {
    this.cpu0 = { server: cpuOfTree(pids.server), postgres: cpuOfTree(pids.postgres) };
  }
  fail(what: string) {
    this.errors++;
    if (this.samples.length < 5) this.samples.push(what.slice(0, 300));
  }
  phase(): Phase {
    const seconds = (performance.now() - this.started) / 1000;
    const per = (now: number | null, before: number | null) => (now === null || before === null || !this.latencies.length ? null : Math.round(((now - before) / this.latencies.length) * 10) / 10);
    return {
      users: this.users,
      pauseMs: this.pauseMs,
      seconds: Math.round(seconds * 10) / 10,
      requests: this.latencies.length,
      perSecond: Math.round((this.latencies.length / seconds) * 10) / 10,
      latencyMs: percentiles(this.latencies),
      errors: this.errors,
      conflicts: this.conflicts,
      errorSamples: this.samples,
      cpuMsPerRequest: { server: per(cpuOfTree(this.pids.server), this.cpu0.server), postgres: per(cpuOfTree(this.pids.postgres), this.cpu0.postgres) },
      loadAverage: { before: this.load0, after: os.loadavg().map((x) => Math.round(x * 10) / 10) },
    };
  }
}

export async function benchLoad(opts: { databaseUrl: string; org: BenchOrg; seconds?: number }): Promise<LoadBench> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_LOAD_SECONDS ?? 30);
  const secret = randomBytes(32).toString("base64url");
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: opts.databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: origin };
  // The floods each claim one X-Forwarded-For address, as a proxy in front would report it: so one is configured.
  env.TRUSTED_PROXY_HOPS = "1";
  delete env.TRADEOFF_TEST;
  const build = await ensureBuild(env);
  const updateAction = actionId("app/o/[org]/use-cases/actions.ts", "updateUseCase");
  const signUpAction = actionId("app/(auth)/sign-up/actions.ts", "signUp");
  const server = await startServer(env, port);
  // A pool: the twenty users read their use cases at once (one client would queue them, and pg
  // deprecates overlapping queries on one client).
  const client = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  try {
    // A session cookie with the claims a real sign-in gives.
    const cookieFor = (u: { id: string; email: string; name: string }) => sessionCookie(secret, u);
    const users = await Promise.all(
      opts.org.leads.slice(0, USERS).map(async (lead, i) => ({ lead, cookie: await cookieFor(lead), cases: await editablesOf(client, opts.org.id, lead.id, 200), r: rng(100 + i) })),
    );
    const adminCookie = await cookieFor(opts.org.admin);
    const dashboardUrl = `${origin}/o/${opts.org.slug}/portfolio`;

    const save = async (u: (typeof users)[number], n: number, rec: Recorder) => {
      const uc = u.cases[n % u.cases.length]!;
      const assessment = { ...(uc.fields.assessment as Record<string, unknown>), monthlyCalls: Math.floor(10 ** (3 + u.r() * 4)) };
      const body = JSON.stringify([opts.org.slug, { ...uc.fields, assessment, id: uc.id, expectedVersion: uc.version }]);
      const t = performance.now();
      try {
        const res = await fetch(`${origin}/o/${opts.org.slug}/use-cases/${uc.id}/edit`, {
          method: "POST",
          headers: { "next-action": updateAction, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin, cookie: u.cookie },
          body,
        });
        const text = await res.text();
        rec.latencies.push(performance.now() - t);
        const result = actionResult(text);
        if (res.status !== 200 || !result) return rec.fail(`HTTP ${res.status}: ${text.slice(0, 200)}`);
        if (result.ok) {
          uc.version = result.data!.version!;
          uc.fields.assessment = assessment;
        } else if (result.code === "CONFLICT") {
          rec.conflicts++;
          const { rows } = await client.query<{ version: number }>(`SELECT version FROM "UseCase" WHERE id = $1`, [uc.id]);
          uc.version = rows[0]!.version;
        } else rec.fail(`${result.code}: ${result.message}`);
      } catch (err) {
        rec.latencies.push(performance.now() - t);
        rec.fail(String(err));
      }
    };
    const view = async (cookie: string, rec: Recorder) => {
      const t = performance.now();
      try {
        const res = await fetch(dashboardUrl, { headers: { cookie } });
        const html = await res.text();
        rec.latencies.push(performance.now() - t);
        if (res.status !== 200 || !html.includes("Recommended against chosen")) rec.fail(`HTTP ${res.status}: ${html.slice(0, 200)}`);
      } catch (err) {
        rec.latencies.push(performance.now() - t);
        rec.fail(String(err));
      }
    };
    const until = (end: number, fn: (n: number) => Promise<void>) =>
      (async () => {
        for (let n = 0; performance.now() < end; n++) await fn(n);
      })();

    const pids = { server: server.pid ?? null, postgres: await postmasterPid(client) };
    const PACE: [number, number] = [1000, 3000];
    const pause = (r: () => number) => new Promise((resolve) => setTimeout(resolve, PACE[0] + r() * (PACE[1] - PACE[0])));

    // Warm-up: compile paths, open pools (not counted).
    for (let i = 0; i < 3; i++) await Promise.all(users.slice(0, 4).map((u) => save(u, i, new Recorder(pids, 0, null))));
    for (let i = 0; i < 3; i++) await view(adminCookie, new Recorder(pids, 0, null));

    if (process.env.BENCH_LOAD_PHASES === "dashboard") {
      const { dashboardSaturated, savesWhileDashboard, dashboardWhileSaving } = await dashboardPhases();
      return { users: USERS, build, dashboardSaturated, savesWhileDashboard, dashboardWhileSaving, goal: GOAL } as LoadBench;
    }
    process.stderr.write(`  load: ${USERS} users saving back to back for ${seconds} s…\n`);
    const savesSaturated = new Recorder(pids, USERS, null);
    let end = performance.now() + seconds * 1000;
    await Promise.all(users.map((u) => until(end, (n) => save(u, n + 3, savesSaturated))));
    const savesSaturatedPhase = savesSaturated.phase();

    process.stderr.write(`  load: ${USERS} users saving every 1-3 s for ${seconds} s…\n`);
    const savesPaced = new Recorder(pids, USERS, PACE);
    end = performance.now() + seconds * 1000;
    await Promise.all(users.map((u) => until(end, async (n) => {
      await pause(u.r);
      if (performance.now() < end) await save(u, n + 10_000, savesPaced);
    })));
    const savesPacedPhase = savesPaced.phase();

    process.stderr.write(`  load: ${USERS} users saving every 1-3 s while anonymous clients flood sign-ups and oversized bodies, ${seconds} s…\n`);
    const abused = new Recorder(pids, USERS, PACE);
    const usersBefore = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "User"`)).rows[0]!.n);
    // The floods run in a process of their own (scripts/bench/flood.ts): on this machine, not in the savers' event loop.
    const flooder = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "bench", "flood.ts"), JSON.stringify({ origin, action: signUpAction, seconds, floods: FLOODS })], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let flooderOut = "";
    const flooded = new Promise<void>((resolve) => flooder.on("exit", () => resolve()));
    await new Promise<void>((resolve) =>
      flooder.stdout!.on("data", (d: Buffer) => {
        flooderOut += d.toString();
        if (flooderOut.startsWith("ready\n")) resolve();
      }),
    );
    // The savers' phase starts with the floods' clock.
    end = performance.now() + seconds * 1000;
    await Promise.all([
      ...users.map((u) => until(end, async (n) => {
        await pause(u.r);
        if (performance.now() < end) await save(u, n + 30_000, abused);
      })),
      flooded,
    ]);
    const abusedPhase = abused.phase();
    // Attackers share the CPU with the savers: here the CPU per save includes the floods' share.
    const sent = JSON.parse(flooderOut.trim().split("\n").pop() || "null") as { signUps: { requests: number; statuses: Record<string, number> }; oversized: { requests: number; statuses: Record<string, number>; medianMs: number } } | null;
    if (!sent) throw new Error("the floods' process reported nothing");
    const accountsCreated = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "User"`)).rows[0]!.n) - usersBefore;
    const abuse = { signUps: { ...sent.signUps, accountsCreated }, oversized: sent.oversized };

    if (process.env.BENCH_LOAD_PHASES === "saves") return { users: USERS, build, savesSaturated: savesSaturatedPhase, savesPaced: savesPacedPhase, savesUnderAbuse: abusedPhase, abuse, goal: GOAL } as LoadBench;
    return { users: USERS, build, savesSaturated: savesSaturatedPhase, savesPaced: savesPacedPhase, ...(await dashboardPhases()), savesUnderAbuse: abusedPhase, abuse, goal: GOAL };

    // Issue 22, bar 1: twenty executives reloading the portfolio back to back, then paced saves beside one.
    async function dashboardPhases(): Promise<Pick<LoadBench, "dashboardSaturated" | "savesWhileDashboard" | "dashboardWhileSaving">> {
      process.stderr.write(`  load: ${USERS} users loading the dashboard back to back for ${seconds} s…\n`);
      const dash = new Recorder(pids, USERS, null);
      let end = performance.now() + seconds * 1000;
      await Promise.all(users.map((u) => until(end, () => view(u.cookie, dash))));
      const dashPhase = dash.phase();

      process.stderr.write(`  load: ${USERS} users saving every 1-3 s while an executive loads the dashboard, ${seconds} s…\n`);
      const mixedSaves = new Recorder(pids, USERS, PACE);
      const mixedDash = new Recorder(pids, 1, null);
      end = performance.now() + seconds * 1000;
      await Promise.all([
        ...users.map((u) => until(end, async (n) => {
          await pause(u.r);
          if (performance.now() < end) await save(u, n + 20_000, mixedSaves);
        })),
        until(end, () => view(adminCookie, mixedDash)),
      ]);
      const mixedSavesPhase = mixedSaves.phase();
      const mixedDashPhase = mixedDash.phase();
      // The two mixed phases share the CPU; per request of each is not separable.
      mixedSavesPhase.cpuMsPerRequest = { server: null, postgres: null };
      mixedDashPhase.cpuMsPerRequest = { server: null, postgres: null };
      return { dashboardSaturated: dashPhase, savesWhileDashboard: mixedSavesPhase, dashboardWhileSaving: mixedDashPhase };
    }
  } finally {
    await client.end();
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  }
}
