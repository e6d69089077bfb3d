/**
 * Issue 22: the optional read replica (lib/server/replica.ts, docs/decisions/read-replica.md),
 * against a real streaming replica of an embedded cluster (tests/helpers/streaming-replica.ts):
 * a primary of its own, migrated by the project's migrate path, and a hot standby fed by it.
 *
 * - unset, nothing reaches the replica;
 * - caught up, the exports (cursor and COPY) and the dashboard's computation read on it;
 * - a write the replica has not replayed (replay paused) is still seen: the reads fall back;
 * - a write the replica replays after the cache's snapshot makes the stored entry invalid, not wrong;
 * - the replica frozen (connections open, no answer): the primary answers after a bounded wait;
 * - the replica stopped (before or during a read): the primary answers, the CSV is whole, or the
 *   download fails (never a short file); started again, the replica serves again;
 * - every export connection on the replica in use: the next export reads on the primary;
 * - a DATABASE_REPLICA_URL that is not a standby is refused;
 * - a connection a pool has just handed out cannot raise an error nobody hears;
 * - row-level security holds on the replica exactly as on the primary.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import pg from "pg";
import { db, listenOnEveryConnection, Prisma } from "@/lib/server/db";
import { detailStream } from "@/lib/server/export/cost-exports";
import { copyCsvStream } from "@/lib/server/export/copy-stream";
import { cursorCsvStream } from "@/lib/server/export/cursor-stream";
import { closeExportPool, exportPool } from "@/lib/server/export/pool";
import { computeOverview, loadOverview } from "@/lib/server/portfolio/overview";
import { closeReplicaClient, replicaReadCounts } from "@/lib/server/replica";
import { forgetScopeProbe } from "@/lib/server/rls";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { holdOneExportConnection } from "./helpers/replica-export";
import { startStreamingPair, type StreamingPair } from "./helpers/streaming-replica";

/**
 * The dashboard's loaders are the app's own; one of them is wrapped to note which server answered
 * a statement sent through `db` from inside the computation (and, for two tests, to act mid-read).
 */
const spy = vi.hoisted(() => ({ standby: [] as boolean[], during: undefined as undefined | (() => Promise<void>) }));
vi.mock("@/lib/server/use-cases/read", async (importOriginal) => {
  const mod = await importOriginal<typeof import("@/lib/server/use-cases/read")>();
  const { db: routed } = await import("@/lib/server/db");
  return {
    ...mod,
    listBusinessUnits: async (organizationId: string) => {
      const [r] = await routed.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
      spy.standby.push(r!.standby);
      const during = spy.during;
      spy.during = undefined;
      if (during) await during();
      return mod.listBusinessUnits(organizationId);
    },
  };
});

const YEAR = 2027;
let pair: StreamingPair;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  pair = await startStreamingPair();
  process.env.DATABASE_URL = pair.primaryUrl;
  delete process.env.DATABASE_REPLICA_URL;
  process.env.DATABASE_REPLICA_WAIT_MS = "300";
  // Each read here meets the replica on its own: the breaker (which skips it after a failure) is
  // off, and tested in tests/read-replica-breaker.test.ts.
  process.env.DATABASE_REPLICA_RETRY_MS = "0";
  forgetScopeProbe();
  a = await createTestOrg("repla");
  b = await createTestOrg("replb");
  await insertUseCaseWithCosts(a.id, { title: "Claims triage", businessUnit: "Claims", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [100_00, 200_00] } } });
  await insertUseCaseWithCosts(b.id, { title: "Other organization's assistant", businessUnit: "Other", ownerId: b.users.LEAD.id, recommended: "FINE_TUNING", yearly: { FINE_TUNING: { TRAINING: [500_00] } } });
  await pair.caughtUp();
}, 60_000);

afterEach(() => {
  spy.during = undefined;
  vi.restoreAllMocks();
});

afterAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => {}); // the pools' idle connections, cut by the shutdown
  await pair?.destroy();
  await Promise.all([closeExportPool(), closeReplicaClient(), db.$disconnect()]).catch(() => {});
});

const useReplica = () => {
  process.env.DATABASE_REPLICA_URL = pair.replicaUrl;
};
const noReplica = () => {
  delete process.env.DATABASE_REPLICA_URL;
};
const warnings = () => vi.spyOn(console, "warn").mockImplementation(() => {});
const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();

/** Where an export's snapshot is read: the server's recovery state and role, as a one-row CSV. */
const whereExportReads = (organizationId: string) =>
  text(
    cursorCsvStream<{ standby: boolean; who: string }>({
      name: "replica probe",
      organizationId,
      head: "",
      query: Prisma.sql`SELECT pg_is_in_recovery() AS standby, current_user::text AS who`,
      createFormatter: () => (r) => `${r.standby},${r.who}`,
    }),
  );

/** What a reader of the page gets, as plain data. */
const plain = (o: object) => JSON.parse(JSON.stringify({ ...o, fromCache: undefined }));

/** The app's sessions on the replica (its dashboard client and its export pool). */
const appSessionsOnReplica = async () =>
  Number((await pair.onReplica<{ n: string }>(`SELECT count(*)::text AS n FROM pg_stat_activity WHERE application_name IN ('tradeoff-export', 'tradeoff-replica')`))[0]!.n);

describe("without DATABASE_REPLICA_URL", () => {
  it("every read stays on the primary and the replica is never contacted", async () => {
    noReplica();
    const before = replicaReadCounts();
    expect(await whereExportReads(a.id)).toBe("false,tradeoff_org_reader");
    await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER));
    spy.standby.length = 0;
    await computeOverview(a.id, EMPTY_FILTER, YEAR);
    expect(spy.standby).toEqual([false]);
    expect(replicaReadCounts()).toEqual(before);
    expect(await appSessionsOnReplica()).toBe(0);
  });
});

describe("a replica that has caught up", () => {
  it("serves the exports, cursor and COPY, as the organization-scoped role", async () => {
    noReplica();
    const onPrimary = await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER));
    useReplica();
    const before = replicaReadCounts().export.replica;
    expect(await whereExportReads(a.id)).toBe("true,tradeoff_org_reader");
    const copied = await text(
      copyCsvStream<{ standby: string }>({
        name: "replica probe (COPY)",
        organizationId: a.id,
        head: "",
        query: Prisma.sql`SELECT pg_is_in_recovery() AS standby`,
        columns: ["standby"],
        toRow: (f) => ({ standby: String(f[0]) }),
        createFormatter: () => (r) => r.standby,
      }),
    );
    expect(copied).toBe("true");
    const onReplica = await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER));
    expect(onReplica).toBe(onPrimary);
    expect(onReplica).toContain("Claims triage");
    expect(replicaReadCounts().export.replica).toBe(before + 3);
  });

  it("computes the dashboard on a cache miss; the cache's lookup and store stay on the primary", async () => {
    noReplica();
    const fresh = plain(await computeOverview(a.id, EMPTY_FILTER, YEAR));
    useReplica();
    spy.standby.length = 0;
    const before = replicaReadCounts().dashboard.replica;
    const miss = await loadOverview(a.id, EMPTY_FILTER, YEAR);
    expect(miss.fromCache).toBe(false);
    expect(spy.standby).toEqual([true]);
    expect(plain(miss)).toEqual(fresh);
    // The stored entry is on the primary (a standby can store nothing) and is served from there.
    const hit = await loadOverview(a.id, EMPTY_FILTER, YEAR);
    expect(hit.fromCache).toBe(true);
    expect(plain(hit)).toEqual(fresh);
    expect(spy.standby).toEqual([true]);
    expect(replicaReadCounts().dashboard.replica).toBe(before + 1);
    // A filtered view (no cache) computes there too.
    await computeOverview(a.id, { ...EMPTY_FILTER, businessUnit: ["Claims"] }, YEAR);
    expect(spy.standby).toEqual([true, true]);
  });
});

describe("read-your-writes", () => {
  it("with replay paused, a write just made is still on the page and in the export: both read on the primary, with one warning each", async () => {
    useReplica();
    await loadOverview(a.id, EMPTY_FILTER, YEAR); // a valid entry, to be invalidated by the write
    await pair.onReplica("SELECT pg_wal_replay_pause()");
    try {
      await insertUseCaseWithCosts(a.id, { title: "Saved a moment ago", businessUnit: "Fresh unit", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [300_00] } } });
      // The replica really is behind: reading it directly, the write is not there.
      expect(await pair.onReplica(`SELECT 1 FROM "UseCase" WHERE title = 'Saved a moment ago'`)).toEqual([]);
      const warn = warnings();
      spy.standby.length = 0;
      const page = await loadOverview(a.id, EMPTY_FILTER, YEAR);
      expect(page.fromCache).toBe(false);
      expect(page.businessUnits).toContain("Fresh unit");
      expect(spy.standby).toEqual([false]);
      const csv = await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER));
      expect(csv).toContain("Saved a moment ago");
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[0]![0])).toMatch(/^\[replica\] The dashboard read runs on the primary: the replica had not replayed the primary's WAL up to \S+ after 300 ms/);
      expect(String(warn.mock.calls[1]![0])).toMatch(/^\[replica\] The export read runs on the primary: the replica had not replayed/);
      noReplica();
      expect(plain(page)).toEqual(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR)));
    } finally {
      await pair.onReplica("SELECT pg_wal_replay_resume()");
    }
    // Replayed again: back on the replica, and the write is there.
    await pair.caughtUp();
    useReplica();
    expect(await whereExportReads(a.id)).toBe("true,tradeoff_org_reader");
    expect(await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER))).toContain("Saved a moment ago");
  });

  it("a write the replica replays after the cache's snapshot was taken leaves an entry that is invalid, never wrong", async () => {
    useReplica();
    await insertUseCaseWithCosts(a.id, { title: "Before the race", ownerId: a.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [1_00] } } });
    await pair.caughtUp();
    spy.standby.length = 0;
    // Inside the computation (its snapshot already taken, the replica already checked), a write
    // commits on the primary and the replica replays it before this loader reads.
    // (Through a connection of its own: inside the computation `db` is the replica, which refuses writes.
    // The use case and its rollup row in one statement, as every write of the app changes both.)
    spy.during = async () => {
      await pair.onPrimary(
        `WITH u AS (UPDATE "UseCase" SET "businessUnit" = 'Race unit', version = version + 1 WHERE title = 'Before the race' AND "organizationId" = $1 RETURNING id)
         UPDATE "UseCaseRollup" r SET "businessUnit" = 'Race unit' FROM u WHERE r."useCaseId" = u.id`,
        [a.id],
      );
      await pair.caughtUp();
    };
    const racing = await loadOverview(a.id, EMPTY_FILTER, YEAR);
    expect(spy.standby).toEqual([true]);
    expect(racing.businessUnits, "the replica's read saw the later write").toContain("Race unit");
    // Stored with the earlier snapshot, the entry is not served: the next load computes again.
    const next = await loadOverview(a.id, EMPTY_FILTER, YEAR);
    expect(next.fromCache).toBe(false);
    noReplica();
    expect(plain(next)).toEqual(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR)));
    expect((await loadOverview(a.id, EMPTY_FILTER, YEAR)).fromCache).toBe(true);
  });
});

describe("row-level security on the replica", () => {
  it("an export read on the replica with its organization filter forgotten sees only its organization", async () => {
    useReplica();
    await pair.caughtUp();
    const both = await pair.onReplica<{ n: string }>(`SELECT count(DISTINCT "organizationId")::text AS n FROM "CostLine"`);
    expect(Number(both[0]!.n), "the replica holds both organizations' rows").toBeGreaterThanOrEqual(2);
    for (const org of [a, b]) {
      const cursor = await text(
        cursorCsvStream<{ org: string; standby: boolean }>({
          name: "rls on the replica",
          organizationId: org.id,
          head: "",
          query: Prisma.sql`SELECT DISTINCT "organizationId" AS org, pg_is_in_recovery() AS standby FROM "CostLine"`,
          createFormatter: () => (r) => `${r.org},${r.standby}\n`,
        }),
      );
      expect(cursor).toBe(`${org.id},true\n`);
      const copied = await text(
        copyCsvStream<{ title: string; standby: string }>({
          name: "rls on the replica (COPY)",
          organizationId: org.id,
          head: "",
          query: Prisma.sql`SELECT u.title, pg_is_in_recovery()::text AS standby FROM "UseCase" u ORDER BY u.title`,
          columns: ["title", "standby"],
          toRow: (f) => ({ title: String(f[0]), standby: String(f[1]) }),
          createFormatter: () => (r) => `${r.title},${r.standby}\n`,
        }),
      );
      const titles = copied.trim().split("\n");
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.every((l) => l.endsWith(",true"))).toBe(true);
      const own = (await db.useCase.findMany({ where: { organizationId: org.id }, select: { title: true }, orderBy: { title: "asc" } })).map((u) => `${u.title},true`);
      expect(titles).toEqual(own);
    }
    // The scoped role is the primary's own, copied by physical replication, policies included.
    expect(await pair.onReplica(`SELECT rolname, rolcanlogin, rolbypassrls FROM pg_roles WHERE rolname = 'tradeoff_org_reader'`)).toEqual([
      { rolname: "tradeoff_org_reader", rolcanlogin: false, rolbypassrls: false },
    ]);
  });
});

describe("a server that ends sessions as they open (a restarting replica)", () => {
  it("a connection just handed out by a pool already has an error listener, so an error in that gap cannot end the process", async () => {
    useReplica();
    await pair.caughtUp();
    // The exports' pool, and a pool given what every Prisma pool gets (listenOnEveryConnection, lib/server/db.ts).
    await whereExportReads(a.id);
    const pools = [exportPool(), new pg.Pool({ connectionString: pair.replicaUrl, max: 1 })];
    listenOnEveryConnection(pools[1]!);
    for (const pool of pools) {
      const c = await pool.connect();
      try {
        expect(() => c.emit("error", new Error("terminating connection due to administrator command"))).not.toThrow();
      } finally {
        c.release(true);
      }
    }
    await pools[1]!.end();
  });
});

describe("a replica that is not there, or not a replica", () => {
  it("every export connection on the replica in use: the next export reads on the primary at once, with one warning", async () => {
    useReplica();
    await pair.caughtUp();
    await closeExportPool();
    vi.stubEnv("EXPORT_DB_POOL_SIZE", "1");
    const warn = warnings();
    const { reader: long, first } = await holdOneExportConnection(a.id);
    try {
      expect(first.startsWith("true\n")).toBe(true);
      expect(await whereExportReads(a.id)).toBe("false,tradeoff_org_reader");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toBe("[replica] The export read runs on the primary: the replica had no free connection (all 1 in use).");
    } finally {
      await long.cancel();
      await closeExportPool();
      vi.unstubAllEnvs();
    }
  });

  it("DATABASE_REPLICA_URL naming the primary itself: refused, one warning, read on the primary", async () => {
    process.env.DATABASE_REPLICA_URL = pair.primaryUrl;
    const warn = warnings();
    expect(await whereExportReads(a.id)).toBe("false,tradeoff_org_reader");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/the replica is not a standby \(pg_is_in_recovery\(\) is false\)/);
  });

  it("frozen (its connections open, answering nothing): the export and the dashboard read on the primary after a bounded wait, one warning each", async () => {
    noReplica();
    const fresh = plain(await computeOverview(a.id, EMPTY_FILTER, YEAR));
    useReplica();
    await pair.caughtUp();
    // Pooled connections to the replica, idle, as a replica that vanishes would leave them.
    expect(await whereExportReads(a.id)).toBe("true,tradeoff_org_reader");
    await computeOverview(a.id, EMPTY_FILTER, YEAR);
    const warn = warnings();
    pair.freezeReplica();
    try {
      const started = Date.now();
      expect(await whereExportReads(a.id)).toBe("false,tradeoff_org_reader");
      spy.standby.length = 0;
      expect(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR))).toEqual(fresh);
      expect(spy.standby).toEqual([false]);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      pair.thawReplica();
    }
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      "[replica] The export read runs on the primary: the replica failed (no answer in 1000 ms).",
      "[replica] The dashboard read runs on the primary: the replica could not be reached (no answer in 1000 ms).",
    ]);
    await pair.caughtUp();
    expect(await whereExportReads(a.id)).toBe("true,tradeoff_org_reader");
  });

  it("stopped during a download: the download fails, never ends short", async () => {
    useReplica();
    await pair.caughtUp();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const stream = cursorCsvStream<{ n: string; standby: boolean }>({
      name: "cut",
      organizationId: a.id,
      head: "",
      query: Prisma.sql`SELECT n::text AS n, pg_is_in_recovery() AS standby FROM generate_series(1, 30000) n`,
      fetchSize: 1000,
      createFormatter: () => (r) => `${r.n},${r.standby}\n`,
    });
    const reader = stream.getReader();
    let got = "";
    try {
      while (!got) got = new TextDecoder().decode((await reader.read()).value);
      expect(got.startsWith("1,true\n")).toBe(true);
      await pair.stopReplica();
      const rest = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return got;
          got += new TextDecoder().decode(value);
        }
      })();
      await expect(rest).rejects.toThrow();
      expect(got.split("\n").length - 1).toBeLessThan(30000);
    } finally {
      await reader.cancel().catch(() => {});
    }
  });

  it("stopped: the dashboard and the exports read on the primary, whole, with one warning per read; started again, it serves again", async () => {
    await pair.stopReplica();
    noReplica();
    const fresh = plain(await computeOverview(a.id, EMPTY_FILTER, YEAR));
    const csv = await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER));
    useReplica();
    vi.spyOn(console, "error").mockImplementation(() => {}); // the pools' idle connections that dropped
    const warn = warnings();
    spy.standby.length = 0;
    expect(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR))).toEqual(fresh);
    expect(spy.standby).toEqual([false]);
    expect(await text(detailStream({ id: a.id, name: a.name }, EMPTY_FILTER))).toBe(csv);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[replica\] The dashboard read runs on the primary: the replica could not be reached \(Can't reach database server at 127\.0\.0\.1:\d+\)\.$/);
    expect(String(warn.mock.calls[1]![0])).toMatch(/^\[replica\] The export read runs on the primary: the replica could not be reached \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\.$/);
    await pair.startReplica();
    await pair.caughtUp();
    expect(await whereExportReads(a.id)).toBe("true,tradeoff_org_reader");
    spy.standby.length = 0;
    expect(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR))).toEqual(fresh);
    expect(spy.standby).toEqual([true]);
  });

  /** The dashboard as the primary computes it (what the page must show), then the replica in use again, its warnings watched. */
  async function primaryAnswerThenReplica() {
    noReplica();
    const fresh = plain(await computeOverview(a.id, EMPTY_FILTER, YEAR));
    useReplica();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = warnings();
    spy.standby.length = 0;
    return { fresh, warn };
  }

  it("stopped while the dashboard reads on it: computed again on the primary", async () => {
    useReplica();
    await pair.startReplica();
    await pair.caughtUp();
    const { fresh, warn } = await primaryAnswerThenReplica();
    spy.during = () => pair.stopReplica();
    try {
      expect(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR))).toEqual(fresh);
    } finally {
      await pair.startReplica();
    }
    expect(spy.standby).toEqual([true, false]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[replica\] The dashboard read runs on the primary: the replica failed during the read/);
  });

  it("restarted between the check and the end of the dashboard's reads: computed again on the primary (a restarted standby may serve an older state)", async () => {
    useReplica();
    await pair.caughtUp();
    const { fresh, warn } = await primaryAnswerThenReplica();
    // The other loaders finish on the first run of the server, this one reads on the second: every
    // statement succeeds, and only the start time tells the two runs apart.
    spy.during = async () => {
      const busy = () => pair.onReplica<{ n: string }>(`SELECT count(*)::text AS n FROM pg_stat_activity WHERE application_name = 'tradeoff-replica' AND state <> 'idle'`);
      while (Number((await busy())[0]!.n) > 0) await new Promise((r) => setTimeout(r, 10));
      await pair.stopReplica();
      await pair.startReplica();
      await pair.caughtUp();
    };
    expect(plain(await computeOverview(a.id, EMPTY_FILTER, YEAR))).toEqual(fresh);
    expect(spy.standby).toEqual([true, false]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toBe("[replica] The dashboard read runs on the primary: the replica restarted during the read.");
  });
});
