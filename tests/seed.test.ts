import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { seedDemoOrganization } from "@/lib/server/seed/demo";
import { DEMO_USE_CASES } from "@/lib/server/seed/demo-portfolio";
import { DEMO_ACTUALS, DEMO_ACTUALS_THROUGH_MONTH, DEMO_ACTUALS_YEAR, DEMO_UNATTRIBUTED_MONTHLY_USD } from "@/lib/server/seed/demo-actuals";
import { loadVariances } from "@/lib/server/actuals/read";
import { loadPortfolioActuals } from "@/lib/server/actuals/portfolio";
import { loadUnitCosts } from "@/lib/server/actuals/unit-costs";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { provisionalText, undatedText } from "@/lib/domain/portfolio/format";
import { getUseCase } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import { readQueue } from "@/lib/server/decisions/queue";
import { parseListQuery } from "@/lib/domain/use-case-list";
import { backingClause, backingText, recommendationText } from "@/app/o/[org]/use-cases/_components/labels";
import { renderToStaticMarkup } from "react-dom/server";
import { ActualsPanel } from "@/app/o/[org]/use-cases/[id]/_panels/actuals-panel";
import { ActualsPanel as PortfolioActualsPanel } from "@/app/o/[org]/portfolio/_components/actuals-panel";
import { CostPanel } from "@/app/o/[org]/use-cases/[id]/_panels/cost-panel";
import { signInAs, signOut } from "./helpers/session";

describe("the demo seed", () => {
  it("creates the demo organization once, with a complete, scored and projected portfolio", async () => {
    const spec = {
      org: { name: "Seed test", slug: `seed-${Date.now()}` },
      users: [
        { role: "ADMIN", email: `a-${Date.now()}@seed.test`, name: "A" },
        { role: "EXECUTIVE", email: `e-${Date.now()}@seed.test`, name: "E" },
        { role: "LEAD", email: `l-${Date.now()}@seed.test`, name: "L" },
        { role: "FINANCE", email: `f-${Date.now()}@seed.test`, name: "F" },
      ],
      password: "seed-password-123",
    };
    expect(await seedDemoOrganization(spec)).toBe(true);
    expect(await seedDemoOrganization(spec)).toBe(false);
    const org = await db.organization.findUniqueOrThrow({ where: { slug: spec.org.slug } });
    const useCases = await db.useCase.findMany({ where: { organizationId: org.id } });
    expect(useCases.length).toBe(DEMO_USE_CASES.length);
    expect(useCases.length).toBeGreaterThanOrEqual(20);
    // A believable company's portfolio: every use case described in words, across business units and stages.
    for (const u of useCases) expect(u.description.length, u.title).toBeGreaterThan(40);
    expect(useCases.some((u) => /generated/i.test(`${u.title} ${u.description}`))).toBe(false);
    expect(new Set(useCases.map((u) => u.businessUnit)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(useCases.map((u) => u.status)).size).toBe(6);
    expect(new Set(useCases.map((u) => u.recommendedApproach)).size).toBeGreaterThanOrEqual(5);
    // Decisions in every state: taken as recommended, taken against the frameworks, not yet taken.
    expect(useCases.filter((u) => u.chosenApproach && u.chosenApproach === u.recommendedApproach).length).toBeGreaterThanOrEqual(5);
    expect(useCases.filter((u) => u.chosenApproach && u.chosenApproach !== u.recommendedApproach).length).toBeGreaterThanOrEqual(2);
    expect(useCases.filter((u) => !u.chosenApproach).length).toBeGreaterThanOrEqual(5);
    const incomplete = await db.costYear.count({ where: { organizationId: org.id, complete: false, approach: { in: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] } } });
    const total = await db.costYear.count({ where: { organizationId: org.id } });
    expect(total).toBeGreaterThan(0);
    // Only use cases whose lead left the monthly calls unanswered may lack figures.
    const noCalls = useCases.filter((u) => (u.assessment as Record<string, unknown>).monthlyCalls === undefined).length;
    expect(incomplete).toBeLessThanOrEqual(noCalls * 4 * 10);
    // Most use cases recommended an approach the model cannot price carry a manual estimate (and
    // are costed with it); a few do not, so the portfolio shows how "not costed" is reported.
    const manualKind = useCases.filter((u) => ["AGENT", "PIPELINE", "FEEDBACK_LEARNING"].includes(u.recommendedApproach ?? ""));
    const estimated = manualKind.filter((u) => u.manualEstimate !== null);
    expect(estimated.length).toBeGreaterThan(manualKind.length / 2);
    expect(estimated.length).toBeLessThan(manualKind.length);
    expect(await db.costLine.count({ where: { organizationId: org.id, manual: true, useCaseId: { in: estimated.map((u) => u.id) } } })).toBeGreaterThan(0);
    // Its figures are a first save's: catalogue prices pinned, input and output tokens apart, none
    // of the figures of before the split (which read as every token priced as input, none as output).
    const version = await db.assumptionVersion.findFirstOrThrow({ where: { organizationId: org.id } });
    const stored = version.values as { catalogue: { version: string } | null; values: Record<string, { base: number | null }> };
    expect(stored.catalogue?.version).toBeTruthy();
    expect(Object.keys(stored.values)).not.toContain("modelPricePer1kTokens");
    expect(Object.keys(stored.values)).not.toContain("tokensPerCall");
    expect(stored.values.outputTokensPerCall!.base).toBeGreaterThan(0);
    for (const u of useCases) {
      const pricing = (u.projectionSummary as { pricing?: { from: string } } | null)?.pricing;
      if (pricing) expect(pricing.from, u.title).toBe("catalogue");
    }
    // Every use case carries the inventory's id its bill is tagged with.
    expect(new Set(useCases.map((u) => u.externalId)).size).toBe(useCases.length);
    expect(useCases.every((u) => /^KM-\d{3}$/.test(u.externalId ?? ""))).toBe(true);
    // A bill through November 2026, imported as finance would: each live use case where the demo
    // puts it against its own projection, and one shared database nobody has attributed yet.
    const imports = await db.actualImport.findMany({ where: { organizationId: org.id } });
    expect(imports).toHaveLength(1);
    const { period, useCases: variances } = await loadVariances(org.id);
    expect(period).toMatchObject({ year: DEMO_ACTUALS_YEAR, throughMonth: DEMO_ACTUALS_THROUGH_MONTH });
    expect(variances.map((v) => v.title).sort()).toEqual(DEMO_ACTUALS.map((a) => a.title).sort());
    const position = Object.fromEntries(variances.map((v) => [v.title, v.variance.position]));
    expect(position).toMatchObject({
      "HR policy helpdesk": "above",
      // Feedback learning, costed from its owner's estimate: its vendor bill is counted, not compared.
      "Campaign subject-line testing": null,
      "Policy and billing answers for the contact centre": "over-base",
      "Underwriting guideline Q&A": "below",
    });
    expect(variances.find((v) => v.title === "HR policy helpdesk")!.variance.flags).toContain("outside-range");
    const portfolio = await loadPortfolioActuals(org.id);
    expect(portfolio.unattributed.reduce((sum, u) => sum + u.cents, 0)).toBe(DEMO_UNATTRIBUTED_MONTHLY_USD * 100 * DEMO_ACTUALS_THROUGH_MONTH);
    // The comparison is over the use cases with bills; the started ones with none are said, with their projection so far.
    // Three planned to start by November have a base projection to November but no bill (each to the cent, as the comparison works it out).
    expect(portfolio.unbilled.useCases.map((u) => [u.title, u.base])).toEqual([
      // A cent more than engine 2.13's 8_039_52: the corpus's first embedding is a line of its own, rounded to the cent apart.
      ["Code review assistant for the policy platform", 8_039_53],
      ["Product page copy in the brand voice", 2_514_96],
      ["First notice of loss triage", 1_357_12],
    ]);
    // (The pipelines' and the agent's owner estimates are not bills' projections: they were three more here.)
    expect(portfolio.unbilled).toMatchObject({ count: 3, base: 11_911_61 });
    // The headline says them beside the comparison; the campaign's vendor bill is spend with no projection, set against nothing.
    const headline = renderToStaticMarkup(PortfolioActualsPanel({ a: portfolio, useCaseHref: (id) => `/u/${id}`, actualsHref: "/actuals" })!).replace(/<[^>]+>/g, "");
    expect(headline).toContain(
      "Spent $124,736 so far this year: $106,284 in months a projection covers, against a base projection of $91,516 (+16%), and $18,452 in months none does (billed before a use case&#x27;s planned start, by one not assessed, or by one costed from its owner&#x27;s yearly estimate), set against nothing; 2 use cases flagged.",
    );
    // Three building agents and pipelines (owner's estimates) are not among them, and the list says why.
    expect(headline).toContain("has no metered projection for a bill to be missing against, so it is not counted here, billed or not.");
    expect(headline).toContain("3 started use cases with a base projection of $11,912 so far have no bills yet (untagged, or not yet running), and are left out of this comparison.");
    // A use case that started during the year says what its projection for the months so far is:
    // a twelfth of its first year a month from its start, not the whole year squeezed into them.
    const panel = async (title: string) => renderToStaticMarkup(await ActualsPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: useCases.find((u) => u.title === title)!.id }));
    // An owner's estimate is the whole yearly cost, people's time in it: its bill is not set against it
    // (it was, and read "below the low case" for a vendor bill inside the estimate).
    const campaign = await panel("Campaign subject-line testing");
    expect(campaign).toContain("so far this year (January to November); it is costed from its owner&#x27;s yearly estimate, the whole yearly cost with people&#x27;s time in it, which a bill does not measure, so the bill is not set against it.");
    expect(campaign).toContain("Feedback learning (as decided) is costed from its owner&#x27;s yearly estimate, not projected by what a bill measures");
    // Decided with no budget asked of finance: no budget is said to hold its bills (a review read "held to a budget finance approved").
    expect(campaign).toContain("its bills are counted but not set against the estimate (finance has approved no budget for it to be held to).");
    expect(campaign).not.toContain("below the low case");
    const contactCentre = await panel("Policy and billing answers for the contact centre");
    // Billed 1.18 times its monthly base from February: 17% over (it read 8% over against its whole first year spread over February to December).
    expect(contactCentre).toContain("Spent $88,035 so far this year (January to November), 17% over the base projection, inside the high case.");
    expect(contactCentre).toContain("so the base projection for February to November is $74,924, ten twelfths of that year.");
    const serviceDesk = await panel("IT service desk ticket routing");
    expect(serviceDesk).not.toContain("It started in");
    // Fine-tuned: its bill is GPU hours and calls, set against hosting and inference; its retraining
    // cycles ($80,000 a year, mostly people's time) are not a cloud bill's, and were once $87,425 of this base.
    expect(serviceDesk).toContain("The base projection for January to November is $14,092: eleven twelfths of the year&#x27;s $15,373 of metered costs.");
    expect(serviceDesk).toContain("of what a bill measures: inference, hosting and training compute, retrieval; not engineering time or retraining cycles, which are mostly people&#x27;s time rather than a cloud bill.");
    // The bill counts each use case's calls, so its cost per call is one the assumptions' range holds.
    const unit = await loadUnitCosts(org.id);
    expect(unit.observed.calls!.count).toBeGreaterThan(1_000_000);
    // Measured over the demo's bill, January to November 2026, which the page says.
    expect(unit.months).toEqual({ from: "2026-01", to: "2026-11" });
    expect(unit.observed.calls!.usdPerCall).toBeGreaterThan(unit.assumed.usdPerCall.low!);
    expect(unit.observed.calls!.usdPerCall).toBeLessThan(unit.assumed.usdPerCall.high!);
    // Most of its calls are RAG's, which the projections price at a bare call plus 22.5% retrieval
    // overhead: against what the projections assume for those calls the bill is on course (the
    // page once set them against a bare call and offered "model prices × 1.22", the overhead itself).
    expect(unit.calls!.byApproach.map((a) => a.approach)).toEqual(["RAG", "FINE_TUNING"]);
    expect(unit.calls!.leftOut).toEqual([]);
    expect(unit.observed.calls!.usdPerCall / unit.assumed.usdPerCall.base!).toBeGreaterThan(1.2);
    expect(Math.abs(unit.proposal!.ratio - 1)).toBeLessThan(0.02);
    // The break-even volume is read against the use case's own: month-end commentary runs 200 calls a month.
    const monthEnd = useCases.find((u) => u.title === "Month-end variance commentary")!;
    // Its acceptable lag is unanswered, and the fine-tuned model the volume counts would be stale most of the year: said beside it.
    expect((monthEnd.projectionSummary as { breakEven: { reason: string } }).breakEven.reason).toMatch(
      /^Above [\d.]+ million calls a month, fine-tuning costs less than RAG over the lifecycle; this use case expects 200 a month\. That counts fine-tuning as it retrains \d+ times a year, its answers up to \d+ days behind a change \(\d+ stale days a year, base\); the use case has not said what lag it accepts, so whether fine-tuning can serve it at all is not known yet\.$/,
    );
    // A default start that one framework happens to back is named as the default start in the
    // header, the list and the queue, not as "1 of 5 voting agree".
    const monthEndDetail = (await getUseCase(org.id, monthEnd.id))!;
    expect(monthEndDetail).toMatchObject({ evidence: "provisional", defaultStart: true });
    expect(monthEndDetail.agreementVotes).toBeGreaterThan(0);
    // Not "while key answers are missing": an answer given (a prompted base model already meets
    // the bar) is what keeps a model from being trained, whatever the unanswered ones say.
    expect(monthEndDetail.trainingLacks).toEqual(["promptedBaselineMeetsBar"]);
    expect(recommendationText(monthEndDetail)).toBe(
      "Prompting only · provisional (the sources' default starting approach: a prompted base model already meets the bar, so no model is trained)",
    );
    // Its page: the lean to fine-tuning in a sentence that reads as one, and the changes to answers
    // already given under a heading of their own, not as more of the unanswered questions above them.
    const { ScorePanel } = await import("@/app/o/[org]/use-cases/[id]/_panels/score-panel");
    const scoreHtml = renderToStaticMarkup(await ScorePanel({ organizationId: org.id, useCaseId: monthEnd.id }));
    expect(scoreHtml).toMatch(/The frameworks lean to Fine-tuning, which would be recommended once there are at least 200 curated, labeled examples, a prompted base model is tried and falls short \(the assessment says one already meets it, and 002 checks that before any training\)[^<]*\./);
    expect(scoreHtml).not.toContain("leans if");
    // Said in the words the Sources page uses, not "the seeds'" (a word a CTO does not know here).
    expect(scoreHtml).toContain("The sources&#x27; default starting approach: no model is trained while a prompted base model already meets the bar");
    expect(scoreHtml).not.toContain("seeds");
    const heading = scoreHtml.indexOf('data-testid="more-changes-heading"');
    expect(heading).toBeGreaterThan(scoreHtml.indexOf('data-testid="unanswered"'));
    expect(heading).toBeLessThan(scoreHtml.indexOf('data-testid="more-changes"'));
    const listed = await listUseCases(org.id, { ...parseListQuery({}), pageSize: 100 });
    expect(listed.rows.filter((r) => r.defaultStart).map((r) => r.title)).toEqual(["Month-end variance commentary"]);
    expect(backingText(listed.rows.find((r) => r.title === "Month-end variance commentary")!)).toBe("the sources' default starting approach: a prompted base model already meets the bar");
    // A provisional count is an agreement on the answers given so far, not a firm one.
    expect(backingText(listed.rows.find((r) => r.title === "Incident post-mortem search")!)).toMatch(/^\d of \d on the answers so far$/);
    const queued = (await readQueue(org.id, { limit: 100 })).items.find((i) => i.title === "Month-end variance commentary");
    expect(queued?.defaultStart).toBe(true);
    expect(backingClause(queued!)).toBe("the sources' default starting approach: a prompted base model already meets the bar");
    // The queue's "Approve Fine-tuning" says what that costs over the cheapest approach that serves.
    const property = (await readQueue(org.id, { limit: 100 })).items.find((i) => i.title === "Commercial property risk summaries")!;
    expect(property.reasons).toContain("undecided");
    // Since judgement 2.10 RAG alone cannot keep its style (a prompted base model fell short), and
    // since 2.13 fine-tuning alone cannot cite the sources its summaries must cite (001): the hybrid
    // is the one approach that serves it (before 2.13 fine-tuning, the recommendation, and the hybrid
    // were "about the same").
    expect(property.optionNotes.FINE_TUNING?.text).toMatch(/^\$[\d,]+ over the lifecycle \(base\); cannot cite the sources the use case's answers must cite$/);
    expect(property.optionNotes.HYBRID?.text).toMatch(/^\$[\d,]+ over the lifecycle \(base\), the cheapest that serves$/);
    expect(property.optionNotes.RAG).toMatchObject({ cannotServe: true, text: expect.stringContaining("cannot keep the format, style or voice the use case requires") });
    // Stale days per approach on the portfolio are per use case: never more days than a year has
    // (the six fine-tuned use cases' sum, 609 days, was once shown as "stale days a year").
    const dashboard = await loadDashboard(org.id, EMPTY_FILTER);
    const { freshness, undated, spend } = dashboard;
    // As recommended against as chosen: both leave out the same two agents (no estimate, costed in
    // neither) and lack figures for the same two, so the whole difference is cost, no "*". Hand figure:
    // the two use cases decided against their recommendation, (625,702.29 − 365,183.26) +
    // (708,655.22 − 232,369.46) = $736,804.79 more as chosen. Cost engine 2.16 prices no
    // retraining where the assessment says there is no budget for it: the first, fine-tuning chosen
    // with none, was 1,885,702.29 with $1,260,000 of retraining in it ($1,996,804.79 more as chosen
    // then; $2,259,471.45 before cost engine 2.13: fine-tuning paid an index's upkeep, and each use
    // case the building of an evaluation set it has).
    const summary = (s: string) => dashboard.scenarioSummaries.find((x) => x.scenario === s)!;
    // Since judgement 2.10 a third is costed in neither: contract redlining, with no recommendation and no decision.
    expect([summary("chosen"), summary("recommended")].map((s) => [s.costed, s.notCosted, s.incomplete])).toEqual([[21, 3, 2], [21, 3, 2]]);
    expect(dashboard.savings.find((s) => s.scenario === "chosen" && s.against === "recommended")).toMatchObject({ cents: -73_680_479, differing: 0, comparable: true });
    const { ScenariosPanel } = await import("@/app/o/[org]/portfolio/_components/scenarios-panel");
    const scenariosHtml = renderToStaticMarkup(ScenariosPanel({ d: dashboard }));
    const row = (scenario: string) => scenariosHtml.match(new RegExp(`<tr data-scenario="${scenario}">(?:(?!</tr>).)*</tr>`, "s"))![0].replace(/<[^>]+>/g, "|");
    expect(row("chosen")).toContain("|costs $736,805 (7.5%)|");
    expect(row("recommended")).toContain("|saves $736,805 (6.9%)|");
    for (const s of ["chosen", "recommended"]) expect(row(s), s).not.toContain("*");
    expect(scenariosHtml.replace(/<[^>]+>/g, "")).toContain(
      "As chosen and as recommended both leave out the same 3 use cases (not costed) and lack figures for the same 2, so the difference is all cost, not coverage (the missing figures are left out of both totals).",
    );
    // The headline's year: of this year's spend, the part from the three ideas logged today with no
    // planned start date, each placed (by design) in the year it was logged, a full first year.
    // Hand figure: their year-1 base as chosen, read from the stored years, $462,681.09.
    const thisYear = new Date().getUTCFullYear();
    const undatedTitles = DEMO_USE_CASES.filter((u) => u.startDate === null).map((u) => u.title);
    expect(undatedTitles.sort()).toEqual(["Broker email replies", "Incident post-mortem search", "Regulatory change monitor"]);
    const [firstYears] = await db.$queryRaw<{ base: bigint }[]>`
      SELECT sum(y."baseCents")::bigint AS base FROM "CostYear" y JOIN "UseCase" u ON u.id = y."useCaseId"
       WHERE u."organizationId" = ${org.id} AND u.title = ANY(${undatedTitles}) AND y.approach = COALESCE(u."chosenApproach", u."recommendedApproach") AND y."yearIndex" = 1`;
    expect(Number(firstYears!.base)).toBe(46_268_109);
    const ofThisYear = undated.find((u) => u.calendarYear === thisYear);
    expect(ofThisYear).toEqual({ calendarYear: thisYear, base: 46_268_109, useCases: 3, firstYear: 3 });
    expect(ofThisYear!.base).toBeLessThan(spend.find((y) => y.calendarYear === thisYear)!.base);
    expect(undatedText(ofThisYear)).toBe("Of it, $462,681 is from 3 use cases with no planned start date, counted in the year they were logged: a full first year each.");
    // The headline's "how sure": the part of the lifecycle total as chosen from the use cases whose
    // recommendation is provisional, read from their stored years, and the total the portfolio
    // shows filtered to them.
    const provisionalTitles = useCases.filter((u) => u.evidence === "provisional").map((u) => u.title).sort();
    expect(provisionalTitles).toEqual(["Broker email replies", "Incident post-mortem search", "Month-end variance commentary", "Regulatory change monitor"]);
    const [provisionalYears] = await db.$queryRaw<{ base: bigint; thisYear: bigint }[]>`
      SELECT sum(y."baseCents")::bigint AS base, sum(y."baseCents") FILTER (WHERE y."calendarYear" = ${thisYear})::bigint AS "thisYear"
        FROM "CostYear" y JOIN "UseCase" u ON u.id = y."useCaseId"
       WHERE u."organizationId" = ${org.id} AND u.evidence = 'provisional' AND u."deletedAt" IS NULL AND y.approach = COALESCE(u."chosenApproach", u."recommendedApproach")`;
    expect([Number(provisionalYears!.base), Number(provisionalYears!.thisYear)]).toEqual([106_369_141, 46_268_109]);
    expect(dashboard.provisional.base).toBe(Number(provisionalYears!.base));
    expect(dashboard.provisional.years.find((y) => y.calendarYear === thisYear)?.base).toBe(Number(provisionalYears!.thisYear));
    const onlyProvisional = await loadDashboard(org.id, { ...EMPTY_FILTER, evidence: ["provisional"] });
    expect(onlyProvisional.scenarioSummaries.find((s) => s.scenario === "chosen")!.lifecycle.base).toBe(dashboard.provisional.base);
    expect(provisionalText(dashboard.provisional, summary("chosen").lifecycle.base, thisYear)?.text).toBe(
      `Of the lifecycle total, $1,063,691 (10%) is from 4 use cases whose recommendations are provisional (too few answers to be sure), and $462,681 of the ${thisYear} figure`,
    );
    const fineTuned = freshness.byApproach.find((a) => a.approach === "FINE_TUNING")!;
    expect(fineTuned.useCases).toBeGreaterThan(1);
    expect(fineTuned.staleDaysPerYear!.base).toBeGreaterThan(0);
    for (const a of freshness.byApproach) for (const k of ["low", "base", "high"] as const) expect(a.staleDaysPerYear?.[k] ?? 0, a.approach).toBeLessThanOrEqual(365);
    // Prompting's time to value is RAG's figure, and the use case's cost table says so (it read
    // "0.4 – 1 wk" for both with nothing to say where either came from).
    signInAs((await db.user.findUniqueOrThrow({ where: { email: spec.users[3]!.email } })).id); // finance, who reads it (an editor gets the overrides form, a client component)
    const costs = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: useCases.find((u) => u.title === "Policy and billing answers for the contact centre")!.id }));
    expect(costs).toContain("No source gives a figure for prompting alone, so it is given RAG&#x27;s: the most it should take, since it builds no index to fill.");
    expect(costs).toContain("the hybrid is given fine-tuning&#x27;s because it is in production only when its fine-tune is.");
    // Where its 365 stale days and 0 cycles a year come from: the assessment gives no budget for
    // retraining, so none is priced (cost engine 2.16; it retrained 17 times a year before, priced
    // on a budget the organization said it did not have).
    expect(costs).toContain("The knowledge changes weekly (the assessment&#x27;s answer: about 52 changes a year), but the assessment says there is no budget for retraining (");
    expect(costs).toContain(
      "so none is priced: fine-tuning is counted as trained once and answers from what it was trained on, never brought up to date, against the 2 days this use case accepts: 365 stale days a year.",
    );
    // Its answers cite policy documents, which fine-tuning alone cannot (judgement 2.13), said first; the table also says it misses the lag.
    expect(costs.replace(/<[^>]+>/g, "")).toContain("Fine-tuning cannot cite the sources the use case&#x27;s answers must cite: 001 says a fine-tuned model hallucinates its sources, where retrieval knows which passages it used, so it is never offered as a saving.");
    expect(costs).toContain('data-testid="fails-lag-FINE_TUNING">and does not meet the 2-day lag</span>');
    // Commercial property: its summaries keep the underwriter's template (a prompted model fell short)
    // and cite the submission, so RAG alone cannot keep the style and fine-tuning alone cannot cite
    // (judgement 2.13): the hybrid is the one approach that serves, and the page never offers
    // fine-tuning as a saving against it (before 2.13 it said the two "cost about the same").
    const propertyCosts = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: property.id })).replace(/<[^>]+>/g, "");
    expect(propertyCosts).toContain("Fine-tuning cannot cite the sources the use case&#x27;s answers must cite");
    expect(propertyCosts).toContain("RAG cannot keep the format, style or voice the use case requires");
    expect(propertyCosts).not.toMatch(/Fine-tuning (comes to|saves|costs less)/);
    expect(property.recommendedApproach).toBe("HYBRID");
    // Month-end variance commentary: the recommendation waits for 200 labeled examples; the cost
    // panel says why curation is charged up to 500–3,000 all the same.
    const monthEndHtml = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: monthEnd.id }));
    // A source named by its number links to its text, its title on hover.
    expect(monthEndHtml).toContain(`<a title="Should we fine-tune a model or build a retrieval-augmented generation system?" class="underline decoration-dotted underline-offset-2" href="/o/${spec.org.slug}/sources/002">002</a>`);
    expect(monthEndHtml).toContain(`href="/o/${spec.org.slug}/sources/001">001</a>&#x27;s “hundreds of examples”`);
    const monthEndCosts = monthEndHtml.replace(/<[^>]+>/g, "");
    expect(monthEndCosts).toContain(
      "The frameworks ask for fewer: 200 labeled examples are enough for them to consider fine-tuning, the least of 001&#x27;s “hundreds of examples” (“Do you have labeled training data (hundreds of examples)? Yes → Fine-tuning is viable”); " +
        "the projection costs curating up to the 500–3,000 (base 1,000) that 002 gives as “the minimum viable fine-tuning dataset for a meaningful quality improvement”.",
    );
    // Sanctions screening was switched off in 2026: nothing is projected for it in 2027, and its page says why.
    const sanctions = useCases.find((u) => u.title === "Sanctions screening explanations")!;
    expect(sanctions.retiredAt?.toISOString()).toBe("2026-06-30T00:00:00.000Z");
    expect(await db.costYear.findMany({ where: { useCaseId: sanctions.id, approach: "RAG" }, select: { calendarYear: true }, orderBy: { calendarYear: "asc" } })).toEqual([{ calendarYear: 2025 }, { calendarYear: 2026 }]);
    const retiredCosts = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: sanctions.id }));
    expect(retiredCosts).toContain("Retired in 2026: no spend projected after it. Its lifecycle cost, here, in the portfolio and in the exports, counts only the years up to 2026.");
    expect(costs).not.toContain("Retired in");
    // The regulatory monitor's volume is unanswered: its cost panel names the missing answer in the
    // words the other sentences use, not as a key ("answer: Monthly LLM calls now").
    const monitor = useCases.find((u) => u.title === "Regulatory change monitor")!;
    const monitorCosts = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: monitor.id })).replace(/<[^>]+>/g, "");
    expect(monitorCosts).toContain("Missing: the answer &quot;Monthly LLM calls now&quot;.");
    expect(monitorCosts).not.toContain("Missing: answer:");
    // Renewal call preparation needs tools and accepts a day's lag: fine-tuning's row says both
    // reasons it cannot serve, not only the first.
    const renewal = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: useCases.find((u) => u.title === "Renewal call preparation notes")!.id }));
    const ftRow = renewal.match(/<tr[^>]*>(?:(?!<\/tr>).)*?Fine-tuning(?:(?!<\/tr>).)*<\/tr>/s)![0];
    expect(ftRow).toContain(">cannot call the tools the use case needs<");
    expect(ftRow).toContain(">and does not meet the 1-day lag<");
    // Product page copy must be in production in 6 weeks: the panel says which approaches would be
    // ready (a review met "Fine-tuning and Hybrid, the two cheapest approaches that can serve it", both at 8 weeks).
    const copy = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: useCases.find((u) => u.title === "Product page copy in the brand voice")!.id }));
    // Claims extraction: no prompted base model tried, yet Prompting only is the cheapest that can serve: said on what that rests.
    const extraction = renderToStaticMarkup(await CostPanel({ orgSlug: spec.org.slug, organizationId: org.id, useCaseId: useCases.find((u) => u.title === "Claims document extraction at volume")!.id }));
    expect(extraction).toContain('data-testid="untried-prompting">Prompting only is counted as able to serve it because no prompted base model has been tried and found short');
    expect(copy).toMatch(/data-testid="deadline-note">The use case must be in production in 6 weeks: [^<]*Fine-tuning \(8 weeks\)[^<]*would be ready in time[^<]*<\/p>/);
    signOut();
    // No request in the demo asks for a step its decision has moved past: the executive who approved
    // a proposal is not still asked to approve it, nor finance the budget of a decision back to review.
    const requests = await db.notification.findMany({ where: { organizationId: org.id, kind: { in: ["approval_requested", "budget_requested"] } }, select: { kind: true, useCaseId: true, readAt: true, resolvedAt: true } });
    const states = new Map((await db.useCaseDecision.findMany({ where: { organizationId: org.id }, select: { useCaseId: true, state: true } })).map((d) => [d.useCaseId, d.state]));
    const title = (id: string | null) => useCases.find((u) => u.id === id)?.title;
    const live = requests.filter((n) => n.resolvedAt === null).map((n) => [n.kind, title(n.useCaseId), states.get(n.useCaseId!)]);
    for (const [kind, t, state] of live) expect(state, `${kind} on ${t}`).toBe(kind === "approval_requested" ? "PROPOSED" : "APPROVED");
    expect(live.length).toBeGreaterThan(0);
    const underwriting = useCases.find((u) => u.title === "Underwriting guideline Q&A")!;
    expect(states.get(underwriting.id)).toBe("TO_REVIEW");
    expect(requests.filter((n) => n.useCaseId === underwriting.id && n.kind === "budget_requested").map((n) => [n.readAt !== null, n.resolvedAt !== null])).toEqual([[true, true]]);
  });
});
