/**
 * `npm start`: the app at http://localhost:3000 with nothing else to install.
 *   - PostgreSQL: DATABASE_URL's when set, else the embedded one (data kept in .data/pg);
 *   - migrations applied, the demo organization seeded once (embedded database only, never in production), scores older than the frameworks re-scored;
 *   - a production build, rebuilt only when the sources changed;
 *   - Ctrl-C stops the app and the embedded PostgreSQL cleanly.
 * The server is server.ts (Next.js behind the body gate); `npm run dev` does the same with `next dev`.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildInputsHash, buildStampPath, isBuildCurrent } from "./lib/build-cache";
import { resolveDatabase } from "./lib/database";
import { EmbeddedClusterError, ROOT } from "./lib/embedded-db";
import { migrate } from "./lib/migrate";
import { rescoreOutdated } from "./lib/rescore";
import { ensureAuthSecret } from "./lib/secret";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./lib/seed-demo";
import { demoSeedAllowed, localOutboxAllowed } from "./lib/seed-policy";

const dev = process.argv.includes("--dev");
if (existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "localhost";
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main() {
  const secret = ensureAuthSecret();
  const db = await resolveDatabase().catch((err: unknown) => {
    if (!(err instanceof EmbeddedClusterError)) throw err;
    console.error(err.message);
    process.exit(1);
  });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await db.stop().catch(() => {});
    process.exit(code);
  };
  try {
    console.log(db.embedded ? "PostgreSQL: embedded (data in .data/pg)." : "PostgreSQL: DATABASE_URL.");
    const applied = await migrate(db.url, (m) => console.log(m));
    if (applied.length === 0) console.log("Database schema is up to date.");
    // The address mail links to, the seed's notification mails included (they linked to :3000 whatever PORT said).
    process.env.NEXTAUTH_URL ??= `http://${host}:${port}`;
    const policy = demoSeedAllowed({ embedded: db.embedded, nodeEnv: process.env.NODE_ENV });
    const seeded = policy.seed && (await seedDemo(db.url));
    if (seeded) console.log("Seeded the demo organization.");
    if (!policy.seed) console.log(policy.why);
    await rescoreOutdated(db.url, (m) => console.log(m));

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL,
      ...(localOutboxAllowed({ embedded: db.embedded, nodeEnv: process.env.NODE_ENV, smtpUrl: process.env.SMTP_URL }) ? { TRADEOFF_LOCAL_OUTBOX: "1" } : {}),
    };
    if (!dev) {
      const distDir = process.env.NEXT_DIST_DIR || ".next";
      const hash = buildInputsHash();
      if (isBuildCurrent(distDir, hash)) {
        console.log("Production build is current; not rebuilding.");
      } else {
        console.log("Building the app (first start, or the sources changed)…");
        const code = await run(bin("next"), ["build"], env);
        if (code !== 0) return shutdown(code);
        writeFileSync(buildStampPath(distDir), hash);
      }
    }
    // Production: server.ts, Next.js behind the body gate (lib/server/body-gate.ts); development: next dev.
    const [cmd, args] = dev ? [bin("next"), ["dev", "-p", port, "-H", host]] : [process.execPath, ["--import", "tsx", "server.ts", "-p", port, "-H", host]];
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["inherit", "pipe", "inherit"] });
    let announced = false;
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
        announced = true;
        console.log(`\n  Tradeoff is running at http://${host}:${port}\n`);
        if (policy.seed) {
          console.log("  Demo sign-ins (password for all: " + DEMO_PASSWORD + "):");
          for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(9)} ${u.email}`);
        }
        console.log("\n  Press Ctrl-C to stop.\n");
      }
    });
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      process.on(sig, () => {
        child.kill(sig);
      });
    }
    child.on("exit", (code) => void shutdown(code ?? 0));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}

await main();
