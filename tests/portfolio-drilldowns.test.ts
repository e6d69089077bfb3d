/**
 * Every count on the portfolio that links to the use-case list opens a list of exactly that many,
 * in the whole portfolio and under filters. The page renders each count's link from the view's
 * filter narrowed by the count's own condition (drillDown); the list is read as the list page
 * reads it (listUseCases, from the link's own URL).
 *
 * Found by the portfolio review: in a view of chosen=RAG, "0 use cases awaiting a decision" opened
 * every undecided use case; in a view of one risk flag, "N use cases with a risk flag" and each
 * other flag's chip opened every use case with any flag, or with that flag; and "Agent with tools:
 * 1 use case" (the costed one) opened the three whose approach as chosen is an agent.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { APPROACHES } from "@/lib/domain/assessment";
import { FILTER_PARAMS, parsePortfolioFilter, RISK_FLAGS } from "@/lib/domain/portfolio/filter";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { db } from "@/lib/server/db";
import { readQueue } from "@/lib/server/decisions/queue";
import { listUseCases } from "@/lib/server/use-cases/list";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { recordUseCaseDecision } from "@/lib/server/use-cases/decision";
import { setUseCaseBenefit } from "@/lib/server/value/write";
import { generateUseCases, rng } from "../scripts/bench/generate";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";

let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg("drill");
  const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
  const r = rng(7);
  for (const [i, fields] of generateUseCases(60, 11).entries()) {
    // A few not assessed (no deciding answer); one of them decided all the same.
    if (i % 12 === 5) fields.assessment = { monthlyCalls: 10_000 };
    const s = await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields }));
    // Decisions on about a third, on every approach (an agent with no estimate is not costed).
    if (i === 5 || r() < 0.35) {
      const chosenApproach = i === 5 ? "HYBRID" : APPROACHES[Math.floor(r() * APPROACHES.length)]!;
      await inUseCaseTransaction((tx) => recordUseCaseDecision(tx, ctx, { id: s.id, expectedVersion: s.version, chosenApproach, decisionNotes: "Decided." }));
    }
    // An expected benefit on every fourth (hours saved a year).
    if (i % 4 === 1) {
      const { version } = await db.useCase.findUniqueOrThrow({ where: { id: s.id }, select: { version: true } });
      await inUseCaseTransaction((tx) => setUseCaseBenefit(tx, ctx, { id: s.id, expectedVersion: version, benefit: { kind: "HOURS", low: 500, base: 1_000, high: 2_000 } }));
    }
  }
});

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** Each link to the use-case list on the rendered page with the first number of its text: [text, URL, count]. */
async function countedLinks(params: Record<string, string | string[]>, only?: RegExp): Promise<[string, string, number][]> {
  signInAs(org.users.EXECUTIVE.id);
  const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve(params) }));
  const scope = only ? (html.match(only)?.[0] ?? "") : html;
  const out: [string, string, number][] = [];
  for (const m of scope.matchAll(/<a [^>]*href="([^"]*\/use-cases(?:\?[^"]*)?)"[^>]*>(.*?)<\/a>/g)) {
    const text = decode(m[2]!.replace(/<[^>]+>/g, "")).trim();
    const n = text.match(/\d[\d,]*/);
    if (n) out.push([text, decode(m[1]!), Number(n[0].replace(/,/g, ""))]);
  }
  return out;
}

async function listed(url: string): Promise<number> {
  const filter = parsePortfolioFilter(new URL(url, "http://x").searchParams);
  return (await listUseCases(org.id, { ...DEFAULT_LIST_QUERY, filter, pageSize: 100 })).total;
}

/** The views: the whole portfolio, and one filter on each field the counts narrow, with values that have use cases. */
async function views(): Promise<Record<string, string | string[]>[]> {
  const flags = await db.useCase.findMany({ where: { organizationId: org.id, deletedAt: null }, select: { riskFlags: true } });
  const present = RISK_FLAGS.filter((f) => flags.some((u) => u.riskFlags.includes(f)));
  expect(present.length).toBeGreaterThan(2);
  return [
    {},
    { [FILTER_PARAMS.chosen]: "RAG" },
    { [FILTER_PARAMS.chosen]: ["RAG", "NONE"] },
    { [FILTER_PARAMS.status]: "LIVE" },
    ...present.slice(0, 3).map((f) => ({ [FILTER_PARAMS.flag]: f })),
    { [FILTER_PARAMS.flag]: present.slice(0, 2) },
    { [FILTER_PARAMS.evidence]: "assessed" },
    { [FILTER_PARAMS.recommended]: "NONE" },
    { [FILTER_PARAMS.awaitingDecision]: "yes" },
    { [FILTER_PARAMS.awaitingDecision]: "no" },
  ];
}

describe("the portfolio's counts and the lists they open", () => {
  it("'awaiting a decision', 'with a risk flag' and each flag's count open that many, whatever the view's filter", async () => {
    let checked = 0;
    for (const view of await views()) {
      const links = [
        ...(await countedLinks(view, /data-testid="headline-needs".*?<\/ul>/s)),
        ...(await countedLinks(view, /aria-label="Use cases per risk flag".*?<\/ul>/s)),
      ];
      for (const [text, url, n] of links) {
        expect({ view, text, listed: await listed(url) }).toEqual({ view, text, listed: n });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("every count on the page that opens the list opens that many: per approach as chosen, the matrix, evidence, what the totals leave out", async () => {
    let checked = 0;
    const texts = new Set<string>();
    for (const view of await views()) {
      for (const [text, url, n] of await countedLinks(view)) {
        expect({ view, text, listed: await listed(url) }).toEqual({ view, text, listed: n });
        texts.add(text.replace(/[\d,]+/g, "#"));
        checked++;
      }
    }
    // The approach counts behind the lifecycle totals were among them.
    expect([...texts].some((t) => /^Agent with tools #$/.test(t) || /^Hybrid #$/.test(t))).toBe(true);
    expect(checked).toBeGreaterThan(100);
  });

  it("the value panel accounts for every use case in view: netted, counted apart, or said to be outside the table", async () => {
    let views_ = 0;
    let withOutside = 0;
    for (const view of await views()) {
      signInAs(org.users.EXECUTIVE.id);
      const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve(view) }));
      const inView = Number(html.match(/data-testid="portfolio-count"><a [^>]*>([\d,]+) use cases?/)![1]!.replace(/,/g, ""));
      const row = html.match(/<tr data-testid="value-total".*?<\/tr>/s)?.[0];
      if (!row) continue;
      const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!);
      const num = (re: RegExp, text: string) => Number(text.match(re)?.[1] ?? 0);
      const valued = num(/^(\d+)/, cells[0]!);
      const cannotServe = num(/(\d+) more not netted/, cells[0]!);
      const noValue = num(/^(\d+)/, cells.at(-1)!);
      const notCosted = num(/(\d+) valued use cases? not fully costed/, cells.at(-1)!);
      const outside = num(/Not in this table: (\d+) more use cases?/, html);
      expect({ view, accounted: valued + cannotServe + noValue + notCosted + outside }).toEqual({ view, accounted: inView });
      views_++;
      if (outside > 0) withOutside++;
    }
    expect(views_).toBeGreaterThan(5);
    expect(withOutside).toBeGreaterThan(0);
  });

  it("says of each split what the use case's page says: a tie and how it was settled, a pick held back", async () => {
    signInAs(org.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    const panel = decode(html.match(/data-testid="disagreements".*?<\/section>/s)![0]);
    const shown = await db.useCase.findMany({ where: { organizationId: org.id, disagreement: true }, select: { title: true, score: true } });
    let said = 0;
    let tiesOrHeld = 0;
    for (const u of shown) {
      if (!panel.includes(`>${u.title}<`)) continue;
      const text = (u.score as { agreementText: string }).agreementText;
      expect(panel, u.title).toContain(text);
      said++;
      if (/tied|Held back/.test(text)) tiesOrHeld++;
    }
    expect(said).toBeGreaterThan(3);
    expect(tiesOrHeld).toBeGreaterThan(0);
  });

  it("counts as awaiting a decision what the decision queue does (recommended, none, not retired; proposed); the not assessed await their answers", async () => {
    signInAs(org.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    const shown = Number(html.match(/(\d+) use cases? awaiting a decision/)![1]);
    const where = { organizationId: org.id, deletedAt: null, chosenApproach: null };
    expect(await db.useCase.count({ where: { ...where, recommendedApproach: null } }), "some undecided use cases are not assessed").toBeGreaterThan(0);
    const retired = await db.useCase.count({ where: { ...where, recommendedApproach: { not: null }, status: "RETIRED" } });
    expect(retired, "some use cases with a recommendation and none chosen are retired").toBeGreaterThan(0);
    expect(shown).toBe((await db.useCase.count({ where: { ...where, recommendedApproach: { not: null } } })) - retired);
    const { counts } = await readQueue(org.id);
    expect(shown).toBe(counts.undecided + counts["awaiting-approval"]);
  });
});
