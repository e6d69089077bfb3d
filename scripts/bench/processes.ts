/**
 * Processes on this machine, for the benches that start a server (load.ts, page-cost.ts): the
 * production server itself and a session cookie for it, a free loopback port, the CPU a process
 * tree has used (from /proc), and the PostgreSQL server's pid.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type pg from "pg";
import { newSessionClaims } from "@/lib/server/sessions";
import { ROOT } from "../lib/embedded-db";

/** A next-auth session cookie with the claims a real sign-in gives, for a server started with `secret`. */
export async function sessionCookie(secret: string, u: { id: string; email: string; name: string }): Promise<string> {
  return `next-auth.session-token=${await encode({ secret, token: { sub: u.id, uid: u.id, email: u.email, name: u.name, ...newSessionClaims() }, maxAge: 60 * 60 })}`;
}

/**
 * The production server, as `npm start` runs it (server.ts: Next.js behind the body gate), on
 * 127.0.0.1:`port` with `env`, once it answers /api/health. Knobs: BENCH_SERVER_CPU_PROF (a folder
 * for a CPU profile), BENCH_SERVER_NODE_ARGS (more node flags), BENCH_SERVER_LOG (a file for its output).
 */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const prof = process.env.BENCH_SERVER_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_SERVER_CPU_PROF] : [];
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  // The production server, as `npm start` runs it (server.ts: Next.js behind the body gate).
  const child = spawn(process.execPath, [...prof, ...nodeArgs, "--import", "tsx", path.join(ROOT, "server.ts"), "-p", String(port), "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  if (process.env.BENCH_SERVER_LOG) {
    const file = process.env.BENCH_SERVER_LOG;
    writeFileSync(file, "");
    for (const s of [child.stdout!, child.stderr!]) s.on("data", (d: Buffer) => appendFileSync(file, d));
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${log.slice(-2000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`the server did not answer within 60 s: ${log.slice(-2000)}`);
}

/** CPU milliseconds used so far by a process and its descendants (those still running, and those reaped). */
export function cpuOfTree(rootPid: number | null): number | null {
  if (!rootPid) return null;
  try {
    const stats = new Map<number, { ppid: number; ms: number }>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const f = readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]!.split(" ");
        // fields after "(comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14), in clock ticks (100 a second)
        stats.set(Number(name), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10 });
      } catch {
        // gone meanwhile
      }
    }
    let total = 0;
    const inTree = (pid: number): boolean => {
      for (let p = pid, depth = 0; p > 1 && depth < 20; p = stats.get(p)?.ppid ?? 0, depth++) if (p === rootPid) return true;
      return false;
    };
    for (const [pid, s] of stats) if (inTree(pid)) total += s.ms;
    return total;
  } catch {
    return null;
  }
}

/**
 * The pid of the PostgreSQL server the bench's database is on, from its data folder's
 * postmaster.pid (readable when that server runs on this machine: the embedded bench cluster, or
 * another local one named by DATABASE_URL); null for a server elsewhere.
 */
export async function postmasterPid(client: pg.Pool | pg.Client): Promise<number | null> {
  try {
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return Number(readFileSync(path.join(rows[0]!.dir, "postmaster.pid"), "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

