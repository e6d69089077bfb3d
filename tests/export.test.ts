import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as detailGET } from "@/app/o/[org]/export/detail.csv/route";
import { GET as buGET } from "@/app/o/[org]/export/business-units.csv/route";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { loadDashboard, total } from "@/lib/server/portfolio/dashboard";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

let a: TestOrg;
let b: TestOrg;
const HOSTILE = ['=HYPERLINK("http://evil")', "+1 555", "@SUM(1)", "-2+3", 'Claims, "triage"\nsecond line'];

beforeAll(async () => {
  a = await createTestOrg("exp");
  b = await createTestOrg("expother");
  for (const [i, title] of HOSTILE.entries()) {
    await insertUseCaseWithCosts(a.id, {
      title, businessUnit: i % 2 ? "Legal" : "=Support", ownerId: a.users.LEAD.id, recommended: "RAG", chosen: i === 0 ? "FINE_TUNING" : null,
      yearly: { RAG: { INFERENCE: [1_234_56 + i, 99_99], RETRIEVAL_INFRA: [null, 10_00] }, FINE_TUNING: { RETRAINING: [40_000_00, 40_000_00] } },
    });
  }
  await insertUseCaseWithCosts(b.id, { title: "Not yours", ownerId: b.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [777_77] } } });
});

async function download(handler: typeof detailGET, slug: string, query = "") {
  const res = await handler(new Request(`http://localhost/o/${slug}/export/x.csv${query}`), { params: Promise.resolve({ org: slug }) });
  return { res, text: res.status === 200 ? await res.text() : "" };
}

const parse = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
const cents = (s: string | undefined) => (!s ? 0 : Math.round(Number(s) * 100));

describe("the finance exports", () => {
  it("detail rows parse back, reconcile with the dashboard to the cent, and neutralise formulas", async () => {
    signInAs(a.users.FINANCE.id);
    const { res, text } = await download(detailGET, a.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`filename="${a.slug}-cost-detail-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
    expect(text).toContain("\r\n");
    const rows = parse(text);
    expect(rows.length).toBe(HOSTILE.length * 6);
    expect(new Set(rows.map((r) => r.organization))).toEqual(new Set([a.slug]));
    for (const t of HOSTILE) expect(rows.some((r) => r.title === (/^[=+\-@]/.test(t) ? `'${t}` : t))).toBe(true);
    expect(rows.filter((r) => r.note === "missing figure").every((r) => r.base === "")).toBe(true);
    expect(rows[0]!.base).toMatch(/^\d+\.\d{2}$/);
    // Sum of rows for each use case's as-chosen approach = the dashboard's as-chosen total.
    const asChosen = rows.filter((r) => r.approach === (r.chosen_approach || r.recommended_approach));
    const dash = await loadDashboard(a.id, EMPTY_FILTER);
    expect(asChosen.reduce((s, r) => s + cents(r.base), 0)).toBe(total(dash.yearly).base);
    expect(asChosen.reduce((s, r) => s + cents(r.high), 0)).toBe(total(dash.yearly).high);
  });

  it("the business-unit rollup equals the detail rows summed by unit, year and approach", async () => {
    signInAs(a.users.EXECUTIVE.id);
    const detail = parse((await download(detailGET, a.slug)).text);
    const bu = parse((await download(buGET, a.slug)).text);
    const chosenRows = bu.filter((r) => r.scenario === "as chosen");
    expect(chosenRows.length).toBeGreaterThan(0);
    for (const r of chosenRows) {
      const mine = detail.filter((d) => d.business_unit === r.business_unit && d.calendar_year === r.calendar_year && d.approach === r.approach && d.approach === (d.chosen_approach || d.recommended_approach));
      expect(mine.reduce((s, d) => s + cents(d.base), 0)).toBe(cents(r.base));
    }
    expect(bu.some((r) => r.business_unit === "'=Support")).toBe(true);
  });

  it("honours the filter", async () => {
    signInAs(a.users.ADMIN.id);
    const rows = parse((await download(detailGET, a.slug, "?bu=Legal")).text);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.business_unit === "Legal")).toBe(true);
  });

  it("refuses a lead, another organization's admin, and the signed out, with no data", async () => {
    signInAs(a.users.LEAD.id);
    expect((await download(detailGET, a.slug)).res.status).toBe(403);
    signInAs(b.users.ADMIN.id);
    const foreign = await download(buGET, a.slug);
    expect(foreign.res.status).toBe(404);
    expect(foreign.text).toBe("");
    signOut();
    expect((await download(detailGET, a.slug)).res.status).toBe(401);
  });
});
