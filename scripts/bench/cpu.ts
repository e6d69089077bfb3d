/**
 * CPU time spent by the PostgreSQL server the bench runs against, when it runs on this machine
 * (the embedded cluster, or any local one started with `-p <port>`): the postmaster found by its
 * port in /proc, and every process it started (backends, workers). Linux only; null elsewhere or
 * for a server on another machine. The import's verdict prints it beside this process's own CPU,
 * so the bench says which side its seconds went to (docs/decisions/csv-import.md).
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks a second for /proc's utime and stime (USER_HZ: 100 on every Linux that runs this). */
const TICKS = 100;

interface Proc { pid: number; ppid: number; ticks: number }

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields after it are space-separated.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by the local PostgreSQL listening on `port`, or null if none is found. */
export function postgresCpuSeconds(port: number): number | null {
  if (process.platform !== "linux") return null;
  let postmaster: number | null = null;
  const all: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const p = readProc(pid);
    if (!p) continue;
    all.push(p);
    if (postmaster === null) {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        const at = args.indexOf("-p");
        if (args[0]?.endsWith("/postgres") && at >= 0 && Number(args[at + 1]) === port) postmaster = pid;
      } catch {
        // A process that ended while we looked.
      }
    }
  }
  if (postmaster === null) return null;
  const ticks = all.filter((p) => p.pid === postmaster || p.ppid === postmaster).reduce((sum, p) => sum + p.ticks, 0);
  return ticks / TICKS;
}

/** This process's CPU seconds so far (user and system, every thread: the garbage collector's too). */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
