/**
 * Issue 21, items 1 and 2: importing actual spend (FOCUS, LiteLLM, streamed), attributing it to use
 * cases by tag and by finance's rules (with shares), unattributed spend kept apart, re-imported
 * months replacing (never doubling), undo, audit, and every figure reconciling to the cent with the
 * sums worked out by hand in tests/helpers/actuals-samples.ts.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { deleteRule, saveRule } from "@/lib/server/actuals/rules";
import { undoActualImport } from "@/lib/server/actuals/undo";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { chunked, focusFebruaryReissued, focusSample, litellmSample } from "./helpers/actuals-samples";

const actor = (org: TestOrg, role: "FINANCE" | "ADMIN" | "LEAD" | "EXECUTIVE" = "FINANCE"): ActualsActor => ({ organizationId: org.id, userId: org.users[role].id, role });

async function setUp(label: string) {
  const org = await createTestOrg(label);
  const a = await insertUseCaseWithCosts(org.id, { title: "Claims triage", ownerId: org.users.LEAD.id, recommended: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [2_400_00], RETRIEVAL_INFRA: [600_00] } } });
  const b = await insertUseCaseWithCosts(org.id, { title: "Letter drafting", ownerId: org.users.LEAD.id, recommended: "PROMPTING", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00] } } });
  await db.useCase.update({ where: { id: a }, data: { externalId: "UC-A" } });
  await db.useCase.update({ where: { id: b }, data: { externalId: "UC-B" } });
  return { org, a, b };
}

/** Attributed spend by (use case or reason, month), in cents, as plain numbers. */
async function spendOf(organizationId: string) {
  const rows = await db.actualSpend.groupBy({ by: ["useCaseId", "reason", "month"], where: { organizationId }, _sum: { cents: true } });
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.useCaseId ?? r.reason}|${r.month.toISOString().slice(0, 7)}`] = Number(r._sum.cents);
  return out;
}
async function totalOf(organizationId: string, month: string) {
  const r = await db.actualSpend.aggregate({ where: { organizationId, month: new Date(`${month}-01T00:00:00Z`) }, _sum: { cents: true } });
  return Number(r._sum.cents ?? 0);
}

describe("importing a FOCUS file", () => {
  it("sums exactly, attributes by tag, keeps untagged and unknown tags apart, and reconciles each month to the cent", async () => {
    const { org, a, b } = await setUp("focus");
    const out = await importActuals(actor(org), { source: chunked(focusSample(), 13), fileName: "focus-2026-01.csv", feed: "Azure" });
    expect(out).toMatchObject({ committed: true, format: "FOCUS", rows: 10, accepted: 10, refusedCount: 0, months: { "2026-01": "21567", "2026-02": "24700" }, totalCents: "46267" });
    const s = await spendOf(org.id);
    // No rule yet: the shared vector database is unattributed, like the orphan VM.
    expect(s).toEqual({
      [`${a}|2026-01`]: 12001,
      [`${b}|2026-01`]: 3010,
      "untagged|2026-01": 5001 + 1000,
      "unknown-tag|2026-01": 555,
      [`${a}|2026-02`]: 20000,
      "untagged|2026-02": 4000 + 700,
    });
    expect(await totalOf(org.id, "2026-01")).toBe(21567);
    expect(await totalOf(org.id, "2026-02")).toBe(24700);
    const event = await db.auditEvent.findFirst({ where: { organizationId: org.id, action: "actuals.imported", entityId: out.importId! } });
    expect(event?.after).toMatchObject({ fileName: "focus-2026-01.csv", feed: "Azure", rows: 10, totalCents: "46267" });
  });

  it("splits a shared resource by finance's rule, exactly, leaving the share not given unattributed; re-attributes when rules change", async () => {
    const { org, a, b } = await setUp("rules");
    await importActuals(actor(org), { source: chunked(focusSample()), fileName: "focus.csv", feed: "Azure" });
    await saveRule(actor(org), { field: "resource", value: "vector-db-1", useCaseId: a, shareBp: 6000 });
    await saveRule(actor(org, "ADMIN"), { field: "resource", value: "vector-db-1", useCaseId: b, shareBp: 3000 });
    let s = await spendOf(org.id);
    // 50.01 split 60/30/10: 30.006 → 30.01 (largest remainder), 15.003 → 15.00, 5.001 → 5.00.
    expect(s[`${a}|2026-01`]).toBe(12001 + 3001);
    expect(s[`${b}|2026-01`]).toBe(3010 + 1500);
    expect(s["untagged|2026-01"]).toBe(500 + 1000);
    expect(await totalOf(org.id, "2026-01")).toBe(21567);
    // More than 100% of one resource is refused, and nothing changes.
    await expect(saveRule(actor(org), { field: "resource", value: "vector-db-1", useCaseId: b, shareBp: 5000 })).rejects.toThrow(/at most 40% is left/);
    expect(await spendOf(org.id)).toEqual(s);
    // Deleting A's rule puts its share back with the unattributed spend.
    const rule = await db.actualRule.findFirstOrThrow({ where: { organizationId: org.id, useCaseId: a } });
    await deleteRule(actor(org), { id: rule.id });
    s = await spendOf(org.id);
    expect(s[`${a}|2026-01`]).toBe(12001);
    expect(s["untagged|2026-01"]).toBe(5001 - 1500 + 1000);
    const events = await db.auditEvent.findMany({ where: { organizationId: org.id, entity: "ActualRule" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["actuals.rule_saved", "actuals.rule_saved", "actuals.rule_deleted"]);
  });

  it("replaces a re-imported month instead of adding to it, and undoing the re-import brings the first one back", async () => {
    const { org, a, b } = await setUp("reimport");
    await saveRule(actor(org), { field: "resource", value: "vector-db-1", useCaseId: a, shareBp: 6000 });
    await saveRule(actor(org), { field: "resource", value: "vector-db-1", useCaseId: b, shareBp: 4000 });
    await importActuals(actor(org), { source: chunked(focusSample()), fileName: "focus.csv", feed: "Azure" });
    expect(await totalOf(org.id, "2026-02")).toBe(24700);
    const again = await importActuals(actor(org), { source: chunked(focusFebruaryReissued()), fileName: "focus-feb-v2.csv", feed: "Azure" });
    expect(again).toMatchObject({ committed: true, replacedMonths: ["2026-02"], months: { "2026-02": "22000" } });
    expect(await totalOf(org.id, "2026-02")).toBe(22000);
    expect(await totalOf(org.id, "2026-01")).toBe(21567);
    const s = await spendOf(org.id);
    expect(s[`${a}|2026-02`]).toBe(18000 + 2400);
    expect(s[`${b}|2026-02`]).toBe(1600);
    expect(s["untagged|2026-02"]).toBeUndefined();
    // The same file twice: still one February.
    await importActuals(actor(org), { source: chunked(focusFebruaryReissued()), fileName: "focus-feb-v2.csv", feed: "Azure" });
    expect(await totalOf(org.id, "2026-02")).toBe(22000);
    // Another feed's file for the same month adds to it (a different bill).
    await importActuals(actor(org), { source: chunked(litellmSample()), fileName: "litellm.csv" });
    expect(await totalOf(org.id, "2026-01")).toBe(21567 + 1688);

    // Undo the last Azure import: the second copy's February passes back to the first re-issue, not the original.
    const imports = await db.actualImport.findMany({ where: { organizationId: org.id, feed: "Azure" }, orderBy: { createdAt: "asc" } });
    await undoActualImport(actor(org), imports[2]!.id);
    expect(await totalOf(org.id, "2026-02")).toBe(22000);
    await undoActualImport(actor(org), imports[1]!.id);
    expect(await totalOf(org.id, "2026-02")).toBe(24700);
    await expect(undoActualImport(actor(org), imports[1]!.id)).rejects.toThrow(/already been undone/);
    const undone = await db.auditEvent.findMany({ where: { organizationId: org.id, action: "actuals.import_undone" } });
    expect(undone).toHaveLength(2);
  });

  it("refuses a row in another currency unless a rate is given, saying so for that row", async () => {
    const { org, b } = await setUp("currency");
    const refused = await importActuals(actor(org), { source: chunked(focusSample({ withEuroRow: true })), fileName: "focus.csv", feed: "Azure" });
    expect(refused).toMatchObject({ committed: false, refusedCount: 1, refused: [{ row: 12, message: expect.stringMatching(/EUR, and no exchange rate/) }] });
    expect(await db.actualImport.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db.actualSpend.count({ where: { organizationId: org.id } })).toBe(0);
    // Leaving it out on purpose.
    const without = await importActuals(actor(org), { source: chunked(focusSample({ withEuroRow: true })), fileName: "focus.csv", feed: "Azure", onlyValid: true });
    expect(without).toMatchObject({ committed: true, refusedCount: 1, months: { "2026-02": "24700" } });
    await undoActualImport(actor(org), without.importId!);
    // With a rate: 9.00 EUR × 1.10 = $9.90, to UC-B.
    const withRate = await importActuals(actor(org), { source: chunked(focusSample({ withEuroRow: true })), fileName: "focus.csv", feed: "Azure", ratesMicros: { EUR: 1_100_000n } });
    expect(withRate).toMatchObject({ committed: true, refusedCount: 0, months: { "2026-02": "25690" } });
    expect((await spendOf(org.id))[`${b}|2026-02`]).toBe(990);
  });

  it("reads EffectiveCost instead of BilledCost when asked, never both", async () => {
    const { org } = await setUp("effective");
    const text = focusSample().replace("2026-01-08T00:00:00Z,2026-01-08T23:59:59Z,10.00,10.00", "2026-01-08T00:00:00Z,2026-01-08T23:59:59Z,10.00,4.00");
    const out = await importActuals(actor(org), { source: chunked(text), fileName: "focus.csv", costColumn: "EffectiveCost" });
    expect(out).toMatchObject({ committed: true, months: { "2026-01": String(21567 - 600) } });
  });
});

describe("where the unattributed spend comes from", () => {
  it("adds up to the year's unattributed total, to the cent: what a share leaves and a trashed use case's rule included, other years not", async () => {
    const { org, a, b } = await setUp("sources");
    await saveRule(actor(org), { field: "resource", value: "shared-db", useCaseId: a, shareBp: 6000 });
    await saveRule(actor(org), { field: "resource", value: "b-db", useCaseId: b, shareBp: 10000 });
    await db.useCase.update({ where: { id: b }, data: { deletedAt: new Date() } });
    const rows = ["2025-12-10,70.00,old-db", "2026-01-10,100.01,shared-db", "2026-01-11,10.00,other", "2026-02-11,5.00,b-db"];
    await importActuals(actor(org), { source: chunked(["date,cost,resource", ...rows].join("\n") + "\n"), fileName: "x.csv", feed: "X" });
    const { loadPortfolioActuals } = await import("@/lib/server/actuals/portfolio");
    const { unattributedSources } = await import("@/lib/server/actuals/sources-read");
    const p = await loadPortfolioActuals(org.id);
    // 2026: 40% of $100.01 ($40.00; A has $60.01), $10.00 with no rule, and $5.00 whose rule's use case is in the trash.
    expect(p.unattributed).toEqual([{ reason: "untagged", cents: 55_00 }]);
    const { sources, others } = await unattributedSources(org.id, 2026);
    expect(sources).toEqual([
      { resource: "shared-db", sku: "", account: "", tag: null, tagInTrash: false, tagAmbiguous: [], cents: 40_00 },
      { resource: "other", sku: "", account: "", tag: null, tagInTrash: false, tagAmbiguous: [], cents: 10_00 },
      { resource: "b-db", sku: "", account: "", tag: null, tagInTrash: false, tagAmbiguous: [], cents: 5_00 },
    ]);
    expect(others).toEqual({ count: 0, cents: 0 });
    // A smaller list: the rest in one sum, still adding up.
    const top = await unattributedSources(org.id, 2026, 1);
    expect(top.sources.map((s) => s.resource)).toEqual(["shared-db"]);
    expect(top.others).toEqual({ count: 2, cents: 15_00 });
  });

  it("says a tag names a use case in the trash, not no use case at all", async () => {
    const { org, b } = await setUp("sources-trash");
    await db.useCase.update({ where: { id: b }, data: { deletedAt: new Date() } });
    const rows = ["2026-01-10,12.00,letters-api,usecase=UC-B", "2026-01-11,3.00,old-api,usecase=UC-GONE"];
    await importActuals(actor(org), { source: chunked(["date,cost,resource,tags", ...rows].join("\n") + "\n"), fileName: "t.csv", feed: "T" });
    const { unattributedSources } = await import("@/lib/server/actuals/sources-read");
    const { sources } = await unattributedSources(org.id, 2026);
    expect(sources.map((s) => [s.tag, s.tagInTrash, s.cents])).toEqual([["UC-B", true, 12_00], ["UC-GONE", false, 3_00]]);
  });
});

describe("importing a LiteLLM spend export", () => {
  it("recognises it, reads request_tags, and applies an account rule with a share", async () => {
    const { org, a, b } = await setUp("litellm");
    await saveRule(actor(org), { field: "account", value: "team-shared", useCaseId: a, shareBp: 5000 });
    const out = await importActuals(actor(org), { source: chunked(litellmSample(), 5), fileName: "litellm-jan.csv" });
    expect(out).toMatchObject({ committed: true, format: "LITELLM", feed: "LITELLM", rows: 6, months: { "2026-01": "1688" } });
    const s = await spendOf(org.id);
    // Lines: sk-b 0.370368 → 37, sk-a 12.50 → 1250, sk-x 1.005 → 100 or 101, team-shared 3.00 → 300; they add to 1688.
    expect(s[`${b}|2026-01`]).toBe(37);
    expect(s[`${a}|2026-01`]).toBe(1250 + 150);
    expect(s["untagged|2026-01"]).toBe(1688 - 37 - 1250 - 150);
    expect(Object.values(s).reduce((x, y) => x + y, 0)).toBe(1688);
    const lines = await db.actualLine.findMany({ where: { organizationId: org.id }, select: { category: true, quantity: true, sku: true } });
    expect(new Set(lines.map((l) => l.category))).toEqual(new Set(["INFERENCE"]));
    expect(lines.reduce((n, l) => n + l.quantity, 0)).toBe(12 * 3 + 500 + 40 + 100);
  });

  it("counts its api_requests as calls, so the actuals page has a cost per call from a LiteLLM log", async () => {
    const { org } = await setUp("litellm-calls");
    await importActuals(actor(org), { source: chunked(litellmSample()), fileName: "litellm-jan.csv" });
    const { loadUnitCosts } = await import("@/lib/server/actuals/unit-costs");
    const { observed } = await loadUnitCosts(org.id);
    // No unit column: the quantity column (api_requests) counts requests. 676 calls for $16.88.
    expect(observed.calls).toMatchObject({ count: 12 * 3 + 500 + 40 + 100, cents: 1688 });
    expect(observed.calls!.usdPerCall).toBeCloseTo(16.88 / 676, 9);
  });
});

describe("a spreadsheet's own first line", () => {
  it("\"sep=;\" names the delimiter and is neither the header nor a row: rows keep the numbers the spreadsheet shows", async () => {
    const { streamCsv } = await import("@/lib/server/actuals/csv-stream");
    const heads: string[][] = [];
    const rows: [number, string[]][] = [];
    await streamCsv(chunked("sep=;\r\ndate;cost\r\n2026-01-05;1.50\r\n"), (h) => void heads.push(h.headers), (row, cells) => void rows.push([row, cells]));
    expect(heads).toEqual([["date", "cost"]]);
    expect(rows).toEqual([[2, ["2026-01-05", "1.50"]]]);
  });
});

describe("bad input and who may", () => {
  it("refuses a file with no cost or date column, and unreadable rows, with nothing written", async () => {
    const { org } = await setUp("bad");
    const noCost = await importActuals(actor(org), { source: chunked("when,what\n2026-01-01,x\n"), fileName: "x.csv" });
    expect(noCost.committed).toBe(false);
    expect(noCost.problems.join(" ")).toMatch(/date.*cost|cost/i);
    const badRows = await importActuals(actor(org), { source: chunked("date,cost\n2026-13-01,1\n2026-01-01,abc\n2026-01-02,2.50\n"), fileName: "x.csv" });
    expect(badRows).toMatchObject({ committed: false, refusedCount: 2, refused: [{ row: 2, message: expect.stringMatching(/not a date/) }, { row: 3, message: expect.stringMatching(/not a number/) }] });
    const empty = await importActuals(actor(org), { source: chunked(""), fileName: "x.csv" });
    expect(empty).toMatchObject({ committed: false, problems: [expect.stringMatching(/empty/)] });
    expect(await db.actualImport.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("lets only finance and admins import, set rules and undo, and only in their own organization", async () => {
    const { org, a } = await setUp("roles");
    const other = await createTestOrg("roles-other");
    for (const role of ["LEAD", "EXECUTIVE"] as const) {
      await expect(importActuals(actor(org, role), { source: chunked(focusSample()), fileName: "f.csv" })).rejects.toThrow(/finance and admins/);
      await expect(saveRule(actor(org, role), { field: "resource", value: "x", useCaseId: a, shareBp: 10000 })).rejects.toThrow(/finance and admins/);
    }
    const out = await importActuals(actor(org), { source: chunked(focusSample()), fileName: "f.csv" });
    await expect(undoActualImport(actor(other), out.importId!)).rejects.toThrow(/does not exist/);
    await expect(saveRule(actor(other), { field: "resource", value: "x", useCaseId: a, shareBp: 10000 })).rejects.toThrow(/does not exist/);
    expect(await totalOf(org.id, "2026-01")).toBe(21567);
  });
});

describe("a bill whose headers are its own", () => {
  const bill = "Invoice Date,Amount USD,Project\n2026-01-15,12.50,UC-1\n2026-02-15,30.00,UC-1\n";
  it("imports once its date and cost columns are chosen, and refuses a column the file lacks, writing nothing", async () => {
    const org = await createTestOrg("own-headers");
    const lacking = await importActuals(actor(org), { source: chunked(bill), fileName: "bill.csv", feed: "Bills", chosenColumns: { date: "Invoice date (UTC)", cost: "Amount USD" } });
    expect(lacking.committed).toBe(false);
    expect(lacking.problems).toContain("The file has no column “Invoice date (UTC)”.");
    expect(await db.actualImport.count({ where: { organizationId: org.id } })).toBe(0);

    const out = await importActuals(actor(org), { source: chunked(bill), fileName: "bill.csv", feed: "Bills", chosenColumns: { date: "Invoice Date", cost: "Amount USD", useCase: "Project" } });
    expect(out).toMatchObject({ committed: true, accepted: 2, totalCents: "4250" });
    expect(out.columns).toMatchObject({ "Invoice Date": "date", "Amount USD": "cost", Project: "useCase" });
  });
});
