/**
 * Processes on this machine, for the benches that start a server (load.ts, page-cost.ts): a free
 * loopback port, the CPU a process tree has used (from /proc), and the PostgreSQL server's pid.
 */
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type pg from "pg";

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

