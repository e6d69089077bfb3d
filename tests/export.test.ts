/**
 * The finance exports, through their route handlers: files parsed back with papaparse and
 * reconciled to the cent with the database (CostLine), the dashboard (CostYear) and each other;
 * hostile text neutralised; the filter honoured; refusals carry no data; the stream reads a
 * snapshot, one FETCH at a time, and gives its connection back when the download is cancelled.
 */
import Papa from "papaparse";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as buGET } from "@/app/o/[org]/export/business-units.csv/route";
import { GET as detailGET } from "@/app/o/[org]/export/detail.csv/route";
import { ExportLinks } from "@/app/o/[org]/export/export-links";
import { BU_COLUMNS, DETAIL_COLUMNS } from "@/lib/domain/export/cost-exports";
import { EMPTY_FILTER, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { ENTRY_POINTS } from "@/lib/server/action";
import { detailStream } from "@/lib/server/export/cost-exports";
import { exportPool } from "@/lib/server/export/pool";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { listWhere } from "@/lib/server/use-cases/list";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

let a: TestOrg;
let b: TestOrg;
let big: TestOrg;

/** Titles a spreadsheet would run, or that break naive CSV. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example","click")',
  "+1 555 0100",
  "@SUM(A1:A2)",
  "-2+3",
  "\tleading tab",
  "\rleading return",
  'Claims, "triage"\r\nsecond line',
  "Résumé screening — naïve, but 100% UTF-8 ✓",
];
const FORMULA = /^[=+\-@\t\r]/;
const neutralised = (s: string) => (FORMULA.test(s) ? `'${s}` : s);

beforeAll(async () => {
  a = await createTestOrg("exp");
  b = await createTestOrg("expother");
  for (const [i, title] of HOSTILE.entries()) {
    await insertUseCaseWithCosts(a.id, {
      title,
      businessUnit: i % 3 === 0 ? "=Support" : i % 3 === 1 ? "Legal, EMEA" : "Ops",
      ownerId: i % 2 ? a.users.LEAD.id : a.users.EXECUTIVE.id,
      status: i % 2 ? "LIVE" : "IDEA",
      recommended: i === 7 ? null : "RAG",
      chosen: i === 0 ? "FINE_TUNING" : i === 3 ? "AGENT" : null,
      riskFlags: i === 2 ? ["NO_EVALUATION_SET"] : [],
      startYear: 2027 + (i % 2),
      yearly: {
        RAG: { INFERENCE: [1_234_56 + i, 99_99, 5], RETRIEVAL_INFRA: [null, 10_00, 3_000_00] },
        FINE_TUNING: { RETRAINING: [40_000_00, 40_000_00, 40_000_01], FT_HOSTING: [1_490_000 + i, 1_490_000, null] },
        ...(i === 3 ? { AGENT: { MANUAL_ESTIMATE: [50_000_00, 55_000_00, 60_000_00] } } : {}),
      },
      manual: i === 3 ? ["AGENT"] : [],
    });
  }
  // Neither a deleted use case nor another organization's may appear.
  await insertUseCaseWithCosts(a.id, { title: "Deleted one", ownerId: a.users.LEAD.id, recommended: "RAG", deleted: true, yearly: { RAG: { INFERENCE: [999_99] } } });
  await insertUseCaseWithCosts(b.id, { title: "Not yours", ownerId: b.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [777_77] } } });
});

afterEach(() => signOut());

/** UTF-8, keeping the byte-order mark (Response.text() would drop it). Each chunk is whole lines. */
const decode = (bytes: ArrayBuffer | Uint8Array | undefined) => new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);

type Handler = typeof detailGET;
async function download(handler: Handler, slug: string, query = "") {
  const res = await handler(new Request(`http://localhost/o/${slug}/export/file.csv${query}`), { params: Promise.resolve({ org: slug }) });
  return { res, text: decode(await res.arrayBuffer()) };
}

const parse = (text: string) => {
  expect(text.startsWith("\uFEFF"), "UTF-8 byte-order mark").toBe(true);
  expect(text.endsWith("\r\n"), "the last record ends with CRLF").toBe(true);
  const out = Papa.parse<Record<string, string>>(text.slice(1, -2), { header: true, newline: "\r\n", skipEmptyLines: false });
  expect(out.errors).toEqual([]);
  return out.data;
};
/** "1234.50" → 123450n, exactly; "" → null. */
const cents = (s: string | undefined): bigint | null => {
  if (s === undefined || s === "") return null;
  expect(s).toMatch(/^\d+\.\d{2}$/);
  return BigInt(s.replace(".", ""));
};
const sum = (rows: Record<string, string>[], col: "low" | "base" | "high") => rows.reduce((s, r) => s + (cents(r[col]) ?? 0n), 0n);

/** Every record ends with CRLF; no bare CR or LF outside quoted fields. */
function expectCrlfRecords(text: string) {
  const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, "");
  expect(outsideQuotes.endsWith("\r\n")).toBe(true);
  expect(outsideQuotes).not.toMatch(/[^\r]\n|\r(?!\n)/);
}

describe("the detail export", () => {
  it("is a UTF-8 CSV download named after the organization, the export and the date", async () => {
    signInAs(a.users.FINANCE.id);
    const { res, text } = await download(detailGET, a.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${a.slug}-cost-detail-${today}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(text.slice(1, text.indexOf("\r\n"))).toBe(DETAIL_COLUMNS.join(","));
    expectCrlfRecords(text);
  });

  it("has one row per CostLine of the organization's live use cases, each amount exact, missing figures empty with a note", async () => {
    signInAs(a.users.FINANCE.id);
    const rows = parse((await download(detailGET, a.slug)).text);
    const lines = await db.costLine.findMany({ where: { organizationId: a.id, useCase: { deletedAt: null } } });
    expect(rows.length).toBe(lines.length);
    const key = (uc: string, ap: string, y: string | number, cat: string) => `${uc}|${ap}|${y}|${cat}`;
    const byKey = new Map(rows.map((r) => [key(r.use_case_id!, r.approach!, r.lifecycle_year!, r.category!), r]));
    for (const l of lines) {
      const r = byKey.get(key(l.useCaseId, l.approach, l.yearIndex, l.category))!;
      expect(r, `row for line ${l.id}`).toBeDefined();
      expect([cents(r.low), cents(r.base), cents(r.high)]).toEqual([l.lowCents, l.baseCents, l.highCents]);
      expect(r.calendar_year).toBe(String(l.calendarYear));
      expect(r.currency).toBe("USD");
      expect(r.note).toBe([l.baseCents === null ? "missing figure" : "", l.manual ? "manual estimate" : ""].filter(Boolean).join("; "));
      if (l.baseCents === null) expect([r.low, r.base, r.high]).toEqual(["", "", ""]);
    }
    const org = await db.organization.findUniqueOrThrow({ where: { id: a.id } });
    expect(new Set(rows.map((r) => r.organization))).toEqual(new Set([org.name]));
    expect(rows.some((r) => r.title === "Deleted one" || r.title === "Not yours")).toBe(false);
    // In total, to the cent.
    const [db3] = await db.$queryRaw<{ low: bigint; base: bigint; high: bigint }[]>`
      SELECT sum(l."lowCents")::bigint AS low, sum(l."baseCents")::bigint AS base, sum(l."highCents")::bigint AS high
        FROM "CostLine" l JOIN "UseCase" u ON u.id = l."useCaseId" WHERE u."organizationId" = ${a.id} AND u."deletedAt" IS NULL`;
    expect([sum(rows, "low"), sum(rows, "base"), sum(rows, "high")]).toEqual([db3!.low, db3!.base, db3!.high]);
  });

  it("describes each row's use case: owner, status, approaches, assumption version", async () => {
    signInAs(a.users.ADMIN.id);
    const rows = parse((await download(detailGET, a.slug)).text);
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: a.id, title: HOSTILE[0] } });
    const mine = rows.filter((r) => r.use_case_id === uc.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ owner: a.users.EXECUTIVE.email, status: "IDEA", recommended_approach: "RAG", chosen_approach: "FINE_TUNING", business_unit: "'=Support", assumption_version: "" });
    expect(new Set(mine.filter((r) => r.as_chosen === "yes").map((r) => r.approach))).toEqual(new Set(["FINE_TUNING"]));
  });

  it("neutralises hostile titles and business units, round-trips commas, quotes and line breaks, and keeps numbers intact", async () => {
    signInAs(a.users.FINANCE.id);
    const rows = parse((await download(detailGET, a.slug)).text);
    for (const title of HOSTILE) expect(rows.some((r) => r.title === neutralised(title)), title).toBe(true);
    for (const r of rows) {
      for (const col of ["organization", "title", "business_unit", "owner", "category", "note"] as const) expect(r[col]).not.toMatch(FORMULA);
      for (const col of ["low", "base", "high"] as const) expect(r[col]).toMatch(/^(\d+\.\d{2})?$/);
    }
    expect(new Set(rows.map((r) => r.business_unit))).toEqual(new Set(["'=Support", "Legal, EMEA", "Ops"]));
  });

  it("adds up, as chosen, to the dashboard's totals (CostYear) to the cent, year by year", async () => {
    signInAs(a.users.EXECUTIVE.id);
    const rows = parse((await download(detailGET, a.slug)).text);
    const dash = await loadDashboard(a.id, EMPTY_FILTER);
    const years = [...new Set(dash.scenarios.map((s) => s.calendarYear))];
    expect(years.length).toBeGreaterThan(1);
    for (const year of years) {
      const inYear = rows.filter((r) => r.calendar_year === String(year));
      const check = (scenario: string, picked: Record<string, string>[]) => {
        const d = dash.scenarios.find((s) => s.scenario === scenario && s.calendarYear === year)!;
        expect([sum(picked, "low"), sum(picked, "base"), sum(picked, "high")], `${scenario} ${year}`).toEqual([BigInt(d.low), BigInt(d.base), BigInt(d.high)]);
      };
      check("chosen", inYear.filter((r) => r.as_chosen === "yes"));
      check("recommended", inYear.filter((r) => r.approach === r.recommended_approach));
      for (const ap of ["RAG", "FINE_TUNING"]) check(ap, inYear.filter((r) => r.approach === ap));
    }
  });

  it("honours the portfolio filter", async () => {
    signInAs(a.users.FINANCE.id);
    const cases: [string, PortfolioFilter][] = [
      ["?bu=Ops", { ...EMPTY_FILTER, businessUnit: ["Ops"] }],
      ["?bu=%3DSupport&bu=Legal%2C+EMEA", { ...EMPTY_FILTER, businessUnit: ["=Support", "Legal, EMEA"] }],
      ["?status=LIVE", { ...EMPTY_FILTER, status: ["LIVE"] }],
      [`?owner=${a.users.LEAD.id}`, { ...EMPTY_FILTER, ownerId: [a.users.LEAD.id] }],
      ["?chosen=AGENT", { ...EMPTY_FILTER, chosen: ["AGENT"] }],
      ["?recommended=RAG&status=IDEA", { ...EMPTY_FILTER, recommended: ["RAG"], status: ["IDEA"] }],
      ["?flag=NO_EVALUATION_SET", { ...EMPTY_FILTER, flag: ["NO_EVALUATION_SET"] }],
      ["?bu=Nobody", { ...EMPTY_FILTER, businessUnit: ["Nobody"] }],
      ["?chosen=NONE", { ...EMPTY_FILTER, chosen: ["NONE"] }],
      ["?as=RAG", { ...EMPTY_FILTER, asChosen: ["RAG"] }],
    ];
    for (const [query, f] of cases) {
      const rows = parse((await download(detailGET, a.slug, query)).text);
      // The list's own filter (the portfolio test holds it to the dashboard's SQL).
      const expected = await db.useCase.findMany({ where: listWhere(a.id, f, ""), select: { id: true } });
      expect(expected.length > 0, `${query} has use cases to export`).toBe(query !== "?bu=Nobody");
      expect(new Set(rows.map((r) => r.use_case_id)), query).toEqual(new Set(expected.map((e) => e.id)));
    }
  });

  it("is just the header when nothing matches", async () => {
    signInAs(a.users.FINANCE.id);
    const { text } = await download(detailGET, a.slug, "?bu=Nobody");
    expect(text).toBe(`\uFEFF${DETAIL_COLUMNS.join(",")}\r\n`);
  });
});

describe("the business-unit rollup", () => {
  it("is named, headed and CRLF like the detail", async () => {
    signInAs(a.users.FINANCE.id);
    const { res, text } = await download(buGET, a.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${a.slug}-cost-by-business-unit-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(text.slice(1, text.indexOf("\r\n"))).toBe(BU_COLUMNS.join(","));
    expectCrlfRecords(text);
  });

  it("equals the detail rows summed by business unit, year and approach, for each scenario, both ways", async () => {
    signInAs(a.users.EXECUTIVE.id);
    const detail = parse((await download(detailGET, a.slug)).text);
    const bu = parse((await download(buGET, a.slug)).text);
    expect(new Set(bu.map((r) => r.scenario))).toEqual(new Set(["as chosen", "as recommended", "all"]));
    // Every row names the organization, as the detail's rows do.
    const { name } = await db.organization.findUniqueOrThrow({ where: { id: a.id }, select: { name: true } });
    expect(new Set(bu.map((r) => r.organization))).toEqual(new Set([name]));
    const inScenario: Record<string, (d: Record<string, string>) => boolean> = {
      "as chosen": (d) => d.as_chosen === "yes",
      "as recommended": (d) => d.approach === d.recommended_approach,
      all: () => true,
    };
    const group = (r: Record<string, string>) => `${r.business_unit}|${r.calendar_year}|${r.approach}`;
    for (const [scenario, keep] of Object.entries(inScenario)) {
      const fromDetail = new Map<string, Record<string, string>[]>();
      for (const d of detail.filter(keep)) fromDetail.set(group(d), [...(fromDetail.get(group(d)) ?? []), d]);
      const rollup = bu.filter((r) => r.scenario === scenario);
      expect(new Set(rollup.map(group)), scenario).toEqual(new Set(fromDetail.keys()));
      for (const r of rollup) {
        const ds = fromDetail.get(group(r))!;
        expect([cents(r.low), cents(r.base), cents(r.high)], `${scenario} ${group(r)}`).toEqual([sum(ds, "low"), sum(ds, "base"), sum(ds, "high")]);
        expect(r.use_cases).toBe(String(new Set(ds.map((d) => d.use_case_id)).size));
        const incomplete = new Set(ds.filter((d) => d.note!.includes("missing figure")).map((d) => d.use_case_id)).size;
        expect(r.incomplete_use_cases).toBe(String(incomplete));
        expect(r.note!.includes("missing figures left out")).toBe(incomplete > 0);
        expect(r.note!.includes("manual")).toBe(ds.some((d) => d.note!.includes("manual estimate")));
      }
    }
    // and so to the dashboard's as-chosen lifecycle total
    const dash = await loadDashboard(a.id, EMPTY_FILTER);
    const chosenTotal = dash.scenarios.filter((s) => s.scenario === "chosen").reduce((s, r) => s + BigInt(r.base), 0n);
    expect(sum(bu.filter((r) => r.scenario === "as chosen"), "base")).toBe(chosenTotal);
  });

  it("honours the filter and neutralises business units", async () => {
    signInAs(a.users.ADMIN.id);
    const rows = parse((await download(buGET, a.slug, "?bu=%3DSupport")).text);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.business_unit))).toEqual(new Set(["'=Support"]));
  });
});

describe("who may export", () => {
  it("registers both routes as entry points for finance, executives and admins", () => {
    for (const name of ["export.detail", "export.businessUnits"]) {
      expect(ENTRY_POINTS.get(name)).toEqual({ name, kind: "route", roles: ["FINANCE", "EXECUTIVE", "ADMIN"], mutates: false, costly: true });
    }
  });

  it.each(["FINANCE", "EXECUTIVE", "ADMIN"] as const)("%s may", async (role) => {
    signInAs(a.users[role].id);
    for (const h of [detailGET, buGET]) expect((await download(h, a.slug)).res.status).toBe(200);
  });

  it.each([
    ["a lead of the organization", () => signInAs(a.users.LEAD.id), 403],
    ["another organization's admin", () => signInAs(b.users.ADMIN.id), 404],
    ["another organization's finance member", () => signInAs(b.users.FINANCE.id), 404],
    ["someone signed out", () => signOut(), 401],
  ] as const)("%s is refused, with no data", async (_who, as, status) => {
    as();
    for (const h of [detailGET, buGET]) {
      const { res, text } = await download(h, a.slug);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(res.headers.get("content-disposition")).toBeNull();
      for (const t of [...HOSTILE.map((x) => x.slice(0, 10)), "Support", "Ops", "USD", "use_case_id"]) expect(text).not.toContain(t);
    }
  });

  it("the download links (for the portfolio and exports pages) carry the filter, and are not shown to a lead", () => {
    const filter = { ...EMPTY_FILTER, businessUnit: ["Sales & Ops"], status: ["LIVE" as const] };
    const html = renderToStaticMarkup(createElement(ExportLinks, { orgSlug: "demo", role: "FINANCE", filter }));
    expect(html).toContain('href="/o/demo/export/detail.csv?bu=Sales+%26+Ops&amp;status=LIVE"');
    expect(html).toContain('href="/o/demo/export/business-units.csv?bu=Sales+%26+Ops&amp;status=LIVE"');
    expect(renderToStaticMarkup(createElement(ExportLinks, { orgSlug: "demo", role: "LEAD", filter }))).toBe("");
  });

  it("a slug that is not an organization is a 404", async () => {
    signInAs(a.users.ADMIN.id);
    expect((await download(detailGET, "no-such-org")).res.status).toBe(404);
  });
});

describe("streaming", () => {
  let useCaseId: string;
  // More than the connection's buffers hold: 13 use cases of four approaches, each approach 60
  // categories over 4 years (a set holds at most 255 lines).
  const USE_CASES = 13, CATEGORIES = 60, YEARS = 4;
  const LINES = USE_CASES * 4 * CATEGORIES * YEARS; // 12,480

  beforeAll(async () => {
    big = await createTestOrg("expbig");
    const cats = Object.fromEntries(Array.from({ length: CATEGORIES }, (_, i) => [`CAT_${String(i).padStart(4, "0")}`, Array.from({ length: YEARS }, (_, y) => 100 * (y + 1) + i)]));
    const ids: string[] = [];
    for (let n = 0; n < USE_CASES; n++) {
      ids.push(await insertUseCaseWithCosts(big.id, { title: `Big ${n}`, ownerId: big.users.LEAD.id, recommended: "RAG", yearly: { RAG: cats, FINE_TUNING: cats, HYBRID: cats, PROMPTING: cats } }));
    }
    useCaseId = ids[0]!;
  }, 240_000); // 12,480 lines: over a minute on a busy machine under the mutation runner's coverage

  const held = () => exportPool().totalCount - exportPool().idleCount;
  const exportSessions = async () =>
    (await db.$queryRaw<{ state: string }[]>`SELECT state FROM pg_stat_activity WHERE application_name = 'tradeoff-export' AND datname = current_database() AND state <> 'idle'`).map((r) => r.state);

  it("sends the header first, reads a chunk per pull (not the whole file), and gives the connection back on cancel", async () => {
    const reader = detailStream({ id: big.id, name: "Big Co" }, EMPTY_FILTER).getReader();
    const first = await reader.read();
    expect(decode(first.value)).toBe(`\uFEFF${DETAIL_COLUMNS.join(",")}\r\n`);
    const second = await reader.read();
    const lines = decode(second.value).split("\r\n").length - 1;
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(LINES);
    // The reader stops: the stream holds its connection and transaction (the database waits to
    // send, or has sent into the socket's buffer), and reads nothing more until it is asked.
    await expect.poll(exportSessions, { timeout: 15_000 }).toHaveLength(1);
    expect(held()).toBe(1);
    await reader.cancel();
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    await expect.poll(exportSessions, { timeout: 15_000 }).toEqual([]);
  });

  it("reads one snapshot: changes made while it streams do not show", async () => {
    const reader = detailStream({ id: big.id, name: "Big Co" }, EMPTY_FILTER).getReader();
    const dec = new TextDecoder("utf-8", { ignoreBOM: true });
    let text = dec.decode((await reader.read()).value, { stream: true }) + dec.decode((await reader.read()).value, { stream: true });
    // A re-projection while the download is under way: every line replaced.
    await db.$transaction([
      db.costLineSet.deleteMany({ where: { organizationId: big.id } }),
      db.$executeRaw`INSERT INTO "CostLineSet" ("organizationId", "useCaseId", approach, category, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents") VALUES (${big.id}, ${useCaseId}, 'RAG', '{NEW}', '{1}', '{2027}', '{1}', '{1}', '{1}')`,
    ]);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
    const rows = parse(text);
    expect(rows.length).toBe(LINES);
    expect(rows.some((r) => r.category === "NEW")).toBe(false);
    await expect.poll(held, { timeout: 15_000 }).toBe(0);
    // The next export sees the change.
    const after = parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(detailStream({ id: big.id, name: "Big Co" }, EMPTY_FILTER)).arrayBuffer()));
    expect(after.map((r) => r.category)).toEqual(["NEW"]);
  });
});
