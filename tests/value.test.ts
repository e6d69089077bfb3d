/**
 * Issue 20, items 3 and 4, on the demo data: value next to cost on a use case's page, value against
 * cost by business unit on the portfolio, budgets against projected spend, and both exports. The
 * expected figures are worked by hand below from the demo's stored yearly costs (the cost model's,
 * tested on its own) and the demo's benefits (lib/server/seed/demo-value.ts); then the actions:
 * who may change what, refusals, conflicts, audit.
 */
import Papa from "papaparse";
import { renderToStaticMarkup } from "react-dom/server";
import ExportsPage from "@/app/o/[org]/export/page";
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { budgetStatusText, paybackText, returnText, type ApproachValue } from "@/lib/domain/value";
import { db, Prisma } from "@/lib/server/db";
import { businessUnitStream, detailStream } from "@/lib/server/export/cost-exports";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { seedDemoOrganization } from "@/lib/server/seed/demo";
import { inUseCaseTransaction } from "@/lib/server/use-cases/write";
import { setBusinessUnitBudget } from "@/lib/server/value/write";
import { getUseCaseValue, portfolioValue } from "@/lib/server/value/read";
import { budgetOverview } from "@/lib/server/value/budgets-read";
import { setBenefit, setBudget, setHourlyRate } from "@/app/o/[org]/value/actions";
import { createTestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

type Result = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, unknown> };

const stamp = Date.now();
const slug = `value-${stamp}`;
let orgId: string;
const users: Record<"ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE", string> = { ADMIN: "", EXECUTIVE: "", LEAD: "", FINANCE: "" };

async function useCaseId(title: string): Promise<string> {
  return (await db.useCase.findFirstOrThrow({ where: { organizationId: orgId, title }, select: { id: true } })).id;
}

function valued(v: ApproachValue | undefined) {
  if (!v || v.status !== "valued") throw new Error(`expected a value, got ${JSON.stringify(v)}`);
  return v.scenarios;
}

const csvRows = async (stream: ReadableStream<Uint8Array>) => {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  return Papa.parse<Record<string, string>>(text.slice(1).trimEnd(), { header: true, newline: "\r\n" }).data;
};
const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);

beforeAll(async () => {
  const spec = {
    org: { name: "Value test", slug },
    users: (["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as const).map((role) => ({ role, email: `${role.toLowerCase()}-${stamp}@value.test`, name: role })),
    password: "value-password-123",
  };
  expect(await seedDemoOrganization(spec)).toBe(true);
  orgId = (await db.organization.findUniqueOrThrow({ where: { slug } })).id;
  for (const m of await db.membership.findMany({ where: { organizationId: orgId }, select: { userId: true, role: true } })) users[m.role] = m.userId;
}, 300_000);

describe("a use case's value per approach (the demo's contact-centre answers, RAG as chosen)", () => {
  // Benefit: 6,000 / 9,000 / 14,000 hours a year at the default $50: $300,000 / $450,000 / $700,000.
  // RAG's time to value is 0.4 / 0.7 / 1 week: one month (rounded up) in every scenario.
  // RAG's stored yearly costs, 2026–2030 (cents; gpt-4o at the catalogue's $2.50 input and $10
  // output per million tokens in every scenario, the tokens per call low / base / high):
  //   low  11,109,058  8,347,370   9,311,472  10,420,190  11,695,216 = 50,883,306
  //   base 21,310,831 15,450,083  16,990,552  18,762,090  20,799,359 = 93,312,915
  //   high 40,781,126 31,149,388  33,874,025  37,007,359  40,610,692 = 183,422,590
  // (Year 1 was $6,000 / $16,000 / $40,000 more before cost engine 2.13, which built the evaluation
  // set the contact centre says it has.)
  it("computes net value, payback and return in the paired scenarios", async () => {
    const v = (await getUseCaseValue(orgId, await useCaseId("Policy and billing answers for the contact centre")))!;
    expect(v.yearly).toEqual({ low: 30_000_000, base: 45_000_000, high: 70_000_000 });
    expect(v.rateIsDefault).toBe(true);
    const rag = v.approaches.find((a) => a.approach === "RAG")!;
    expect(rag.chosen).toBe(true);
    const s = valued(rag.value);
    // Base: 11/12 × $450,000 + 4 × $450,000 = $2,212,500 against $933,129.15.
    expect(s.base).toMatchObject({ benefitCents: 221_250_000, costCents: 93_312_915, netCents: 127_937_085 });
    // Year 1's $213,108.31 is $72,000 of building the index, paid in month 1, and $141,108.31 of running costs,
    // $11,759.03 a month. Month 5 is the first where $37,500 × (m − 1) ≥ $72,000 + $11,759.03 × m (m = 4: $112,500 <
    // $119,036.10; m = 5: $150,000 ≥ $130,795.13), and from then on each month's benefit ($37,500) beats each month's
    // running cost (at most $17,332.80 in years 2–5). (Month 2 while the build was spread over year 1's months.)
    expect(s.base.paybackMonths).toBe(5);
    expect(paybackText(s.base.paybackMonths, 5)).toBe("5 months");
    expect(returnText(s.base.returnPct)).toBe("137%"); // 127,937,085 / 93,312,915 = 137.1%
    // RAG has a build time (its time to value), so its benefit does not count from the start.
    expect(rag.noBuildTime).toBe(false);
    // Pessimistic: low benefit, high cost. 11/12 × $300,000 + 4 × $300,000 = $1,475,000 against $1,834,225.90;
    // $25,000 a month never covers year 1's $407,811.26 / 12 = $33,984.27, nor any later year's (at least $311,493.88 / 12 = $25,957.82).
    expect(s.pessimistic).toMatchObject({ benefitCents: 147_500_000, costCents: 183_422_590, netCents: -35_922_590, paybackMonths: null });
    expect(paybackText(s.pessimistic.paybackMonths, 5)).toBe("never within 5 years");
    // Optimistic: high benefit, low cost. 11/12 × $700,000 rounds to $641,666.67; + 4 × $700,000 = $3,441,666.67.
    // Payback in month 2: $58,333.33 ≥ the $36,000 build + 2 × $6,257.55 of running costs ($75,090.58 / 12).
    expect(s.optimistic).toMatchObject({ benefitCents: 344_166_667, costCents: 50_883_306, netCents: 293_283_361, paybackMonths: 2 });
    // Fine-tuning cannot keep a 2-day lag and prompting alone never sees the contact centre's
    // documents (the cost panel's words): neither is claimed the benefit, however cheap prompting is.
    const of = (ap: string) => v.approaches.find((a) => a.approach === ap)!.value;
    // Its answers cite policy documents (judgement 2.13); it misses the 2-day lag too, said second in the cost table.
    expect(of("FINE_TUNING")).toEqual({ status: "cannot-serve", why: "cannot cite the sources the use case's answers must cite" });
    expect(of("PROMPTING")).toEqual({ status: "cannot-serve", why: "does not reach the use case's knowledge" });
    expect(of("HYBRID").status).toBe("valued");
  });

  it("says the benefit starts when an approach first serves its users (its time to value), not once it is built", async () => {
    signInAs(users.FINANCE);
    const { ValuePanel } = await import("@/app/o/[org]/use-cases/[id]/_panels/value-panel");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const html = renderToStaticMarkup(await ValuePanel({ orgSlug: slug, organizationId: orgId, useCaseId: await useCaseId("Policy and billing answers for the contact centre") }));
    signOut();
    // RAG's 0.7 weeks round up to a month; the hybrid's, fine-tuning's 8 weeks, to two (8 × 12 / 52 =
    // 1.85). Fine-tuning and prompting cannot serve it, so they claim no benefit and are not listed.
    expect(html.match(/data-testid="value-start">(.*?)<\/span>/s)![1]).toBe(
      "The benefit starts when an approach first serves its users, after its time to value, rounded up to whole months (base case: 1 month for RAG; 2 months for Hybrid). Its production build is costed apart and may go on after that.",
    );
    expect(html).toContain("Pessimistic takes the low benefit, the longest time to value and the high cost");
    expect(html).not.toContain("built");
  });

  it("says there is no value where none was entered, for every approach (never $0)", async () => {
    const v = (await getUseCaseValue(orgId, await useCaseId("Adjuster assistant for coverage questions")))!;
    expect(v.benefit).toBeNull();
    expect(v.approaches.length).toBeGreaterThan(0);
    for (const a of v.approaches) expect(a.value.status).toBe("no-benefit");
  });

  it("a benefit below the cost never pays back (the HR helpdesk: $5,000–$15,000 a year against RAG's running cost)", async () => {
    const v = (await getUseCaseValue(orgId, await useCaseId("HR policy helpdesk")))!;
    const s = valued(v.approaches.find((a) => a.approach === "RAG")!.value);
    // Even the optimistic $1,250 a month is below RAG's lowest monthly cost in the low scenario ($19,609.86 / 12 = $1,634.16, in year 2).
    expect([s.pessimistic.paybackMonths, s.base.paybackMonths, s.optimistic.paybackMonths]).toEqual([null, null, null]);
    // 11/12 × $15,000 + 2 × $15,000 − the low lifecycle ($55,572.61 + $19,609.86 + $19,650.85; year 1 was $6,000 more
    // before cost engine 2.13, which built the evaluation set the helpdesk says it has).
    expect(s.optimistic.netCents).toBe(4_375_000 - 9_483_332);
  });
});

describe("an approach priced from an estimate", () => {
  it("has no build cost to pay back: no payback month in any scenario, where it read \"1 month\" (Claims document extraction's pipeline)", async () => {
    const v = (await getUseCaseValue(orgId, await useCaseId("Claims document extraction at volume")))!;
    const pipeline = v.approaches.find((a) => a.approach === "PIPELINE")!;
    expect(pipeline).toMatchObject({ chosen: true, noBuildTime: true });
    const s = valued(pipeline.value);
    for (const scenario of [s.pessimistic, s.base, s.optimistic]) expect(scenario).toMatchObject({ paybackMonths: null, nothingToPayBack: true });
    // Net value and return are as they were: 5 × $600,000 − 5 × $120,000 in the base case.
    expect(s.base.netCents).toBe(240_000_000);
    expect(returnText(s.base.returnPct)).toBe("400%");
    // A model-priced approach beside it pays its build up front: RAG's $72,000 in month 1, then $50,000 a month of
    // benefit from month 2 (under a week's time to value) against $7,624.17 a month of running costs ($163,490.01 −
    // $72,000 = $91,490.01 a year): $100,000 ≥ $72,000 + 3 × $7,624.17 in month 3 ($50,000 < $87,248.34 in month 2;
    // month 2 while its build was spread over the year).
    const rag = valued(v.approaches.find((a) => a.approach === "RAG")!.value);
    expect(rag.base).toMatchObject({ paybackMonths: 3, nothingToPayBack: false });

    signInAs(users.FINANCE);
    const { ValuePanel } = await import("@/app/o/[org]/use-cases/[id]/_panels/value-panel");
    const html = renderToStaticMarkup(await ValuePanel({ orgSlug: slug, organizationId: orgId, useCaseId: await useCaseId("Claims document extraction at volume") }));
    signOut();
    const row = (approach: string) => html.match(new RegExp(`data-testid="value-row-${approach}"(.*?)</tr>`, "s"))![1]!;
    expect(row("PIPELINE").match(/data-testid="payback">(.*?)</s)![1]).toBe("—");
    expect(row("PIPELINE")).toContain("no build cost to pay back: the owner&#x27;s estimate is a yearly figure");
    expect(row("PIPELINE").match(/data-testid="payback-range">(.*?)<\/td>/s)![1]).toBe("— / —");
    expect(row("RAG").match(/data-testid="payback">(.*?)</s)![1]).toBe("3 months");
  });

  it("has no time to value, so the page says its benefit counts from the start (the campaign's feedback learning)", async () => {
    const v = (await getUseCaseValue(orgId, await useCaseId("Campaign subject-line testing")))!;
    const fl = v.approaches.find((a) => a.approach === "FEEDBACK_LEARNING")!;
    expect(fl).toMatchObject({ chosen: true, noBuildTime: true });
    expect(v.approaches.find((a) => a.approach === "RAG")!.noBuildTime).toBe(false);
    // As finance, who reads the panel without its form (a client component needing the router).
    signInAs(users.FINANCE);
    const { ValuePanel } = await import("@/app/o/[org]/use-cases/[id]/_panels/value-panel");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const html = renderToStaticMarkup(await ValuePanel({ orgSlug: slug, organizationId: orgId, useCaseId: await useCaseId("Campaign subject-line testing") }));
    const row = (approach: string) => html.match(new RegExp(`data-testid="value-row-${approach}"(.*?)</tr>`, "s"))![1]!;
    expect(row("FEEDBACK_LEARNING")).toContain("its benefit counted from the start: an estimate gives no time to value");
    expect(row("RAG")).not.toContain("counted from the start");
    // Its pessimistic case nets a loss and never pays back, beside a base with nothing to pay back: the
    // note under the table says both (it said only "so it shows no payback").
    expect(row("FEEDBACK_LEARNING").match(/data-testid="payback-range">(.*?)<\/td>/s)![1]).toContain("never within");
    expect(html).toContain("shows no payback where its benefit covers the estimate each year, and “never” in a scenario where it does not.");

    signOut();
  });
});

describe("the portfolio: value by business unit and budgets", () => {
  it("nets Claims' valued use cases as chosen and counts the one without a value", async () => {
    const { units, total } = await portfolioValue(orgId, EMPTY_FILTER);
    const claims = units.find((u) => u.businessUnit === "Claims")!;
    expect(claims).toMatchObject({ valued: 2, noValue: 1, notCosted: 0 });
    // First notice of loss triage, fine-tuning: 5,000 h × $50 = $250,000 a year after 2 months: 10/12 × $250,000 + 4 × $250,000
    //   = $1,208,333.33 against $1,065,435.93 → $142,897.40 (against $1,369,435.93 → −$161,102.60 before cost
    //   engine 2.13: $208,000 of a retrieval index's upkeep fine-tuning does not have, $80,000 of curating
    //   examples it has, $16,000 of building the evaluation set it has).
    // Claims document extraction, a pipeline (manual estimate, no build time): 5 × $600,000 = $3,000,000 against 5 × $120,000 → $2,400,000.
    expect(claims.benefit.base).toBe(120_833_333 + 300_000_000);
    expect(claims.cost.base).toBe(106_543_593 + 60_000_000);
    expect(claims.net.base).toBe(14_289_740 + 240_000_000);
    // The total is the sum of the units.
    for (const s of ["pessimistic", "base", "optimistic"] as const) {
      expect(total.net[s]).toBe(units.reduce((a, u) => a + u.net[s], 0));
      expect(total.benefit[s]).toBe(units.reduce((a, u) => a + u.benefit[s], 0));
    }
    // Supplier invoice coding's pipeline needs a feedback loop not known to be costed: counted apart (it was netted, $525,000).
    expect(total.valued).toBe(5);
    expect(total.feedbackLoopNotCosted).toBe(1);
  });

  it("counts the benefits given in hours, priced at the default rate until finance sets one", async () => {
    const v = await portfolioValue(orgId, EMPTY_FILTER);
    expect(v).toMatchObject({ rateCents: 50_00, rateIsDefault: true });
    // The demo's hours-based benefits (First notice of loss triage's 5,000 hours, among others); the revenue ones are not counted.
    expect(v.hoursBased).toBeGreaterThan(0);
    expect(v.hoursBased).toBeLessThan(v.total.valued + v.total.notCosted + v.total.cannotServe + v.total.feedbackLoopNotCosted);
  });

  it("marks Customer Service over its 2027 budget and Claims within; approvals not known yet", async () => {
    const b = await budgetOverview(orgId, EMPTY_FILTER, 2027);
    expect(b.approvalsKnown).toBe(false);
    const cs = b.rows.find((r) => r.businessUnit === "Customer Service")!;
    // Its three use cases as chosen in 2027: RAG $154,500.83 + the agent's manual $190,000 + the undecided letter drafting's
    // recommendation (fine-tuning, $247,962.80) = $592,463.63 in the base case, against the demo's $550,000. (Fine-tuning
    // was $338,896.13 before cost engine 2.13: an index's upkeep it has no index for, curation of 5,000 examples where it
    // needs 1,000, an evaluation set it has built again; the budget was $600,000, under the $683,396.96 of then.)
    expect(cs).toMatchObject({ budgetCents: 55_000_000, projected: { low: 34_324_810, base: 59_246_363, high: 108_899_088 }, status: "over", overByCents: 4_246_363, approvedCents: null });
    const claims = b.rows.find((r) => r.businessUnit === "Claims")!;
    expect(claims).toMatchObject({ budgetCents: 180_000_000, status: "within" });
    expect(claims.projected!.high).toBeLessThan(180_000_000);
    expect(b.rows.find((r) => r.businessUnit === "Legal")!.status).toBe("no-budget");
  });

  it("projects the same spend per year as the dashboard's as-chosen total, to the cent", async () => {
    const d = await loadDashboard(orgId, EMPTY_FILTER);
    const chosen = d.scenarioSummaries.find((s) => s.scenario === "chosen")!;
    for (const y of d.years) {
      const rows = (await budgetOverview(orgId, EMPTY_FILTER, y)).rows;
      const sum = (k: "low" | "base" | "high") => rows.reduce((a, r) => a + (r.projected?.[k] ?? 0), 0);
      const year = chosen.years.find((x) => x.calendarYear === y)!;
      expect({ low: sum("low"), base: sum("base"), high: sum("high") }, String(y)).toEqual({ low: year.low, base: year.base, high: year.high });
    }
  });

  it("counts each unit's use cases in the year that are not costed, gives Procurement (an agent, not costed) its row, and never judges it on $0", async () => {
    const b = await budgetOverview(orgId, EMPTY_FILTER, 2027);
    const row = (bu: string) => b.rows.find((r) => r.businessUnit === bu);
    // Procurement's one use case, "Supplier due-diligence agent" (from February 2027), is an agent the
    // cost model does not price: the unit had no row at all. Sales & Distribution's "Renewal call
    // preparation notes" is one too: its row read a projection with nothing said of it.
    expect(row("Procurement")).toMatchObject({ projected: null, useCases: 0, notCosted: 1, status: "no-budget" });
    expect(row("Sales & Distribution")).toMatchObject({ notCosted: 1 });
    expect(row("Sales & Distribution")!.projected!.base).toBeGreaterThan(0);
    // Claims' use cases in 2027 are all costed.
    expect(row("Claims")).toMatchObject({ notCosted: 0 });
    // Before its start (2027), Procurement has nothing in the year: no row.
    expect((await budgetOverview(orgId, EMPTY_FILTER, 2026)).rows.find((r) => r.businessUnit === "Procurement")).toBeUndefined();
    // The filtered path counts the same.
    const filtered = await budgetOverview(orgId, { ...EMPTY_FILTER, businessUnit: ["Procurement", "Sales & Distribution"] }, 2027);
    expect(filtered.rows.map((r) => [r.businessUnit, r.notCosted])).toEqual([["Procurement", 1], ["Sales & Distribution", 1]]);

    // With a budget, Procurement is not judged (it read $0 projected and "Within budget").
    const ctx = { organizationId: orgId, actorId: users.FINANCE, role: "FINANCE" as const };
    await inUseCaseTransaction((tx) => setBusinessUnitBudget(tx, ctx, { businessUnit: "Procurement", year: 2027, amountCents: 5_000_000 }));
    try {
      const procurement = (await budgetOverview(orgId, EMPTY_FILTER, 2027)).rows.find((r) => r.businessUnit === "Procurement")!;
      expect(procurement).toMatchObject({ budgetCents: 5_000_000, projected: null, overByCents: null, status: "not-costed" });
      expect(budgetStatusText(procurement, (c) => `$${c}`)).toBe("Not judged: its 1 use case in the year is not costed");
    } finally {
      await inUseCaseTransaction((tx) => setBusinessUnitBudget(tx, ctx, { businessUnit: "Procurement", year: 2027, amountCents: null }));
    }
  });

  it("follows a business-unit filter", async () => {
    const b = await budgetOverview(orgId, { ...EMPTY_FILTER, businessUnit: ["Claims"] }, 2027);
    expect(b.rows.map((r) => r.businessUnit)).toEqual(["Claims"]);
    const v = await portfolioValue(orgId, { ...EMPTY_FILTER, businessUnit: ["Claims"] });
    expect(v.units.map((u) => u.businessUnit)).toEqual(["Claims"]);
  });
});

describe("the exports carry the value", () => {
  it("the business-unit rollup's benefit adds up to the portfolio's, to the cent; the detail gives each use case's yearly benefit", async () => {
    const org = { id: orgId, name: "Value test" };
    const bu = await csvRows(businessUnitStream(org, EMPTY_FILTER));
    const chosenRows = bu.filter((r) => r.scenario === "as chosen");
    expect(bu.filter((r) => r.scenario !== "as chosen").every((r) => r.benefit_base === "" && r.valued_use_cases === "")).toBe(true);
    const { total } = await portfolioValue(orgId, EMPTY_FILTER);
    expect(chosenRows.reduce((a, r) => a + cents(r.benefit_low), 0)).toBe(total.benefit.pessimistic);
    expect(chosenRows.reduce((a, r) => a + cents(r.benefit_base), 0)).toBe(total.benefit.base);
    expect(chosenRows.reduce((a, r) => a + cents(r.benefit_high), 0)).toBe(total.benefit.optimistic);
    // Claims in 2026: the pipeline's full year ($600,000) and fine-tuning's 10 months of FNOL triage ($208,333.33) in the base case.
    const claims2026 = chosenRows.filter((r) => r.business_unit === "Claims" && r.calendar_year === "2026");
    expect(claims2026.reduce((a, r) => a + cents(r.benefit_base), 0)).toBe(60_000_000 + 20_833_333);

    const detail = await csvRows(detailStream(org, EMPTY_FILTER));
    const policy = detail.filter((r) => r.title === "Policy and billing answers for the contact centre");
    expect(policy.length).toBeGreaterThan(0);
    for (const r of policy) expect([r.yearly_benefit_low, r.yearly_benefit_base, r.yearly_benefit_high, r.benefit_kind]).toEqual(["300000.00", "450000.00", "700000.00", "HOURS"]);
    const adjuster = detail.filter((r) => r.title === "Adjuster assistant for coverage questions");
    for (const r of adjuster) expect(r.yearly_benefit_base).toBe("");
  });
});

describe("the Exports page says what the value columns are and what the as-chosen rows leave out", () => {
  it("says the detail's yearly benefit repeats on each of a use case's rows (not to be summed), and counts the use cases not costed as chosen", async () => {
    signInAs(users.FINANCE);
    const page = async (q: Record<string, string>) =>
      renderToStaticMarkup(await ExportsPage({ params: Promise.resolve({ org: slug }), searchParams: Promise.resolve(q) })).replace(/<[^>]+>/g, "");
    const whole = await page({});
    expect(whole).toContain("are in dollars, per use case: its expected benefit in a full year (where benefit_kind is HOURS, the hours saved priced at the organization’s hourly rate; where it is REVENUE, the revenue itself), repeated on each of its rows (every approach, year and category), so do not sum them");
    expect(whole).toContain("benefit_low, benefit_base and benefit_high give the benefit per business unit and calendar year");
    // The demo's use cases with no cost as chosen: the two agents with no manual estimate,
    // "Supplier due-diligence agent" (Procurement's only use case) and "Renewal call preparation notes",
    // and (since judgement 2.10) "Contract redlining against the playbook", with no recommendation and no decision.
    const asChosen = new Set((await csvRows(businessUnitStream({ id: orgId, name: "Value test" }, EMPTY_FILTER))).filter((r) => r.scenario === "as chosen").map((r) => r.business_unit));
    expect(asChosen.has("Procurement")).toBe(false);
    expect(whole).toContain("add nothing to the “as chosen” rows: 3 use cases in this view. Procurement has only such use cases, so it has no “as chosen” row of projected spend");
    const procurement = await page({ bu: "Procurement" });
    expect(procurement).toContain("add nothing to the “as chosen” rows: 1 use case in this view. Procurement has only such use cases");
    expect(await page({ bu: "Claims" })).toContain("add nothing to the “as chosen” rows: none in this view.");
    signOut();
  });
});

describe("a use case that must learn from its users, with a structured pipeline as chosen (Supplier invoice coding)", () => {
  it("claims no value for the pipeline, whose feedback loop is not costed: on its page, on the portfolio and in the business-unit export", async () => {
    const id = await useCaseId("Supplier invoice coding");
    const v = (await getUseCaseValue(orgId, id))!;
    const pipeline = v.approaches.find((a) => a.approach === "PIPELINE")!;
    expect(pipeline).toMatchObject({ chosen: true, recommended: true, value: { status: "feedback-loop-not-costed" } });
    // The approaches that cannot learn from users at all say so, as before.
    expect(v.approaches.find((a) => a.approach === "RAG")!.value).toEqual({ status: "cannot-serve", why: "cannot learn from user interactions as the use case needs" });

    signInAs(users.FINANCE);
    const { ValuePanel } = await import("@/app/o/[org]/use-cases/[id]/_panels/value-panel");
    const html = renderToStaticMarkup(await ValuePanel({ orgSlug: slug, organizationId: orgId, useCaseId: id }));
    signOut();
    const row = html.match(/data-testid="value-row-PIPELINE"(.*?)<\/tr>/s)![1]!;
    expect(row).toContain("only if a feedback loop is built into it");
    expect(row).toContain("no net value, payback or return is claimed for it");
    expect(row).not.toContain('data-testid="net"');

    // The portfolio counts it apart in Finance, and the export's benefit columns leave it out (they add up to the panel).
    const { units } = await portfolioValue(orgId, EMPTY_FILTER);
    expect(units.find((u) => u.businessUnit === "Finance")).toMatchObject({ feedbackLoopNotCosted: 1, net: { pessimistic: 0, base: 0, optimistic: 0 } });
    const bu = await csvRows(businessUnitStream({ id: orgId, name: "Value test" }, EMPTY_FILTER));
    const finance = bu.filter((r) => r.scenario === "as chosen" && r.business_unit === "Finance");
    expect(finance.length).toBeGreaterThan(0);
    expect(finance.reduce((a, r) => a + cents(r.benefit_base) + Number(r.valued_use_cases || 0), 0)).toBe(0);
  });
});

describe("a value the approach as chosen cannot bring is not netted", () => {
  // The demo's use cases whose approach as chosen cannot serve them: one that misses its
  // acceptable lag or never sees its knowledge (the rollup's bit), or prompting already found
  // short of the bar (the projection's meetsBar).
  async function unservedAsChosen(): Promise<{ id: string; title: string }[]> {
    return db.$queryRaw<{ id: string; title: string }[]>`
      SELECT u.id, u.title FROM "UseCase" u JOIN "UseCaseRollup" r ON r."useCaseId" = u.id
       WHERE u."organizationId" = ${orgId} AND u."deletedAt" IS NULL AND u.benefit IS NULL AND r."chosenBaseCents" IS NOT NULL AND (r.incomplete & 1) = 0
         AND ((r.infeasible & 1) <> 0
              OR u."projectionSummary"->'approaches'->(COALESCE(u."chosenApproach", u."recommendedApproach")::text)->'meetsBar' = 'false'::jsonb)
       ORDER BY u.title`;
  }

  it("counts it apart, leaves the net as it was, and the business-unit export's benefit still adds up to the panel", async () => {
    const before = await portfolioValue(orgId, EMPTY_FILTER);
    const unserved = await unservedAsChosen();
    expect(unserved.length, "the demo has a use case its approach as chosen cannot serve").toBeGreaterThan(0);
    const target = unserved[0]!;
    await db.useCase.update({ where: { id: target.id }, data: { benefit: { kind: "REVENUE", low: 5_000_000, base: 5_000_000, high: 5_000_000 } } });
    try {
      const after = await portfolioValue(orgId, EMPTY_FILTER);
      expect(after.total).toMatchObject({ valued: before.total.valued, cannotServe: before.total.cannotServe + 1, noValue: before.total.noValue - 1 });
      expect(after.total.net).toEqual(before.total.net);
      expect(after.total.benefit).toEqual(before.total.benefit);
      const bu = await csvRows(businessUnitStream({ id: orgId, name: "Value test" }, EMPTY_FILTER));
      const chosenRows = bu.filter((r) => r.scenario === "as chosen");
      expect(chosenRows.reduce((a, r) => a + cents(r.benefit_base), 0)).toBe(after.total.benefit.base);
      // Whatever the filter path: a filter that keeps everything reads the rollup rows, not the kept sums.
      const units = [...new Set((await db.useCase.findMany({ where: { organizationId: orgId }, select: { businessUnit: true } })).map((u) => u.businessUnit))];
      const filtered = await portfolioValue(orgId, { ...EMPTY_FILTER, businessUnit: units });
      expect(filtered.total).toMatchObject({ valued: after.total.valued, cannotServe: after.total.cannotServe, net: after.total.net });
    } finally {
      await db.useCase.update({ where: { id: target.id }, data: { benefit: Prisma.DbNull } });
    }
  });
});

describe("the actions", () => {
  it("a lead enters a benefit on their own use case, in one audited step; the history names it", async () => {
    const id = await useCaseId("Complaint letter drafting in the house tone");
    const uc = await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true, ownerId: true } });
    expect(uc.ownerId).toBe(users.LEAD);
    signInAs(users.LEAD);
    const r = (await setBenefit(slug, { id, expectedVersion: uc.version, benefit: { kind: "REVENUE", low: 40_000, base: 80_000, high: 120_000 } })) as Result;
    expect(r).toMatchObject({ ok: true, data: { version: uc.version + 1, changed: true } });
    const v = (await getUseCaseValue(orgId, id))!;
    expect(v.yearly).toEqual({ low: 4_000_000, base: 8_000_000, high: 12_000_000 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: orgId, entityId: id, action: "use_case.benefit_set" } });
    expect(event).toMatchObject({ actorId: users.LEAD, before: { benefit: null }, after: { benefit: { kind: "REVENUE", low: 40_000, base: 80_000, high: 120_000 } } });
    // A stale page is told, and nothing changes.
    const stale = (await setBenefit(slug, { id, expectedVersion: uc.version, benefit: null })) as Result;
    expect(stale.code).toBe("CONFLICT");
    expect((await getUseCaseValue(orgId, id))!.benefit).not.toBeNull();
    // Clearing it leaves "no value entered", not $0.
    expect(((await setBenefit(slug, { id, expectedVersion: uc.version + 1, benefit: null })) as Result).ok).toBe(true);
    expect((await getUseCaseValue(orgId, id))!.yearly).toBeNull();
    signOut();
  });

  it("refuses a lead on someone else's use case, and finance on any; bad figures are field errors and change nothing", async () => {
    const id = await useCaseId("Adjuster assistant for coverage questions"); // the admin's
    const { version } = await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const benefit = { kind: "HOURS", low: 1, base: 2, high: 3 };
    signInAs(users.LEAD);
    expect(((await setBenefit(slug, { id, expectedVersion: version, benefit })) as Result).code).toBe("FORBIDDEN");
    signInAs(users.FINANCE);
    expect(((await setBenefit(slug, { id, expectedVersion: version, benefit })) as Result).code).toBe("FORBIDDEN");
    signInAs(users.ADMIN);
    const bad = (await setBenefit(slug, { id, expectedVersion: version, benefit: { kind: "HOURS", low: 5, base: 2, high: -1 } })) as Result;
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["benefit.high"]));
    expect(((await setBenefit(slug, { id, expectedVersion: version, benefit: { kind: "HOURS", low: Number.NaN, base: 2, high: 3 } })) as Result).code).toBe("VALIDATION");
    const after = await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true, benefit: true } });
    expect(after).toEqual({ version, benefit: null });
    signOut();
  });

  it("finance sets a budget (the portfolio then marks the unit), changes it, removes it; leads and executives may not", async () => {
    signInAs(users.LEAD);
    expect(((await setBudget(slug, { businessUnit: "Underwriting", year: 2027, amountCents: 1 })) as Result).code).toBe("FORBIDDEN");
    signInAs(users.EXECUTIVE);
    expect(((await setBudget(slug, { businessUnit: "Underwriting", year: 2027, amountCents: 1 })) as Result).code).toBe("FORBIDDEN");
    signInAs(users.FINANCE);
    expect(((await setBudget(slug, { businessUnit: "Underwriting", year: 2027, amountCents: -5 })) as Result).code).toBe("VALIDATION");
    expect(((await setBudget(slug, { businessUnit: "Underwriting", year: 2027, amountCents: 30_000_000 })) as Result).ok).toBe(true);
    let row = (await budgetOverview(orgId, EMPTY_FILTER, 2027)).rows.find((r) => r.businessUnit === "Underwriting")!;
    expect(row).toMatchObject({ budgetCents: 30_000_000, status: "over" });
    expect(((await setBudget(slug, { businessUnit: "Underwriting", year: 2027, amountCents: 200_000_000 })) as Result).ok).toBe(true);
    row = (await budgetOverview(orgId, EMPTY_FILTER, 2027)).rows.find((r) => r.businessUnit === "Underwriting")!;
    expect(row.status).toBe("within");
    expect(((await setBudget(slug, { businessUnit: "Underwriting", year: 2027, amountCents: null })) as Result).ok).toBe(true);
    row = (await budgetOverview(orgId, EMPTY_FILTER, 2027)).rows.find((r) => r.businessUnit === "Underwriting")!;
    expect(row.status).toBe("no-budget");
    const actions = (await db.auditEvent.findMany({ where: { organizationId: orgId, entity: "BusinessUnitBudget", actorId: users.FINANCE }, orderBy: { at: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(["business_unit_budget.set", "business_unit_budget.set", "business_unit_budget.cleared"]);
    signOut();
  });

  it("finance's hourly rate re-prices every hours-based benefit at once, and the default comes back when cleared", async () => {
    const id = await useCaseId("Policy and billing answers for the contact centre");
    signInAs(users.FINANCE);
    expect(((await setHourlyRate(slug, { rateCents: 0 })) as Result).code).toBe("VALIDATION");
    expect(((await setHourlyRate(slug, { rateCents: 7_500 })) as Result).ok).toBe(true);
    expect((await getUseCaseValue(orgId, id))!.yearly).toEqual({ low: 45_000_000, base: 67_500_000, high: 105_000_000 });
    const detail = await csvRows(detailStream({ id: orgId, name: "Value test" }, EMPTY_FILTER));
    expect(detail.find((r) => r.title === "Policy and billing answers for the contact centre")!.yearly_benefit_base).toBe("675000.00");
    expect(((await setHourlyRate(slug, { rateCents: null })) as Result).ok).toBe(true);
    expect((await getUseCaseValue(orgId, id))!).toMatchObject({ rateIsDefault: true, yearly: { base: 45_000_000 } });
    signOut();
  });
});

describe("organization isolation", () => {
  it("another organization finds none of this one's value, budgets or benefits, even by id", async () => {
    const other = await createTestOrg("value-outsider");
    expect(await getUseCaseValue(other.id, await useCaseId("Policy and billing answers for the contact centre"))).toBeNull();
    expect((await portfolioValue(other.id, EMPTY_FILTER)).units).toEqual([]);
    expect((await budgetOverview(other.id, EMPTY_FILTER, 2027)).rows).toEqual([]);
    // Its finance sets a budget for a unit of the same name: this organization's stays as it was.
    signInAs(other.users.FINANCE.id);
    expect(((await setBudget(other.slug, { businessUnit: "Claims", year: 2027, amountCents: 1 })) as Result).ok).toBe(true);
    signOut();
    expect((await budgetOverview(orgId, EMPTY_FILTER, 2027)).rows.find((r) => r.businessUnit === "Claims")!.budgetCents).toBe(180_000_000);
  });
});
