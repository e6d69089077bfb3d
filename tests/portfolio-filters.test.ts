/**
 * Every filter the portfolio offers, with every value it offers, on every read that takes it: the
 * dashboard, value against cost, the budgets, actual spend, the use-case list and both exports.
 *
 * The dashboard, value and budget reads go through the rollup (UseCaseRollup), which does not
 * copy the governance fields; a governance filter there once named columns the rollup does not
 * have, and every such view of the portfolio failed (a 500) while the list and the exports,
 * which read the use cases themselves, worked. The fuzzing in hostile-urls.test.ts never chose
 * a valid governance value, so nothing caught it.
 */
import Papa from "papaparse";
import { renderToStaticMarkup } from "react-dom/server";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import ExportsPage from "@/app/o/[org]/export/page";
import { DisagreementPanel, VersionsPanel } from "@/app/o/[org]/portfolio/_components/use-case-panels";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptedValues, EMPTY_FILTER, FILTER_PARAMS, filterToSearchParams, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { db } from "@/lib/server/db";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { TotalsBeyondExactError } from "@/lib/server/portfolio/dashboard";
import { computeOverview } from "@/lib/server/portfolio/overview";
import { listUseCases } from "@/lib/server/use-cases/list";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { commit, csv, H, templateMapping, tRow } from "./import-helpers";

type Key = keyof PortfolioFilter;

/** The values a filter field offers: its enum's, or (free text) the ones this organization has. */
function offered(key: Key, free: Partial<Record<Key, string[]>>): string[] {
  return [...(acceptedValues(key) ?? free[key] ?? [])];
}

const read = async (s: ReadableStream<Uint8Array>) =>
  Papa.parse<Record<string, string>>(new TextDecoder().decode(await new Response(s).arrayBuffer()).replace(/^\ufeff/, ""), { header: true, skipEmptyLines: true }).data;

describe("every portfolio filter value", () => {
  let org: TestOrg;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    org = await createTestOrg("filters");
    signInAs(org.users.ADMIN.id);
    // Two assessed or provisional use cases and one with no answer (not assessed).
    await commit(
      org,
      csv([
        H,
        tRow({ title: "Benefits eligibility", businessUnit: "Claims", changeFrequency: "weekly", coreNeed: "retrieval", maxLagDays: "7", needsStyleOrFormat: "no", labeledExamples: "0", promptedBaselineMeetsBar: "no", retrainingBudget: "no" }),
        tRow({ title: "Mail sorting", businessUnit: "Ops", changeFrequency: "monthly" }),
        tRow({ title: "Idea with no answers", businessUnit: "Ops" }),
        // Twelve more with one answer and no volume: costed, but lacking the monthly calls.
        ...Array.from({ length: 12 }, (_, i) => tRow({ title: `Draft ${i + 1}`, businessUnit: "Drafts", changeFrequency: "monthly" })),
      ]),
      templateMapping(),
    );
    await db.useCase.updateMany({ where: { organizationId: org.id, title: "Benefits eligibility" }, data: { highImpact: "HIGH_IMPACT", personalData: true, sourcing: "BOUGHT", stage: "PILOT", euRiskTier: "HIGH" } });
    await db.useCase.updateMany({ where: { organizationId: org.id, title: "Mail sorting" }, data: { highImpact: "NOT_HIGH_IMPACT", personalData: false, sourcing: "IN_HOUSE", stage: "DEPLOYED", euRiskTier: "MINIMAL" } });
  });

  it("opens the dashboard, value, budgets and actual spend, counting the use cases the list counts", async () => {
    const owners = await db.useCase.findMany({ where: { organizationId: org.id }, select: { ownerId: true }, distinct: ["ownerId"] });
    const free = { businessUnit: ["Claims", "Ops", "No such unit"], ownerId: owners.map((o) => o.ownerId) };
    let views = 0;
    for (const key of Object.keys(FILTER_PARAMS) as Key[]) {
      for (const value of offered(key, free)) {
        const filter = { ...EMPTY_FILTER, [key]: [value] } as PortfolioFilter;
        const overview = await computeOverview(org.id, filter, year);
        const listed = await listUseCases(org.id, { ...DEFAULT_LIST_QUERY, filter, pageSize: 100 });
        const d = overview.dashboard;
        if (d instanceof TotalsBeyondExactError) throw d;
        expect({ key, value, useCases: d.useCases }).toEqual({ key, value, useCases: listed.total });
        expect(overview.value).toBeDefined();
        expect(overview.budgets).toBeDefined();
        views++;
      }
    }
    // Every field took part, the governance and evidence ones included.
    expect(views).toBeGreaterThan(40);
  });

  it("renders the portfolio and the Exports page for every value each filter offers", async () => {
    signInAs(org.users.ADMIN.id);
    const owners = await db.useCase.findMany({ where: { organizationId: org.id }, select: { ownerId: true }, distinct: ["ownerId"] });
    const free = { businessUnit: ["Claims"], ownerId: owners.map((o) => o.ownerId) };
    for (const key of Object.keys(FILTER_PARAMS) as Key[]) {
      for (const value of offered(key, free)) {
        const props = { params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({ [FILTER_PARAMS[key]]: value }) };
        const portfolio = renderToStaticMarkup(await PortfolioPage(props));
        expect(portfolio, `${key}=${value}`).toMatch(/data-testid="portfolio-count".*?\d+ use cases?<\/a> in this view/);
        // One of anything reads in the singular (the views of one use case have one lacking figures).
        expect(portfolio, `${key}=${value}`).not.toMatch(/>1 lack figures|[^–.\d]1 weeks/);
        // The Exports page names the filter in words, never as a raw code or "undefined".
        const exportsPage = renderToStaticMarkup(await ExportsPage(props));
        expect(exportsPage, `${key}=${value}`).not.toContain("undefined");
      }
    }
  });

  it("picks what each governance and evidence value says, the same on the dashboard and in the list", async () => {
    const titles = async (filter: Partial<PortfolioFilter>) => {
      const f = { ...EMPTY_FILTER, ...filter };
      const [o, l] = await Promise.all([computeOverview(org.id, f, year), listUseCases(org.id, { ...DEFAULT_LIST_QUERY, filter: f })]);
      const d = o.dashboard;
      if (d instanceof TotalsBeyondExactError) throw d;
      expect(d.useCases).toBe(l.total);
      return l.rows.map((r) => r.title).sort();
    };
    expect(await titles({ euRiskTier: ["HIGH"] })).toEqual(["Benefits eligibility"]);
    expect(await titles({ euRiskTier: ["NOT_RECORDED"], businessUnit: ["Claims", "Ops"] })).toEqual(["Idea with no answers"]);
    expect(await titles({ personalData: ["no", "NOT_RECORDED"], businessUnit: ["Claims", "Ops"] })).toEqual(["Idea with no answers", "Mail sorting"]);
    expect((await titles({ euRiskTier: ["NOT_RECORDED"] })).length).toBe(13);
    expect(await titles({ highImpact: ["HIGH_IMPACT"], stage: ["DEPLOYED"] })).toEqual([]);
    expect(await titles({ sourcing: ["IN_HOUSE"], businessUnit: ["Ops"] })).toEqual(["Mail sorting"]);
    expect(await titles({ evidence: ["none"], businessUnit: ["Ops"] })).toEqual(["Idea with no answers"]);
    expect(await titles({ evidence: ["assessed", "provisional"], businessUnit: ["Claims", "Ops"] })).toEqual(["Benefits eligibility", "Mail sorting"]);
  });

  it("counts what the totals leave out as the list filtered to it does, and links the rest of each list there", async () => {
    const d = (await computeOverview(org.id, EMPTY_FILTER, year)).dashboard;
    if (d instanceof TotalsBeyondExactError) throw d;
    const total = async (filter: Partial<PortfolioFilter>) => (await listUseCases(org.id, { ...DEFAULT_LIST_QUERY, filter: { ...EMPTY_FILTER, ...filter } })).total;
    expect(await total({ costs: ["NOT_COSTED"] })).toBe(d.notCosted.count);
    expect(await total({ costs: ["INCOMPLETE"] })).toBe(d.incomplete.count);
    expect(await total({ evidence: ["none"] })).toBe(d.notAssessed.count);
    // More lack figures than the section lists (ten): the rest are one link away, and so is each evidence count.
    expect(d.incomplete.count).toBeGreaterThan(d.incomplete.examples.length);
    signInAs(org.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    expect(html).toContain(`href="/o/${org.slug}/use-cases?costs=INCOMPLETE">all ${d.incomplete.count} in the use-case list</a>`);
    expect(html).toContain(`href="/o/${org.slug}/use-cases?evidence=none">1 not assessed</a>`);
    // The headline's "not assessed, in no total" leads there too.
    expect(html).toContain(`href="/o/${org.slug}/use-cases?evidence=none">1 not assessed</a>, in no total`);
    expect(html).toMatch(new RegExp(`href="/o/${org.slug}/use-cases\\?evidence=provisional">\\d+ provisional</a>`));
    // Within a filter, the links keep it.
    const filtered = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({ bu: "Drafts" }) }));
    expect(filtered).toContain(`href="/o/${org.slug}/use-cases?bu=Drafts&amp;costs=INCOMPLETE">all 12 in the use-case list</a>`);
  });

  it("leads from the disagreements shown to all of them in the list", () => {
    const item = (i: number) => ({ id: `u${i}`, title: `Split ${i}`, businessUnit: "Ops", recommended: "RAG" as const, chosen: null, agreement: { votes: 3, voters: 5 }, picks: [], riskFlags: [] });
    const d = { disagreements: 12, disagreeing: Array.from({ length: 10 }, (_, i) => item(i)) } as unknown as Dashboard;
    const html = renderToStaticMarkup(DisagreementPanel({ d, useCaseHref: (id) => `/u/${id}`, listHref: (extra) => `/list?${filterToSearchParams({ ...EMPTY_FILTER, businessUnit: ["Ops"], ...extra })}` }));
    expect(html).toContain("Showing 10 of 12: ");
    expect(html).toContain(`href="/list?bu=Ops&amp;split=yes">all 12 in the use-case list</a>`);
  });

  it("names the assumptions no one has saved as the built-in defaults, not in the project's jargon", () => {
    const d = { versions: { assumptionVersions: [{ version: null, useCases: 2 }, { version: 3, useCases: 1 }], frameworkVersions: [], unscored: 0 } } as unknown as Dashboard;
    const text = renderToStaticMarkup(VersionsPanel({ d })).replace(/<[^>]+>/g, " ");
    expect(text).toContain("The built-in defaults (no saved version): 2 use cases");
    expect(text).toContain("Version 3: 1 use case");
    expect(text).not.toMatch(/seed/i);
  });

  it("exports, for a governance or evidence filter, the rows the dashboard totals, to the cent", async () => {
    for (const filter of [{ ...EMPTY_FILTER, euRiskTier: ["HIGH"] }, { ...EMPTY_FILTER, evidence: ["assessed", "provisional"] }] as PortfolioFilter[]) {
      const [overview, detail, units] = await Promise.all([
        computeOverview(org.id, filter, year),
        read(detailStream({ id: org.id, name: "Filters" }, filter)),
        read(businessUnitStream({ id: org.id, name: "Filters" }, filter)),
      ]);
      const d = overview.dashboard;
      if (d instanceof TotalsBeyondExactError) throw d;
      const cents = (v: string | undefined) => Math.round(Number(v || 0) * 100);
      const detailBase = detail.filter((r) => r.as_chosen === "yes").reduce((s, r) => s + cents(r.base), 0);
      const unitBase = units.filter((r) => r.scenario === "as chosen").reduce((s, r) => s + cents(r.base), 0);
      expect(detailBase).toBeGreaterThan(0);
      expect(unitBase).toBe(detailBase);
      expect(d.spend.reduce((sum, y) => sum + y.base, 0)).toBe(detailBase);
    }
  });
});
