/**
 * The read replica's circuit breaker, its line in GET /api/health, and reads under
 * synchronous_commit = off (lib/server/replica.ts, docs/decisions/read-replica.md), against a real
 * streaming replica of an embedded cluster (tests/helpers/streaming-replica.ts), one pair for the file.
 *
 * - after a read finds the replica unhealthy, the next reads skip it at once, silently, for
 *   DATABASE_REPLICA_RETRY_MS; both kinds of read share the breaker;
 * - after the window one read tries it (others keep to the primary meanwhile): back, it is used
 *   again; still down, it is skipped for another window, with one more warning;
 * - no free export connection is load, not ill health: the breaker stays closed;
 * - DATABASE_REPLICA_RETRY_MS=0 turns the breaker off;
 * - /api/health: no replica key when none is configured; up, behind, down; never a 503 for it;
 *   checks that arrive together share one measurement;
 * - a write committed with synchronous_commit = off, not yet flushed, is seen by the replica read
 *   that follows it; after a WAL switch on a quiet primary the position is one the replica reaches.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db, Prisma } from "@/lib/server/db";
import { cursorCsvStream } from "@/lib/server/export/cursor-stream";
import { closeExportPool } from "@/lib/server/export/pool";
import { computeOverview } from "@/lib/server/portfolio/overview";
import { closeReplicaClient, primaryPosition, replicaReadCounts, resetReplicaBreaker } from "@/lib/server/replica";
import { forgetScopeProbe } from "@/lib/server/rls";
import pkg from "@/package.json";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { holdOneExportConnection } from "./helpers/replica-export";
import { startStreamingPair, type StreamingPair } from "./helpers/streaming-replica";

const YEAR = 2027;
let pair: StreamingPair;
let a: TestOrg;

beforeAll(async () => {
  pair = await startStreamingPair();
  process.env.DATABASE_URL = pair.primaryUrl;
  delete process.env.DATABASE_REPLICA_URL;
  process.env.DATABASE_REPLICA_WAIT_MS = "1000";
  delete process.env.DATABASE_REPLICA_RETRY_MS;
  forgetScopeProbe();
  a = await createTestOrg("brkr");
  await insertUseCaseWithCosts(a.id, { title: "Claims triage", businessUnit: "Claims", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [100_00] } } });
  await pair.caughtUp();
}, 60_000);

beforeEach(() => {
  resetReplicaBreaker();
  process.env.DATABASE_REPLICA_URL = pair.replicaUrl;
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  // Every test leaves the replica running, caught up, and the breaker closed.
  await pair.startReplica();
  await pair.caughtUp();
  resetReplicaBreaker();
});

afterAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  await pair?.destroy();
  await Promise.all([closeExportPool(), closeReplicaClient(), db.$disconnect()]).catch(() => {});
});

const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const warnings = () => vi.spyOn(console, "warn").mockImplementation(() => {});
const lines = (spy: ReturnType<typeof warnings>) => spy.mock.calls.map((c) => String(c[0]));
const SKIPPING = /^\[replica\] Skipping the replica until (\S+) \(DATABASE_REPLICA_RETRY_MS=\d+\)/;

/** An export's answer: "true" when it read on the replica, "false" on the primary. */
const exportReadsOnStandby = (organizationId = a.id) =>
  text(
    cursorCsvStream<{ standby: boolean }>({
      name: "breaker probe",
      organizationId,
      head: "",
      query: Prisma.sql`SELECT pg_is_in_recovery() AS standby`,
      createFormatter: () => (r) => String(r.standby),
    }),
  );

/** The dashboard's computation; which server answered, from the counts. */
async function dashboardReadsOn(): Promise<"replica" | "primary"> {
  const before = replicaReadCounts().dashboard;
  await computeOverview(a.id, EMPTY_FILTER, YEAR);
  const after = replicaReadCounts().dashboard;
  return after.replica > before.replica ? "replica" : "primary";
}

/** Pooled connections to the replica, open and idle, as a replica that vanishes leaves them. */
async function warmReplicaPools() {
  expect(await exportReadsOnStandby()).toBe("true");
  expect(await dashboardReadsOn()).toBe("replica");
}

describe("the circuit breaker", () => {
  it("frozen replica: the first read waits and falls back, then reads of both kinds skip it at once, with one warning for the whole window", async () => {
    vi.stubEnv("DATABASE_REPLICA_RETRY_MS", "60000");
    await warmReplicaPools();
    const warn = warnings();
    vi.spyOn(console, "error").mockImplementation(() => {});
    pair.freezeReplica();
    try {
      const first = Date.now();
      expect(await exportReadsOnStandby()).toBe("false");
      expect(Date.now() - first, "the first read paid the wait").toBeGreaterThanOrEqual(900);
      expect(lines(warn)).toHaveLength(2);
      expect(lines(warn)[0]).toBe("[replica] The export read runs on the primary: the replica failed (no answer in 1000 ms).");
      const until = Date.parse(SKIPPING.exec(lines(warn)[1]!)![1]!);
      expect(until - Date.now()).toBeGreaterThan(50_000);

      const before = replicaReadCounts();
      const started = Date.now();
      const where = [await dashboardReadsOn(), await exportReadsOnStandby(), await dashboardReadsOn(), await exportReadsOnStandby(), await dashboardReadsOn()];
      const elapsed = Date.now() - started;
      expect(where).toEqual(["primary", "false", "primary", "false", "primary"]);
      // Each would wait 1000 ms for the frozen replica without the breaker (5 s in all); the margin
      // is for a loaded machine, where five small reads on the primary once took 522 ms.
      expect(elapsed, "five reads while the breaker is open, the replica frozen, wait 1000 ms").toBeLessThan(2500);
      const after = replicaReadCounts();
      expect(after.dashboard).toEqual({ replica: before.dashboard.replica, primary: before.dashboard.primary + 3 });
      expect(after.export).toEqual({ replica: before.export.replica, primary: before.export.primary + 2 });
      expect(lines(warn), "no warning per skipped read").toHaveLength(2);
    } finally {
      pair.thawReplica();
    }
  });

  it("after the window one read tries the replica: still down, skipped for another window (one more warning); back, used again", async () => {
    vi.stubEnv("DATABASE_REPLICA_RETRY_MS", "1500");
    const warn = warnings();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const windowEnd = (line: number) => Date.parse(SKIPPING.exec(lines(warn)[line]!)![1]!);
    const untilAfter = (t: number) => sleep(Math.max(0, t - Date.now()) + 100);
    await pair.stopReplica();
    expect(await dashboardReadsOn()).toBe("primary");
    expect(lines(warn)[0]).toMatch(/^\[replica\] The dashboard read runs on the primary: the replica could not be reached/);
    expect(lines(warn)[1]).toMatch(SKIPPING);
    expect(await exportReadsOnStandby()).toBe("false");
    expect(lines(warn)).toHaveLength(2);

    // The window over, the replica still down: one read tries it, and the breaker opens again.
    await untilAfter(windowEnd(1));
    expect(await exportReadsOnStandby()).toBe("false");
    expect(lines(warn)).toHaveLength(4);
    expect(lines(warn)[2]).toMatch(/^\[replica\] The export read runs on the primary: the replica could not be reached/);
    expect(lines(warn)[3]).toMatch(SKIPPING);
    expect(windowEnd(3)).toBeGreaterThan(windowEnd(1));
    expect(await dashboardReadsOn()).toBe("primary");
    expect(lines(warn)).toHaveLength(4);

    // Back: once the second window ends, the replica serves both kinds again.
    await pair.startReplica();
    await pair.caughtUp();
    await untilAfter(windowEnd(3));
    expect(await dashboardReadsOn()).toBe("replica");
    expect(await exportReadsOnStandby()).toBe("true");
    expect(await dashboardReadsOn()).toBe("replica");
    expect(lines(warn)).toHaveLength(4);
    expect(info.mock.calls.map((c) => String(c[0]))).toEqual(["[replica] The replica answers again: reads use it again."]);
  });

  it("while the one read that tries the replica again waits on it, the others read on the primary without waiting", async () => {
    vi.stubEnv("DATABASE_REPLICA_RETRY_MS", "1000");
    await warmReplicaPools();
    const warn = warnings();
    vi.spyOn(console, "error").mockImplementation(() => {});
    pair.freezeReplica();
    try {
      expect(await dashboardReadsOn()).toBe("primary"); // waits, opens the breaker
      expect(lines(warn)).toHaveLength(2);
      await sleep(1100);
      const probe = exportReadsOnStandby(); // the one read let through: waits on the frozen replica
      let probeDone = false;
      void probe.then(() => (probeDone = true));
      await sleep(100);
      const started = Date.now();
      const others = await Promise.all([dashboardReadsOn(), exportReadsOnStandby(), dashboardReadsOn(), exportReadsOnStandby()]);
      // Side by side, each would wait the 1000 ms on the frozen replica without the probe's guard (and
      // warn: the count of lines below says so too).
      expect(Date.now() - started, "four reads beside the probe").toBeLessThan(900);
      expect(others).toEqual(["primary", "false", "primary", "false"]);
      expect(probeDone, "the probe is still waiting on the frozen replica").toBe(false);
      expect(await probe).toBe("false");
      // The probe failed: one fallback line and one opening line more, none for the others.
      expect(lines(warn)).toHaveLength(4);
      expect(lines(warn)[2]).toMatch(/^\[replica\] The export read runs on the primary: the replica failed \(no answer in 1000 ms\)\.$/);
      expect(lines(warn)[3]).toMatch(SKIPPING);
    } finally {
      pair.thawReplica();
    }
  });

  it("no free export connection is load, not ill health: that export reads on the primary, the next reads still use the replica", async () => {
    vi.stubEnv("DATABASE_REPLICA_RETRY_MS", "60000");
    await closeExportPool();
    vi.stubEnv("EXPORT_DB_POOL_SIZE", "1");
    const warn = warnings();
    const { reader: long, first } = await holdOneExportConnection(a.id);
    try {
      expect(first.startsWith("true\n")).toBe(true);
      expect(await exportReadsOnStandby()).toBe("false");
      expect(lines(warn)).toEqual(["[replica] The export read runs on the primary: the replica had no free connection (all 1 in use)."]);
      expect(await dashboardReadsOn()).toBe("replica");
    } finally {
      await long.cancel();
      await closeExportPool();
    }
    expect(await exportReadsOnStandby()).toBe("true");
    expect(lines(warn)).toHaveLength(1);
  });

  it("DATABASE_REPLICA_RETRY_MS=0 turns it off: every read tries the stopped replica and warns", async () => {
    vi.stubEnv("DATABASE_REPLICA_RETRY_MS", "0");
    const warn = warnings();
    vi.spyOn(console, "error").mockImplementation(() => {});
    await pair.stopReplica();
    expect(await dashboardReadsOn()).toBe("primary");
    expect(await exportReadsOnStandby()).toBe("false");
    expect(await dashboardReadsOn()).toBe("primary");
    expect(lines(warn)).toHaveLength(3);
    expect(lines(warn).every((l) => l.includes("could not be reached"))).toBe(true);
  });
});

describe("GET /api/health with a replica", () => {
  const health = async () => {
    const started = Date.now();
    const res = await GET();
    const body = (await res.json()) as Record<string, unknown> & { replica?: Record<string, unknown> };
    // Nothing of the replica's address.
    expect(JSON.stringify(body)).not.toContain(String(pair.replicaPort));
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
    return { status: res.status, body, ms: Date.now() - started };
  };

  it("unset: exactly today's answer, no replica key", async () => {
    delete process.env.DATABASE_REPLICA_URL;
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", database: "up", version: pkg.version });
  });

  it("caught up: up, nothing to replay", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", database: "up", version: pkg.version, replica: { state: "up", lagBytes: 0, lagSeconds: 0 } });
  });

  it("checks that arrive together share one measurement (the endpoint is public: a flood must not take the replica's connections)", async () => {
    const queries = vi.spyOn(db, "$queryRaw");
    const answers = await Promise.all(Array.from({ length: 10 }, () => health()));
    expect(answers.map((x) => [x.status, x.body.replica?.state])).toEqual(Array.from({ length: 10 }, () => [200, "up"]));
    const positions = queries.mock.calls.filter((c) => (c[0] as unknown as string[]).join("?").includes("pg_current_wal_flush_lsn"));
    expect(positions).toHaveLength(1);
  });

  it("replay paused behind a write: behind, with how far, still 200 ok", async () => {
    vi.stubEnv("DATABASE_REPLICA_WAIT_MS", "300");
    // A transaction replayed since the replica's last start, so it has a replay time to give.
    await insertUseCaseWithCosts(a.id, { title: "Replayed", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [1_00] } } });
    await pair.caughtUp();
    await pair.onReplica("SELECT pg_wal_replay_pause()");
    try {
      await insertUseCaseWithCosts(a.id, { title: "Not replayed yet", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [1_00] } } });
      const { status, body } = await health();
      expect(status).toBe(200);
      expect(body.status).toBe("ok");
      expect(body.replica?.state).toBe("behind");
      expect(body.replica?.lagBytes).toBeGreaterThan(0);
      expect(body.replica?.lagSeconds).toBeGreaterThanOrEqual(0);
      expect(Object.keys(body.replica!).sort()).toEqual(["lagBytes", "lagSeconds", "state"]);
    } finally {
      await pair.onReplica("SELECT pg_wal_replay_resume()");
    }
  });

  it("stopped: down, still 200 ok; once a read has opened the breaker, until when reads skip it", async () => {
    vi.stubEnv("DATABASE_REPLICA_RETRY_MS", "60000");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = warnings();
    await pair.stopReplica();
    const before = await health();
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ status: "ok", database: "up", version: pkg.version, replica: { state: "down" } });
    expect(await dashboardReadsOn()).toBe("primary");
    const until = SKIPPING.exec(lines(warn)[1]!)![1]!;
    const after = await health();
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ status: "ok", database: "up", version: pkg.version, replica: { state: "down", skippedUntil: until } });
  });

  it("frozen (answers nothing): down within the two seconds, still 200 ok", async () => {
    await warmReplicaPools();
    pair.freezeReplica();
    try {
      const { status, body, ms } = await health();
      expect(status).toBe(200);
      expect(body).toEqual({ status: "ok", database: "up", version: pkg.version, replica: { state: "down" } });
      expect(ms).toBeLessThan(3000);
    } finally {
      pair.thawReplica();
    }
  });
});

describe("synchronous_commit = off", () => {
  it("a write committed, not yet flushed, is in the replica read that follows it: the primary's position is its insert position", async () => {
    vi.stubEnv("DATABASE_REPLICA_WAIT_MS", "5000");
    const role = (await pair.onPrimary<{ r: string }>("SELECT current_user::text AS r"))[0]!.r;
    await pair.onPrimary(`ALTER ROLE ${role} SET synchronous_commit = off`);
    // The app's sessions take the role's setting when they open.
    await db.$disconnect();
    const walwriter = Number((await pair.onPrimary<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE backend_type = 'walwriter'"))[0]!.pid);
    try {
      expect((await db.$queryRaw<{ s: string }[]>`SELECT current_setting('synchronous_commit') AS s`)[0]!.s).toBe("off");
      // With the WAL writer stopped, an asynchronous commit stays unflushed, so unsent.
      process.kill(walwriter, "SIGSTOP");
      await insertUseCaseWithCosts(a.id, { title: "Committed asynchronously", businessUnit: "Async unit", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [7_00] } } });
      const [wal] = await pair.onPrimary<{ flush: string; insert: string }>("SELECT pg_current_wal_flush_lsn()::text AS flush, pg_current_wal_insert_lsn()::text AS insert");
      const position = await primaryPosition();
      const [cmp] = await pair.onPrimary<{ past_flush: boolean; within_insert: boolean }>(
        "SELECT $1::pg_lsn > $2::pg_lsn AS past_flush, $1::pg_lsn <= pg_current_wal_insert_lsn() AS within_insert",
        [position.lsn, wal!.flush],
      );
      expect(cmp, `position ${position.lsn}, flush ${wal!.flush}, insert ${wal!.insert}`).toEqual({ past_flush: true, within_insert: true });
      expect(await pair.onReplica(`SELECT 1 FROM "UseCase" WHERE title = 'Committed asynchronously'`), "not on the replica yet").toEqual([]);

      // The reads wait for the replica to reach that position; the WAL writer resumes meanwhile.
      const before = replicaReadCounts();
      setTimeout(() => process.kill(walwriter, "SIGCONT"), 300);
      const overview = await computeOverview(a.id, EMPTY_FILTER, YEAR);
      expect(overview.businessUnits).toContain("Async unit");
      const csv = await text(
        cursorCsvStream<{ title: string; standby: boolean }>({
          name: "async write",
          organizationId: a.id,
          head: "",
          query: Prisma.sql`SELECT title, pg_is_in_recovery() AS standby FROM "UseCase" WHERE title = 'Committed asynchronously'`,
          createFormatter: () => (r) => `${r.title},${r.standby}`,
        }),
      );
      expect(csv).toBe("Committed asynchronously,true");
      const after = replicaReadCounts();
      expect(after.dashboard.replica).toBe(before.dashboard.replica + 1);
      expect(after.export.replica).toBe(before.export.replica + 1);
    } finally {
      try {
        process.kill(walwriter, "SIGCONT");
      } catch {
        // gone
      }
      await pair.onPrimary(`ALTER ROLE ${role} RESET synchronous_commit`);
      await db.$disconnect();
    }
  });
  it("after a WAL switch on a quiet primary, the position is the end of the last record, which the replica reaches: the read is served there", async () => {
    const role = (await pair.onPrimary<{ r: string }>("SELECT current_user::text AS r"))[0]!.r;
    await pair.onPrimary(`ALTER ROLE ${role} SET synchronous_commit = off`);
    await db.$disconnect();
    try {
      expect((await db.$queryRaw<{ s: string }[]>`SELECT current_setting('synchronous_commit') AS s`)[0]!.s).toBe("off");
      // Nothing written since the switch: the insert position is past the new segment's 40-byte
      // header. (Tried again if a background process wrote a record in between.)
      let wal: { flush: string; at_segment_start: boolean } | undefined;
      for (let attempt = 0; attempt < 5 && !wal?.at_segment_start; attempt++) {
        await pair.onPrimary("SELECT pg_switch_wal()");
        await pair.caughtUp();
        [wal] = await pair.onPrimary<{ flush: string; at_segment_start: boolean }>(
          `SELECT pg_current_wal_flush_lsn()::text AS flush,
                  pg_wal_lsn_diff(pg_current_wal_insert_lsn(), pg_current_wal_flush_lsn()) = 40 AS at_segment_start`,
        );
      }
      expect(wal, "nothing written since the switch").toMatchObject({ at_segment_start: true });
      expect((await primaryPosition()).lsn).toBe(wal!.flush);
      const warn = warnings();
      const started = Date.now();
      expect(await dashboardReadsOn()).toBe("replica");
      expect(Date.now() - started, "no wait for a position the replica cannot reach").toBeLessThan(900);
      expect(lines(warn)).toEqual([]);
    } finally {
      await pair.onPrimary(`ALTER ROLE ${role} RESET synchronous_commit`);
      await db.$disconnect();
    }
  });
});
