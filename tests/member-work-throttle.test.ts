import { afterEach, describe, expect, it } from "vitest";
import { previewAssumptions } from "@/app/o/[org]/assumptions/actions";
import { GET as detailGET } from "@/app/o/[org]/export/detail.csv/route";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { ENTRY_POINTS } from "@/lib/server/action";
import { db } from "@/lib/server/db";
import { runCostly, spendWork, STILL_RUNNING_MESSAGE, waitForBudget, WORK_WINDOW_MS, type CostlyWork } from "@/lib/server/member-work-throttle";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { loadCallables } from "./helpers/entry-points";
import { createRetrievalUseCase } from "./helpers/reprojection";
import { signInAs, signOut } from "./helpers/session";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

/**
 * One member cannot take the server's cores from everyone else: the entry points that work
 * through every use case of the organization, or every row of a file, count what each run covers
 * against the member's budget for ten minutes, and refuse a run that would go over it, before
 * doing any of its work, saying when it can run.
 */
afterEach(() => signOut());

const MIN = 60_000;
const at = (now: Date, msAgo: number) => new Date(now.getTime() - msAgo);

/** Earlier runs of `entryPoint` by this member, `msAgo` before now (each done as it started). */
async function ranBefore(entryPoint: string, org: TestOrg, userId: string, runs: { units: number; msAgo: number }[]) {
  const now = new Date();
  await db.memberWork.createMany({ data: runs.map((r) => ({ key: `${entryPoint}:${org.id}:${userId}`, units: r.units, at: at(now, r.msAgo), doneAt: at(now, r.msAgo) })) });
}
const runsOf = (entryPoint: string, org: TestOrg, userId: string) => db.memberWork.count({ where: { key: `${entryPoint}:${org.id}:${userId}` } });

/** One run of one-at-a-time work asked for by another process, as another app server would: "ran" or "refused: …". */
async function runElsewhere(organizationId: string, userId: string): Promise<string> {
  const root = path.resolve(__dirname, "..");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "tests/fixtures/costly-run-elsewhere.ts"), organizationId, userId],
    { cwd: root, env: process.env },
  );
  return stdout.trim();
}

const previewInput = {
  expectedVersion: 0,
  fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
  values: { ...DEFAULT_ASSUMPTIONS.values, engineerRate: { low: 160, base: 220, high: 300 } },
  note: "",
};

describe("the budget of costly work, in itself", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  it("lets a run through while the window's runs and it fit the budget, and says when the oldest runs have left enough room", () => {
    expect(waitForBudget([], 50, 100, now)).toBe(0);
    expect(waitForBudget([{ at: at(now, MIN), units: 50 }], 50, 100, now)).toBe(0);
    // Newest first: 60 units 1 minute ago, 30 units 4 minutes ago. 40 more would make 130: the 30 must leave first, in 6 minutes.
    const recent = [{ at: at(now, 1 * MIN), units: 60 }, { at: at(now, 4 * MIN), units: 30 }];
    expect(waitForBudget(recent, 40, 100, now)).toBe(6 * 60);
    // 50 more: both must leave; the newer leaves in 9 minutes.
    expect(waitForBudget(recent, 50, 100, now)).toBe(9 * 60);
  });

  it("lets a run larger than the whole budget through alone in its window, never forever refused", () => {
    expect(waitForBudget([], 500, 100, now)).toBe(0);
    expect(waitForBudget([{ at: at(now, 2 * MIN), units: 1 }], 500, 100, now)).toBe(WORK_WINDOW_MS / 1000 - 2 * 60);
  });

  it("holds under runs sent at once: of 25 runs of one unit against a budget of 10, exactly 10 go through", async () => {
    const org = await createTestOrg("work-race");
    const work: CostlyWork<unknown> = { label: "Runs", unit: "rows", budget: 10, units: () => 1 };
    const member = { organizationId: org.id, userId: org.users.FINANCE.id };
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => spendWork("test.race", work, member, null)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(15);
    for (const r of refused) expect((r.reason as Error).message).toMatch(/^Runs over 10 rows in the last 10 minutes: one member may ask for 10 in any 10 minutes, .*This one \(1 row\) can run in 10 minutes\.$/);
    expect(await db.memberWork.count({ where: { key: `test.race:${org.id}:${org.users.FINANCE.id}` } })).toBe(10);
  });
});

describe("work done one run at a time", () => {
  it("refuses a member's second run while their first is under way, at once and without counting it, and lets others and later runs through", async () => {
    const org = await createTestOrg("work-one");
    const work: CostlyWork<unknown> = { label: "Previews", unit: "use cases", budget: 1_000, units: () => 10, oneAtATime: true };
    const finance = { organizationId: org.id, userId: org.users.FINANCE.id };
    const admin = { organizationId: org.id, userId: org.users.ADMIN.id };
    let finish!: () => void;
    const first = runCostly("test.one", work, finance, null, () => new Promise<string>((resolve) => (finish = () => resolve("first"))));
    await expect.poll(() => db.memberWork.count({ where: { key: `test.one:${org.id}:${finance.userId}` } })).toBe(1);
    let ran = false;
    await expect(runCostly("test.one", work, finance, null, async () => (ran = true))).rejects.toThrow(STILL_RUNNING_MESSAGE);
    expect(ran).toBe(false);
    expect(await runCostly("test.one", work, admin, null, async () => "admin's")).toBe("admin's");
    finish();
    expect(await first).toBe("first");
    expect(await runCostly("test.one", work, finance, null, async () => "again")).toBe("again");
    expect(await db.memberWork.count({ where: { key: `test.one:${org.id}:${finance.userId}` } })).toBe(2);
  });

  it("refuses the second run on another app server too: the run under way is marked in PostgreSQL, not in one server's memory", async () => {
    const org = await createTestOrg("work-elsewhere");
    const work: CostlyWork<unknown> = { label: "Previews", unit: "use cases", budget: 1_000, units: () => 10, oneAtATime: true };
    const finance = { organizationId: org.id, userId: org.users.FINANCE.id };
    let finish!: () => void;
    const first = runCostly("test.elsewhere", work, finance, null, () => new Promise<void>((resolve) => (finish = resolve)));
    await expect.poll(() => db.memberWork.count({ where: { key: `test.elsewhere:${org.id}:${finance.userId}` } })).toBe(1);
    expect(await runElsewhere(org.id, finance.userId)).toBe(`refused: ${STILL_RUNNING_MESSAGE}`);
    finish();
    await first;
    expect(await runElsewhere(org.id, finance.userId)).toBe("ran");
    expect(await db.memberWork.count({ where: { key: `test.elsewhere:${org.id}:${finance.userId}`, doneAt: null } })).toBe(0);
  }, 60_000);

  it("frees the member's turn when a run fails", async () => {
    const org = await createTestOrg("work-fail");
    const work: CostlyWork<unknown> = { label: "Re-scores", unit: "use cases", budget: 1_000, units: () => 1, oneAtATime: true };
    const m = { organizationId: org.id, userId: org.users.ADMIN.id };
    await expect(runCostly("test.fail", work, m, null, async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await runCostly("test.fail", work, m, null, async () => "ok")).toBe("ok");
  });
});

describe("costly entry points refuse a member over their budget before doing the work", () => {
  it("a preview of new assumptions, for the member over budget only, and without counting the refusal or an invalid form", async () => {
    const org = await createTestOrg("work-preview");
    await createRetrievalUseCase(org, "Helpdesk", 40_000);
    await createRetrievalUseCase(org, "Intranet search", 5_000);
    signInAs(org.users.FINANCE.id);

    // The first preview counts the organization's two use cases.
    expect((await previewAssumptions(org.slug, previewInput)).ok).toBe(true);
    expect(await db.memberWork.findMany({ where: { key: `assumptions.preview:${org.id}:${org.users.FINANCE.id}` }, select: { units: true } })).toEqual([{ units: 2 }]);

    // An invalid form is refused as before, and counts nothing.
    const invalid = await previewAssumptions(org.slug, { ...previewInput, expectedVersion: "x" });
    expect(invalid).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await runsOf("assumptions.preview", org, org.users.FINANCE.id)).toBe(1);

    // 299,997 more use cases' worth three minutes ago: 2 more would go over 300,000.
    await ranBefore("assumptions.preview", org, org.users.FINANCE.id, [{ units: 299_997, msAgo: 3 * MIN }]);
    const refused = await previewAssumptions(org.slug, previewInput);
    expect(refused).toEqual({
      ok: false,
      code: "TOO_MANY_REQUESTS",
      message:
        "Previews of new assumptions over 299,999 use cases in the last 10 minutes: one member may ask for 300,000 in any 10 minutes, " +
        "so that no one person can slow the app down for everyone else. This one (2 use cases) can run in 7 minutes.",
    });
    expect(await runsOf("assumptions.preview", org, org.users.FINANCE.id)).toBe(2);

    // Another member of the organization has a budget of their own.
    signInAs(org.users.ADMIN.id);
    expect((await previewAssumptions(org.slug, previewInput)).ok).toBe(true);

    // Runs older than the window no longer count, and are deleted as the key is next used.
    await db.memberWork.updateMany({ where: { key: `assumptions.preview:${org.id}:${org.users.FINANCE.id}` }, data: { at: at(new Date(), WORK_WINDOW_MS + MIN) } });
    signInAs(org.users.FINANCE.id);
    expect((await previewAssumptions(org.slug, previewInput)).ok).toBe(true);
    expect(await runsOf("assumptions.preview", org, org.users.FINANCE.id)).toBe(1);
  });

  it("an export answers 429 with Retry-After and the reason, and streams nothing", async () => {
    const org = await createTestOrg("work-export");
    await createRetrievalUseCase(org, "Helpdesk", 40_000);
    await ranBefore("export.detail", org, org.users.FINANCE.id, [{ units: 600_000, msAgo: 8 * MIN }]);
    signInAs(org.users.FINANCE.id);
    const res = await detailGET(new Request(`http://localhost/o/${org.slug}/export/detail.csv`), { params: Promise.resolve({ org: org.slug }) });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe(String(2 * 60));
    expect(await res.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", error: expect.stringMatching(/^Exports of the cost detail over 600,000 use cases .* This one \(1 use case\) can run in 2 minutes\.$/) });
    // The executive's own budget is untouched: their export streams.
    signInAs(org.users.EXECUTIVE.id);
    const ok = await detailGET(new Request(`http://localhost/o/${org.slug}/export/detail.csv`), { params: Promise.resolve({ org: org.slug }) });
    expect(ok.status).toBe(200);
    expect((await ok.text()).split("\r\n").length).toBeGreaterThan(2);
  });

  it("an export link followed in the browser gets a page that says why and leads back, not JSON", async () => {
    const org = await createTestOrg("work-html");
    await ranBefore("export.detail", org, org.users.FINANCE.id, [{ units: 600_000, msAgo: 1 * MIN }]);
    signInAs(org.users.FINANCE.id);
    const res = await detailGET(new Request(`http://localhost/o/${org.slug}/export/detail.csv`, { headers: { accept: "text/html,application/xhtml+xml" } }), { params: Promise.resolve({ org: org.slug }) });
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('<p data-testid="refusal">Exports of the cost detail over 600,000 use cases in the last 10 minutes:');
    expect(html).toContain(`<a href="/o/${org.slug}/export">Back to the exports</a>`);
  });

  it("an import counts the file's rows by its lines, says 'about', and is not counted when it commits nothing", async () => {
    const org = await createTestOrg("work-import");
    signInAs(org.users.ADMIN.id);
    const key = `useCases.import.commit:${org.id}:${org.users.ADMIN.id}`;
    const long = "x".repeat(600);
    const good = csv([H, ...Array.from({ length: 40 }, (_, i) => tRow({ title: `Wide case ${i}`, description: long }))]);
    expect(await importUseCases(org.slug, { file: fileOf(good), fileName: "wide.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: true } });
    // 40 rows, whatever their length (by size they read as 127).
    expect(await db.memberWork.findMany({ where: { key }, select: { units: true } })).toEqual([{ units: 40 }]);
    // A file refused row by row commits nothing, and is not counted.
    const bad = csv([H, tRow({ title: "Bad horizon", horizonYears: "12" })]);
    expect(await importUseCases(org.slug, { file: fileOf(bad), fileName: "bad.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: false } });
    expect(await db.memberWork.count({ where: { key } })).toBe(1);
    // Over the budget, the refusal says the rows as counted, "about".
    await ranBefore("useCases.import.commit", org, org.users.ADMIN.id, [{ units: 99_990, msAgo: 2 * MIN }]);
    const refused = await importUseCases(org.slug, { file: fileOf(good), fileName: "wide.csv", mapping: templateMapping() });
    expect(refused).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^Imports over 100,030 rows in the last 10 minutes: .* This one \(about 40 rows\) can run in 8 minutes\.$/) });
  });

  it("covers every entry point that works through the whole organization or a whole file, and only those", async () => {
    await loadCallables();
    const costly = [...ENTRY_POINTS.values()].filter((e) => e.costly).map((e) => e.name).sort();
    expect(costly).toEqual([
      "actuals.import",
      "assumptions.preview",
      "assumptions.save",
      "export.businessUnits",
      "export.detail",
      "frameworks.previewWeights",
      "frameworks.rescoreAll",
      "frameworks.saveWeights",
      "useCases.import.check",
      "useCases.import.commit",
    ]);
  });
});
