import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import net from "node:net";
import { assertReachableByPostgresUser, EmbeddedClusterError, ROOT, startEmbedded } from "./embedded-db";

const base = mkdtempSync(path.join(os.tmpdir(), "reach-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("the project folder, as the postgres user sees it when started as root", () => {
  it("names the folder on the way that others may not enter, and what to do", () => {
    const closed = path.join(base, "closed");
    mkdirSync(path.join(closed, "project"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(closed, 0o700);
    expect(() => assertReachableByPostgresUser(path.join(closed, "project"))).toThrow(`cannot enter ${closed}. Allow it (chmod o+x ${closed})`);
    expect(() => assertReachableByPostgresUser(path.join(closed, "project"))).toThrow(EmbeddedClusterError);
  });

  it("lets a folder everyone may enter through", () => {
    const open = path.join(base, "open");
    mkdirSync(path.join(open, "project"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(open, 0o755);
    expect(() => assertReachableByPostgresUser(path.join(open, "project"))).not.toThrow();
  });
});

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a second copy of the project on the same port", () => {
  it("is refused, naming the folder whose database it would have used; the same folder is reused", async () => {
    // Before, a second clone's `npm start` found the first clone's cluster on port 54329, took it
    // for its own, and re-scored the first clone's demo with its own (older) cost engine.
    const first = path.join(base, "first", ".data", "pg");
    const second = path.join(base, "second", ".data", "pg");
    mkdirSync(path.dirname(first), { recursive: true });
    for (const dir of [base, path.join(base, "first"), path.join(base, "first", ".data")]) chmodSync(dir, 0o755);
    const port = await freePort();
    const cluster = await startEmbedded({ dir: first, port, quiet: true });
    try {
      await expect(startEmbedded({ dir: second, port, quiet: true })).rejects.toThrow(
        `Port ${port} is already served by the embedded PostgreSQL of another copy of the project (its data in ${first}), so this copy (${second}) would use that copy's database.`,
      );
      await expect(startEmbedded({ dir: second, port, quiet: true })).rejects.toBeInstanceOf(EmbeddedClusterError);
      const again = await startEmbedded({ dir: first, port, quiet: true });
      expect(again.serverUrl).toBe(cluster.serverUrl);
      // `npm start` in this copy, pointed at that port, says so in a line and stops: no stack trace.
      const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_PORT: String(port) };
      delete env.DATABASE_URL;
      const start = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/start.ts"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
      expect(start.status).toBe(1);
      expect(start.stderr).toContain(`Port ${port} is already served by the embedded PostgreSQL of another copy of the project (its data in ${first})`);
      expect(start.stderr).not.toContain("    at ");
    } finally {
      await cluster.stop();
    }
  }, 120_000);
});
