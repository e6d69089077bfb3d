/**
 * A proposal's budget says its one-off build apart from its yearly run rate (review-propose). A
 * reviewer's Hybrid proposal read "yearly budget: $488,000" on the way to approval, when $290,000
 * of it was the build, spent once in the first year, and the years after cost about $198,000: the
 * approver read a run rate that was not one, and once finance approved it each later year of the
 * lifecycle counted $488,000 as approved spend. Now the proposal's line on "Needs a decision", the
 * Decision tab, the finance step and the messages say "$290,000 to build in 2027, and $198,000 a year to run from 2027"; was "… then $198,000 a
 * year"; approving stores the two figures the page said; the approved spend counts the build in
 * the first year only. And the queue sorts a proposal by the figure of the approach proposed, the
 * one its line shows, not by the approach chosen or recommended now.
 */
import { randomUUID } from "node:crypto";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { describe, expect, it } from "vitest";
import DecisionQueuePage from "@/app/o/[org]/decisions/page";
import { approveDecision, approveDecisionBudget, proposeDecision } from "@/app/o/[org]/decisions/actions";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { WorkflowPanel } from "@/app/o/[org]/use-cases/[id]/_decision/workflow-panel";
import { db } from "@/lib/server/db";
import { ONE_TIME } from "@/lib/domain/costing/drivers";
import { readQueue } from "@/lib/server/decisions/queue";
import { approvedSpendByBusinessUnit } from "@/lib/server/value/budgets-read";
import { dollars } from "@/lib/domain/money";
import { approvedText } from "@/lib/domain/decisions/workflow";
import { FINE_TUNING_CASE, RAG_ANSWERS } from "./helpers/answers";
import { setUpDecisionTests, type Result } from "./helpers/decisions";
import { runAs, signInAs } from "./helpers/session";

const { org, notificationsOf } = setUpDecisionTests();

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
const render = (node: ReactNode) => renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, node)).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
const text = (html: string) => html.replace(/<[^>]+>/g, "");

async function queueHtml(userId: string): Promise<string> {
  signInAs(userId);
  return render(await DecisionQueuePage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
}

/** A member's line for the use case on "Needs a decision": each test id's text, and the line's buttons. */
async function queueLine(id: string, userId = org.users.EXECUTIVE.id): Promise<Record<string, string> & { buttons: string[] }> {
  const line = (await queueHtml(userId)).split("<li").find((l) => l.includes(`/use-cases/${id}?`)) ?? "";
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/data-testid="(queue-[a-z-]+)"[^>]*>(.*?)<\/span>(?=<span|<\/li>|$)/g)) out[m[1]!] = text(m[2]!);
  const buttons = [...line.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => text(m[1]!));
  return Object.assign(out, { buttons }) as unknown as Record<string, string> & { buttons: string[] };
}

async function logged(assessment: Record<string, unknown>, businessUnit = "Claims") {
  const r = (await runAs(org.users.LEAD.id, () =>
    createUseCase(org.slug, { title: `Budget ${randomUUID().slice(0, 8)}`, businessUnit, startDate: "2027-01-01", horizonYears: 5, assessment }),
  )) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return (r.data as { id: string }).id;
}

/** The approach's first year, its one-off lines (one-off.ts: build, curation, training, the evaluation set, the first embedding), its second and last years and its lifecycle, base. */
async function figures(id: string, approach: "HYBRID" | "RAG" | "PROMPTING") {
  const years = await db.costYear.findMany({ where: { useCaseId: id, approach }, orderBy: { yearIndex: "asc" }, select: { baseCents: true } });
  const lines = await db.costLine.findMany({ where: { useCaseId: id, approach, yearIndex: 1, category: { in: [...ONE_TIME] } }, select: { baseCents: true } });
  const build = lines.reduce((n, l) => n + Number(l.baseCents ?? 0n), 0);
  const first = Number(years[0]!.baseCents);
  return { first, build, run: first - build, second: Number(years[1]!.baseCents), last: Number(years.at(-1)!.baseCents), lifecycle: years.reduce((n, y) => n + Number(y.baseCents), 0) };
}

describe("a proposal's budget, the build apart from the run rate", () => {
  it("says a Hybrid's build and its yearly run rate apart from proposal to finance, stores what it said, and counts the build once as approved spend", async () => {
    // Weekly knowledge in 500 documents and a 30-day lag: the frameworks recommend Hybrid, which has a build.
    const id = await logged({ ...FINE_TUNING_CASE, corpusDocuments: 500, changeFrequency: "weekly", maxLagDays: 30 }, "Build split");
    const f = await figures(id, "HYBRID");
    expect(f.build).toBeGreaterThan(0);
    expect(f.run).toBeGreaterThan(0);
    // The run rate is what a year after the first costs (before its growth), not the first year whole.
    expect(Math.abs(f.second - f.run)).toBeLessThan(f.build);

    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach: "HYBRID", notes: "" }))).toMatchObject({
      ok: true,
      data: { state: "PROPOSED", yearlyBudgetCents: f.run, buildCents: f.build },
    });
    const said = `${dollars(f.build)} to build in 2027, and ${dollars(f.run)} a year to run from 2027`;
    expect((await notificationsOf(org.users.EXECUTIVE.id, id)).at(-1)?.message).toContain(`proposed Hybrid for`);
    expect((await notificationsOf(org.users.EXECUTIVE.id, id)).at(-1)?.message).toContain(`(budget: ${said}): it awaits your approval.`);

    // The approver's line on "Needs a decision": the build apart, then the run rate, from the first
    // year's to the last's as the volume grows (10% a year), then the lifecycle they add up to.
    const line = await queueLine(id);
    expect(f.last).toBeGreaterThan(f.run);
    expect(line["queue-spend"]).toBe(`Hybrid: ${dollars(f.build)} to build in 2027, and ${dollars(f.run)} a year to run from 2027, rising to ${dollars(f.last)} (lifecycle ${dollars(f.lifecycle)} over 5 years)`);
    expect(line["queue-spend"]).not.toContain(`${dollars(f.first)} a year`);
    // The Decision tab says it alike.
    signInAs(org.users.EXECUTIVE.id);
    const panel = text(render(await WorkflowPanel({ orgSlug: org.slug, organizationId: org.id, useCase: { id, ownerId: org.users.LEAD.id, status: "IDEA", chosenApproach: null, recommendedApproach: "HYBRID" }, actor: { userId: org.users.EXECUTIVE.id, role: "EXECUTIVE" }, optionNotes: {} })));
    expect(panel).toContain(`; budget: ${said}, rising to ${dollars(f.last)}.`);

    // Approving stores what the page said: the run rate as the yearly budget, the build apart.
    const approved = await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id }));
    expect(approved).toMatchObject({ ok: true, data: { state: "APPROVED", lastYearCents: f.last } });
    // The executive's confirmation says the budget finance is asked to approve, the rise included (it left it out).
    if (approved.ok) expect(approvedText(approved.data)).toContain(`Its budget of ${said}, rising to ${dollars(f.last)} now awaits finance.`);
    expect(await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id }, select: { yearlyBudgetCents: true, buildCents: true } })).toEqual({
      yearlyBudgetCents: BigInt(f.run),
      buildCents: BigInt(f.build),
    });
    expect((await notificationsOf(org.users.FINANCE.id, id)).at(-1)?.message).toContain(`approved Hybrid for`);
    expect((await notificationsOf(org.users.FINANCE.id, id)).at(-1)?.message).toContain(`: its budget, ${said}, rising to ${dollars(f.last)}, awaits your approval.`);
    // The button names its use case for a screen reader (visually hidden), after what it shows.
    const { title } = await db.useCase.findUniqueOrThrow({ where: { id }, select: { title: true } });
    expect((await queueLine(id, org.users.FINANCE.id)).buttons).toContain(`Approve budget: ${said}, rising to ${dollars(f.last)} for “${title}”`);

    expect(await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id }))).toMatchObject({ ok: true, data: { state: "BUDGET_APPROVED" } });
    expect((await notificationsOf(org.users.LEAD.id, id)).at(-1)?.message).toContain(`approved the budget for “`);
    expect((await notificationsOf(org.users.LEAD.id, id)).at(-1)?.message).toContain(`: ${said}, rising to ${dollars(f.last)}.`);
    // Approved spend: the build and a year's run in 2027, a year's run only in each later year.
    expect((await approvedSpendByBusinessUnit(org.id, 2027))!.cents.get("Build split")).toBe(f.build + f.run);
    expect((await approvedSpendByBusinessUnit(org.id, 2028))!.cents.get("Build split")).toBe(f.run);
    expect((await approvedSpendByBusinessUnit(org.id, 2031))!.cents.get("Build split")).toBe(f.run);
  });

  it("says a yearly budget alone, as before, for an approach with nothing to build", async () => {
    // An evaluation set in hand: prompting alone has nothing to build (building one is a one-off line, engine 2.14).
    const id = await logged({ ...RAG_ANSWERS, evaluationSetExists: true });
    const f = await figures(id, "PROMPTING");
    expect(f.build).toBe(0);
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach: "PROMPTING", notes: "" }))).toMatchObject({ ok: true, data: { yearlyBudgetCents: f.first, buildCents: 0 } });
    expect((await queueLine(id))["queue-spend"]).toBe(`Prompting only: ${dollars(f.first)} a year (lifecycle ${dollars(f.lifecycle)} over 5 years)`);
  });

  it("sorts proposals by the figure of the approach proposed, the one each line shows, not the approach recommended", async () => {
    // A: Hybrid recommended (the dearer of the two recommendations), prompting proposed (the cheaper of the two proposals);
    // B: RAG recommended, Hybrid proposed.
    const a = await logged({ ...FINE_TUNING_CASE, corpusDocuments: 500, changeFrequency: "weekly", maxLagDays: 30, monthlyCalls: 200_000 });
    const b = await logged(RAG_ANSWERS);
    const [aHybrid, aPrompting, bRag, bHybrid] = [await figures(a, "HYBRID"), await figures(a, "PROMPTING"), await figures(b, "RAG"), await figures(b, "HYBRID")];
    expect(await db.useCase.findMany({ where: { id: { in: [a, b] } }, orderBy: { title: "asc" }, select: { id: true, recommendedApproach: true } })).toEqual(
      expect.arrayContaining([{ id: a, recommendedApproach: "HYBRID" }, { id: b, recommendedApproach: "RAG" }]),
    );
    // The recommendations' order is A then B; the proposals' is B then A.
    expect(aHybrid.lifecycle).toBeGreaterThan(bRag.lifecycle);
    expect(bHybrid.lifecycle).toBeGreaterThan(aPrompting.lifecycle);
    for (const [id, approach] of [[a, "PROMPTING"], [b, "HYBRID"]] as const) {
      expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach, notes: "" }))).toMatchObject({ ok: true });
    }
    const queue = (await readQueue(org.id, { reasons: ["awaiting-approval"] })).items;
    const at = (id: string) => queue.findIndex((i) => i.id === id);
    expect(at(b)).toBeGreaterThanOrEqual(0);
    expect(at(a)).toBeGreaterThan(at(b));
    // Each line shows the figure it is sorted by, and the page lists them in that order.
    const shown = queue.map((i) => i.proposedSpendCents);
    expect(shown).toEqual([...shown].sort((x, y) => (y ?? -1) - (x ?? -1)));
    const html = await queueHtml(org.users.EXECUTIVE.id);
    expect(html.indexOf(`/use-cases/${b}?`)).toBeLessThan(html.indexOf(`/use-cases/${a}?`));
    expect((await queueLine(a))["queue-spend"]).toContain(`lifecycle ${dollars(aPrompting.lifecycle)} over 5 years`);
    // With a page of one (the SQL picks the page), the proposal with the largest proposed figure is it.
    const first = (await readQueue(org.id, { reasons: ["awaiting-approval"], limit: 1 })).items[0]!;
    expect(first.proposedSpendCents).toBe(Math.max(...shown.map((x) => x ?? -1)));
  });
});
