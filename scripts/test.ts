/**
 * `npm test`: every test against a real PostgreSQL, in a throwaway database.
 *   1. the server: DATABASE_URL's, or the embedded test cluster in .data/pg-test;
 *   2. a fresh database for this run, migrated;
 *   3. unit and integration tests (Vitest);
 *   4. a production build (in .next-e2e, so a running `npm start` is not disturbed), made while
 *      step 3 runs, and the browser tests (Playwright) against it;
 *   5. the database is dropped.
 * Flags: --unit (Vitest only), --e2e (Playwright only); other arguments go to the runner(s),
 * e.g. `npm test -- --e2e e2e/auth.spec.ts`.
 */
import { spawn } from "node:child_process";
import { dropDatabase, EmbeddedClusterError, ensureDatabase, ROOT, startEmbedded, testCluster, urlFor } from "./lib/embedded-db";
import { migrate } from "./lib/migrate";

const args = process.argv.slice(2);
const onlyUnit = args.includes("--unit");
const onlyE2e = args.includes("--e2e");
const rest = args.filter((a) => a !== "--unit" && a !== "--e2e");

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Runs a command with its output kept aside (so it does not cut through another runner's report),
 * and resolves with its exit code and what it printed.
 */
function runQuietly(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString("utf8") }));
  });
}

const bin = (name: string) => `${ROOT}/node_modules/.bin/${name}`;

async function main(): Promise<number> {
  let serverUrl: string;
  let stopCluster = async () => {};
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
    console.log("Tests use DATABASE_URL's server, in a throwaway database.");
  } else {
    const cluster = await startEmbedded(testCluster()).catch((err: unknown) => {
      if (!(err instanceof EmbeddedClusterError)) throw err;
      console.error(err.message);
      process.exit(1);
    });
    serverUrl = cluster.serverUrl;
    stopCluster = cluster.stop;
    console.log("Tests use the embedded PostgreSQL (.data/pg-test), in a throwaway database.");
  }
  const name = `tradeoff_test_${process.pid}_${Date.now()}`;
  await ensureDatabase(serverUrl, name);
  const url = urlFor(serverUrl, name);
  try {
    await migrate(url);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-secret-not-for-production-0123456789",
      TRADEOFF_TEST: "1",
    };
    let failed = 0;
    const port = env.E2E_PORT ?? "3100";
    const e2eEnv: NodeJS.ProcessEnv = { ...env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e", NEXTAUTH_URL: `http://127.0.0.1:${port}`, E2E_PORT: port };
    // The production build the browser tests need touches no database, so it runs while Vitest
    // does (Vitest runs one file at a time and waits on PostgreSQL much of it): on a 2-core
    // machine that takes most of the build's minute and a half off the run. Its output is
    // printed once Vitest has finished.
    let building: Promise<{ code: number; output: string }> | null = null;
    if (!onlyUnit) {
      console.log(`Building the app for the browser tests${onlyE2e ? "" : ", beside the unit tests"}…`);
      building = runQuietly(bin("next"), ["build"], e2eEnv);
    }
    if (!onlyE2e) {
      const code = await run(bin("vitest"), ["run", ...rest.filter((a) => !a.startsWith("e2e/"))], env);
      if (code !== 0) failed = code;
    }
    if (building) {
      const build = await building;
      console.log(`The build for the browser tests ${build.code === 0 ? "finished" : "failed"}:`);
      process.stdout.write(build.output);
      if (build.code !== 0) return build.code;
      const code = await run(bin("playwright"), ["test", ...rest.filter((a) => !a.startsWith("lib/") && !a.startsWith("tests/"))], e2eEnv);
      if (code !== 0) failed = code;
    }
    return failed;
  } finally {
    await dropDatabase(serverUrl, name).catch((e) => console.error("Could not drop the test database:", e));
    await stopCluster();
  }
}

process.exit(await main());
