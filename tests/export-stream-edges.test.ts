/**
 * The export stream's edges (lib/server/export): what a downloader and an operator notice when a
 * download pauses, stalls, is cut off or fails half-way, and how the exports' own connection pool
 * behaves (its size, its name on the server, a dropped idle connection, closing it). Issue 17:
 * each test here kills mutants that survived `npm run mutate -- export-writer`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as detailGET } from "@/app/o/[org]/export/detail.csv/route";
import { DETAIL_COLUMNS } from "@/lib/domain/export/cost-exports";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db, Prisma } from "@/lib/server/db";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { copyCsvStream, inlineValues } from "@/lib/server/export/copy-stream";
import { cursorCsvStream } from "@/lib/server/export/cursor-stream";
import { closeExportPool, exportPool } from "@/lib/server/export/pool";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
// More than three FETCHes of 5,000: a stream reads one batch ahead of the one its reader is
// waiting for, so a download cut after the first batch still has rows the database never sent.
const LINES = 20_000;

beforeAll(async () => {
  org = await createTestOrg("expedge");
  await insertUseCaseWithCosts(org.id, { title: "Claims triage", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [100, 200, 300] } } });
});

afterEach(() => {
  signOut();
  vi.restoreAllMocks();
});

afterAll(async () => {
  await closeExportPool();
});

const decoder = () => new TextDecoder("utf-8", { ignoreBOM: true });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The export connections this test database has on the server, by state. */
const exportSessions = async () =>
  (
    await db.$queryRaw<{ state: string }[]>`SELECT state FROM pg_stat_activity WHERE application_name = 'tradeoff-export' AND datname = current_database() ORDER BY state`
  ).map((r) => r.state);
const held = () => exportPool().totalCount - exportPool().idleCount;
const terminateExportSessions = () =>
  db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tradeoff-export' AND datname = current_database()`;

/** Reads a stream to its end: its text, or the error it ended with. */
async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, text = "") {
  const dec = decoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + dec.decode(), error: null };
      text += dec.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error: error as Error };
  }
}
const lineCount = (text: string) => text.split("\r\n").length - 1;

/** A plain numbered stream straight from the cursor stream: header "n", then one line per number. */
const numbers = (count: number, extra: { idleTimeoutMs?: number; failAt?: number } = {}) =>
  cursorCsvStream<{ n: string }>({
    name: "numbers probe",
    organizationId: org.id,
    head: "n\r\n",
    query: extra.failAt
      ? Prisma.sql`SELECT g / (${extra.failAt}::int - g) + g - g / (${extra.failAt}::int - g) AS n FROM generate_series(1, ${count}::int) g`
      : Prisma.sql`SELECT g AS n FROM generate_series(1, ${count}::int) g`,
    createFormatter: () => (row) => `${row.n}\r\n`,
    idleTimeoutMs: extra.idleTimeoutMs,
  });

describe("a download", () => {
  it("is never sniffed as anything but CSV", async () => {
    signInAs(org.users.FINANCE.id);
    const res = await detailGET(new Request(`http://localhost/o/${org.slug}/export/detail.csv`), { params: Promise.resolve({ org: org.slug }) });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    await res.body!.cancel();
  });

  it("whose reader pauses for a few seconds still arrives whole (the idle limit is minutes, not a second)", async () => {
    const reader = numbers(LINES).getReader();
    const dec = decoder();
    const start = dec.decode((await reader.read()).value, { stream: true }) + dec.decode((await reader.read()).value, { stream: true });
    await sleep(2_500); // a slow network, a busy browser
    const rest = await readAll(reader, start);
    expect(rest.error).toBeNull();
    expect(lineCount(rest.text)).toBe(1 + LINES);
    expect(rest.text.endsWith(`\r\n${LINES}\r\n`)).toBe(true);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
  });

  it("that stalls past its idle limit is ended by the database: the reader gets an error, never a short file, and the next download is whole", async () => {
    const reader = numbers(LINES, { idleTimeoutMs: 1_000 }).getReader();
    const dec = decoder();
    const start = dec.decode((await reader.read()).value, { stream: true }) + dec.decode((await reader.read()).value, { stream: true });
    expect(lineCount(start)).toBe(1 + 5000);
    // The reader stops reading; PostgreSQL ends the idle transaction after a second.
    await expect.poll(exportSessions, { timeout: 15_000, interval: 200 }).toEqual([]);
    const rest = await readAll(reader, start);
    expect(rest.error).toBeInstanceOf(Error);
    expect(lineCount(rest.text)).toBeLessThan(1 + LINES);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    // The broken connection was thrown away, not handed to the next download.
    const next = await readAll(numbers(LINES).getReader());
    expect(next.error).toBeNull();
    expect(lineCount(next.text)).toBe(1 + LINES);
  });

  it("whose query fails half-way ends with that error (logged with the export's name), and its connection goes back", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const out = await readAll(numbers(7000, { failAt: 6000 }).getReader());
    expect(out.error?.message).toMatch(/division by zero/);
    expect(lineCount(out.text)).toBe(1 + 5000); // the header and the first FETCH, then the error: no silent short file
    expect(logged).toHaveBeenCalledWith("[export] numbers probe failed after the download started:", out.error);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    const next = await readAll(numbers(10).getReader());
    expect(next).toEqual({ text: "n\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n10\r\n", error: null });
  });

  /**
   * Starts `stream`, lets its query wait on a lock this test holds on `table`, cuts its connection
   * there, and reads what is left: the text and the error it ended with.
   */
  async function cutWhileWaiting(stream: ReadableStream<Uint8Array>, table: "CostLine" | "CostYear") {
    const reader = stream.getReader();
    let result: Awaited<ReturnType<typeof readAll>> | undefined;
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
        const head = decoder().decode((await reader.read()).value);
        expect(head.startsWith("\uFEFF")).toBe(true);
        const reading = readAll(reader, head);
        await expect
          .poll(async () => (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'tradeoff-export' AND datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n, { timeout: 15_000 })
          .toBe(1n);
        await terminateExportSessions();
        result = await reading;
      },
      { timeout: 30_000 },
    );
    return result!;
  }

  it("of the cost detail cut off by the database fails, and the log names the cost detail", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const out = await cutWhileWaiting(detailStream({ id: org.id, name: "Edge Co" }, EMPTY_FILTER), "CostLine");
    expect(out.error).toBeInstanceOf(Error);
    expect(out.text).toBe(`\uFEFF${DETAIL_COLUMNS.join(",")}\r\n`);
    expect(logged).toHaveBeenCalledWith("[export] cost detail failed after the download started:", out.error);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
  });

  it("of the business-unit rollup cut off by the database fails, and the log names the rollup", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const out = await cutWhileWaiting(businessUnitStream({ id: org.id, name: "Edge Co" }, EMPTY_FILTER), "CostYear");
    expect(out.error).toBeInstanceOf(Error);
    expect(logged).toHaveBeenCalledWith("[export] business-unit rollup failed after the download started:", out.error);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
  });

  it("cancelled before it read a row takes no connection, and the cancel succeeds", async () => {
    const stream = detailStream({ id: org.id, name: "Edge Co" }, EMPTY_FILTER);
    await expect(stream.cancel()).resolves.toBeUndefined();
    expect(held()).toBe(0);
  });
});

/** The same probe read with COPY (copy-stream.ts, the cost detail's reader): longer lines, so the file outgrows a chunk. */
const copied = (count: number, extra: { idleTimeoutMs?: number; failAt?: number } = {}) =>
  copyCsvStream<{ n: string }>({
    name: "copied probe",
    organizationId: org.id,
    head: "n\r\n",
    query: extra.failAt
      ? Prisma.sql`SELECT g / (${extra.failAt}::int - g) + g - g / (${extra.failAt}::int - g) AS n FROM generate_series(1, ${count}::int) g`
      : Prisma.sql`SELECT g AS n FROM generate_series(1, ${count}::int) g`,
    columns: ["n"],
    toRow: (f) => ({ n: f[0] as string }),
    createFormatter: () => (row) => `${row.n}\r\n`,
    idleTimeoutMs: extra.idleTimeoutMs,
  });
const COPIED = 200_000;

describe("a download read with COPY (the cost detail)", () => {
  it("arrives whole, in order, after its reader pauses for a few seconds, and its connection goes back for the next", async () => {
    await closeExportPool();
    const reader = copied(COPIED).getReader();
    const dec = decoder();
    const start = dec.decode((await reader.read()).value, { stream: true }) + dec.decode((await reader.read()).value, { stream: true });
    expect(lineCount(start)).toBeLessThan(1 + COPIED); // a chunk, not the whole file
    await sleep(2_500);
    const rest = await readAll(reader, start);
    expect(rest.error).toBeNull();
    expect(lineCount(rest.text)).toBe(1 + COPIED);
    expect(rest.text.startsWith("n\r\n1\r\n2\r\n")).toBe(true);
    expect(rest.text.endsWith(`\r\n${COPIED - 1}\r\n${COPIED}\r\n`)).toBe(true);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    // The transaction was ended: the same connection serves the next download.
    expect((await readAll(copied(3).getReader())).text).toBe("n\r\n1\r\n2\r\n3\r\n");
    expect(exportPool().totalCount).toBe(1);
  });

  it("whose reader stalls past its idle limit is ended: the reader gets an error, never a short file, and the connection is closed", async () => {
    const reader = copied(COPIED, { idleTimeoutMs: 1_000 }).getReader();
    const dec = decoder();
    const start = dec.decode((await reader.read()).value, { stream: true }) + dec.decode((await reader.read()).value, { stream: true });
    expect(lineCount(start)).toBeGreaterThan(1);
    await expect.poll(exportSessions, { timeout: 15_000, interval: 200 }).toEqual([]);
    const rest = await readAll(reader, start);
    expect(rest.error?.message).toBe("The download stalled for 1 s and was ended.");
    expect(lineCount(rest.text)).toBeLessThan(1 + COPIED);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    const next = await readAll(copied(COPIED).getReader());
    expect(next.error).toBeNull();
    expect(lineCount(next.text)).toBe(1 + COPIED);
  });

  it("whose query fails part-way ends with that error, logged with the export's name, and the next download is whole", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const out = await readAll(copied(COPIED, { failAt: 150_000 }).getReader());
    expect(out.error?.message).toMatch(/division by zero/);
    expect(lineCount(out.text)).toBeLessThan(150_000);
    expect(logged).toHaveBeenCalledWith("[export] copied probe failed after the download started:", out.error);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    expect((await readAll(copied(2).getReader())).text).toBe("n\r\n1\r\n2\r\n");
  });

  it("cancelled part-way closes its connection (a COPY cannot be stopped and reused), and the next download is whole", async () => {
    const reader = copied(COPIED).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    await expect.poll(exportSessions, { timeout: 15_000 }).toEqual([]);
    expect((await readAll(copied(2).getReader())).text).toBe("n\r\n1\r\n2\r\n");
  });

  it("writes the query's values as literals the database reads back exactly: quotes, backslashes, arrays, booleans, numbers, null", async () => {
    const nasty = `O'Brien \\ "quoted" ; DROP TABLE "UseCase"; --`;
    const query = Prisma.sql`SELECT ${nasty}::text AS n UNION ALL SELECT array_to_string(${["a'b", 'c"d', "e\\f", "g,h"]}::text[], '|')
      UNION ALL SELECT (${true}::boolean AND NOT ${false}::boolean)::text UNION ALL SELECT (${41}::int + 1)::text UNION ALL SELECT COALESCE(${null}::text, 'null')`;
    expect(inlineValues(query)).not.toContain("$1");
    const out = await readAll(
      copyCsvStream<{ n: string }>({ name: "literals", organizationId: org.id, head: "", query, columns: ["n"], toRow: (f) => ({ n: f[0] as string }), createFormatter: () => (row) => `${row.n}\n` }).getReader(),
    );
    expect(out).toEqual({ text: `${nasty}\na'b|c"d|e\\f|g,h\ntrue\n42\nnull\n`, error: null });
    expect(() => inlineValues(Prisma.sql`SELECT ${{ a: 1 }}`)).toThrow("A object cannot be written into a COPY statement.");
  });

  it("refuses to read a query whose columns are not the ones its reader maps (a changed query cannot shift the file's columns)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const out = await readAll(
      copyCsvStream<{ n: string }>({ name: "shifted", organizationId: org.id, head: "n\r\n", query: Prisma.sql`SELECT 1 AS m, 2 AS n`, columns: ["n"], toRow: (f) => ({ n: f[0] as string }), createFormatter: () => (row) => `${row.n}\r\n` }).getReader(),
    );
    expect(out.text).toBe("n\r\n");
    expect(out.error?.message).toBe("The shifted query returns the columns (m, n), not the (n) its reader expects.");
    expect(logged).toHaveBeenCalledWith("[export] shifted failed after the download started:", out.error);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
  });
});

describe("the exports' connection pool", () => {
  afterEach(async () => {
    vi.unstubAllEnvs();
    await closeExportPool();
  });

  it("keeps one connection, named on the server, for download after download", async () => {
    await closeExportPool();
    for (let i = 0; i < 3; i++) {
      const out = await readAll(numbers(6000).getReader());
      expect(lineCount(out.text)).toBe(6001);
    }
    expect(exportPool().totalCount).toBe(1);
    expect(await exportSessions()).toEqual(["idle"]);
  });

  it("download after download on one connection leaves no listener behind on it (no leak warning after ten)", async () => {
    await closeExportPool();
    for (let i = 0; i < 11; i++) await readAll(numbers(3).getReader());
    expect(exportPool().totalCount).toBe(1);
    const client = await exportPool().connect();
    const listeners = client.listenerCount("error");
    client.release();
    // One: the pool's own, on every connection (listenOnEveryConnection, lib/server/db.ts); none left by the downloads.
    expect(listeners).toBe(1);
  });

  it("closing it ends its connections on the server (so a script can exit), and closing twice is harmless", async () => {
    await closeExportPool();
    await readAll(numbers(10).getReader());
    expect(await exportSessions()).toEqual(["idle"]);
    await closeExportPool();
    await expect(closeExportPool()).resolves.toBeUndefined();
    await expect.poll(exportSessions, { timeout: 15_000 }).toEqual([]);
  });

  it("EXPORT_DB_POOL_SIZE is how many exports stream at once: one more waits for a connection", async () => {
    await closeExportPool();
    vi.stubEnv("EXPORT_DB_POOL_SIZE", "1");
    const first = numbers(LINES).getReader();
    await first.read();
    await first.read(); // the first holds the one connection
    const second = numbers(10).getReader();
    await second.read(); // its header
    const waiting = second.read();
    expect(await Promise.race([waiting.then(() => "read"), sleep(1_500).then(() => "waiting")])).toBe("waiting");
    await first.cancel();
    expect(decoder().decode((await waiting).value)).toBe("1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n10\r\n");
    await second.cancel();
  });

  it("an idle export connection that drops is logged, and does not take the process down", async () => {
    await closeExportPool();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await readAll(numbers(10).getReader());
    expect(await exportSessions()).toEqual(["idle"]);
    await terminateExportSessions();
    await expect.poll(() => logged.mock.calls.map((c) => String(c[0])), { timeout: 15_000 }).toContain("[export] idle database connection failed:");
    // and the next download gets a new connection
    expect((await readAll(numbers(3).getReader())).text).toBe("n\r\n1\r\n2\r\n3\r\n");
  });

  it("without DATABASE_URL an export refuses with a message that says how to start the app", async () => {
    await closeExportPool();
    vi.stubEnv("DATABASE_URL", "");
    expect(() => exportPool()).toThrow("DATABASE_URL is not set. Start the app with `npm start`, which sets it.");
  });
});
