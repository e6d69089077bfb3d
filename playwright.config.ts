import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Browser tests run against a production build served by `next start` on E2E_PORT, with the
 * database that scripts/test.ts prepared (DATABASE_URL). The browser: CHROMIUM_PATH when set,
 * else the system Chromium when present, else Playwright's own (npx playwright install).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const executablePath = process.env.CHROMIUM_PATH || systemChromium;
/** The real SMTP server the app mails through during the journeys (scripts/smtp-sink.ts). */
const mailSinkPort = Number(process.env.MAIL_SINK_PORT ?? port + 20000);
export const MAIL_SINK_DIR = process.env.MAIL_SINK_DIR ?? join(import.meta.dirname, ".data", `e2e-mail-${port}`);
const stringEnv = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === "string"));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
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
    {
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { ...stringEnv, SMTP_URL: `smtp://127.0.0.1:${mailSinkPort}`, MAIL_FROM: "Tradeoff <tradeoff@e2e.test>" },
    },
  ],
});
