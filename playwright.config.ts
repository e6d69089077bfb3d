import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Browser tests run against a production build served by server.ts (as `npm start` serves it) on E2E_PORT, with the
 * database that scripts/test.ts prepared (DATABASE_URL). The browser: CHROMIUM_PATH when set,
 * else the system Chromium when present, else Playwright's own (npx playwright install).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
/** A second app server on the same build and database, and a round-robin balancer in front of both (e2e/two-servers.spec.ts). */
export const secondPort = port + 500;
export const balancerPort = port + 1000;
/** The second server's worker processes (server.ts, WEB_CONCURRENCY). */
export const SECOND_SERVER_WORKERS = 2;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const executablePath = process.env.CHROMIUM_PATH || systemChromium;
/** The real SMTP server the app mails through during the journeys (scripts/smtp-sink.ts). */
const mailSinkPort = Number(process.env.MAIL_SINK_PORT ?? port + 20000);
export const MAIL_SINK_DIR = process.env.MAIL_SINK_DIR ?? join(import.meta.dirname, ".data", `e2e-mail-${port}`);
const stringEnv = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === "string"));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // Two browsers at once (E2E_WORKERS to change it): each journey makes its own organizations and
  // people, so they do not meet; on a 2-core machine this takes about a third off the run.
  workers: Math.max(1, Number(process.env.E2E_WORKERS ?? 2) || 2),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A failed test keeps its trace: every action with the page's DOM before and after it, the
    // network and the console. Not the screencast: its frames cost about a fifth of the journeys'
    // CPU (every-page, portfolio and cost-feasibility: 84-87 s of CPU without them, 97-109 s with
    // them, on two cores). E2E_TRACE=full records them too; E2E_TRACE=off records nothing.
    trace:
      process.env.E2E_TRACE === "off"
        ? "off"
        : { mode: "retain-on-failure", screenshots: process.env.E2E_TRACE === "full", snapshots: true, sources: true },
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // The demo organization that the every-page walk reads, seeded once (e2e/demo.setup.ts).
    { name: "demo", testMatch: /demo\.setup\.ts$/ },
    // Its roles' walks are independent of one another, so they spread over the workers.
    // The narrow-screen walk (e2e/narrow-screens.spec.ts) reads the same demo organization.
    { name: "every-page", testMatch: /(every-page|narrow-screens)\.spec\.ts$/, dependencies: ["demo"], fullyParallel: true },
    { name: "app", testIgnore: /two-servers\.spec\.ts$|every-page\.spec\.ts$|narrow-screens\.spec\.ts$/ },
    // Everything a second server must agree on, through both servers and the balancer.
    { name: "two-servers", testMatch: /two-servers\.spec\.ts$/ },
  ],
  webServer: [
    {
      command: `rm -rf "${MAIL_SINK_DIR}" && npx tsx scripts/smtp-sink.ts`,
      port: mailSinkPort,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { ...stringEnv, MAIL_SINK_PORT: String(mailSinkPort), MAIL_SINK_DIR },
    },
    // The second server runs as two worker processes on its port (WEB_CONCURRENCY, server.ts), so
    // everything the two servers must agree on holds across processes on one port too.
    ...[port, secondPort].map((p) => ({
      command: `node --import tsx server.ts -p ${p} -H 127.0.0.1`,
      url: `http://127.0.0.1:${p}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: {
        ...stringEnv,
        SMTP_URL: `smtp://127.0.0.1:${mailSinkPort}`,
        MAIL_FROM: "Tradeoff <tradeoff@e2e.test>",
        WEB_CONCURRENCY: p === secondPort ? String(SECOND_SERVER_WORKERS) : "1",
      },
    })),
    {
      command: `node e2e/support/balancer.mjs`,
      url: `http://127.0.0.1:${balancerPort}/api/health`,
      env: { BALANCER_PORT: String(balancerPort), UPSTREAMS: `127.0.0.1:${port},127.0.0.1:${secondPort}` },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    },
  ],
});
