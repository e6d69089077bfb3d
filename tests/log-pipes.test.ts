/**
 * The production server when the reader of its log goes away (lib/server/log-pipes.ts): it keeps
 * answering and stays idle. Before, the next line logged failed with EPIPE, the uncaught error was
 * logged, which failed again, and the server spun on a core and answered nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
let child: ChildProcess | null = null;

afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});

/** Starts the stand-in, waits until it listens, then closes both of its log pipes. */
async function startThenCloseItsLog(guard: boolean): Promise<number> {
  child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/fixtures/log-pipe-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, LOG_GUARD: guard ? "on" : "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child!.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child!.on("exit", (code) => reject(new Error(`the stand-in exited (${code})`)));
  });
  child.stdout!.destroy();
  child.stderr!.destroy();
  return port;
}

/** CPU milliseconds the process has used (Linux: /proc). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const ask = (port: number) =>
  fetch(`http://127.0.0.1:${port}/x`, { signal: AbortSignal.timeout(2_000) }).then(
    async (r) => `${r.status} ${await r.text()}`,
    () => "no answer",
  );

describe("a closed log pipe", () => {
  it("leaves the server answering and idle", { timeout: 30_000 }, async () => {
    const port = await startThenCloseItsLog(true);
    // Each request logs a line into the closed pipe.
    expect([await ask(port), await ask(port), await ask(port)]).toEqual(["200 ok", "200 ok", "200 ok"]);
    const before = cpuMs(child!.pid!);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(cpuMs(child!.pid!) - before).toBeLessThan(300);
    expect(child!.exitCode).toBeNull();
  });

  it("without the guard, the same server spins on a core (what the guard prevents)", { timeout: 30_000 }, async () => {
    const port = await startThenCloseItsLog(false);
    await ask(port);
    const before = cpuMs(child!.pid!);
    await new Promise((r) => setTimeout(r, 2_000));
    // Failing to log the failure to log, again and again. (The real server, whose error reports
    // cost far more, stopped answering altogether.) Over two seconds, so that a machine busy with
    // other tests (npm test runs the browser journeys beside Vitest) still gives it a fair share
    // of a core: a quarter of one is still far above the guarded server's idle.
    expect(cpuMs(child!.pid!) - before).toBeGreaterThan(500);
  });

  it("is the first thing the production server does, before Next.js is loaded", () => {
    const source = readFileSync(path.join(ROOT, "server.ts"), "utf8");
    const guard = source.indexOf("\nkeepServingWhenLogReaderCloses();");
    expect(guard).toBeGreaterThan(0);
    expect(guard).toBeLessThan(source.indexOf('await import("next")'));
  });
});
