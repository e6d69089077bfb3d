/**
 * Issue 20 items 1 and 2 through the real server actions (guard, parse, transaction, audit): the
 * approval workflow from a lead's proposal to finance's budget, who is notified at each step, the
 * history it leaves, and a material change (an edit, new weights, an import) putting a decision
 * back to review. Comments and notifications: tests/decisions-comments.test.ts; the decision
 * queue on the demo portfolio: tests/decisions-queue.test.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { approveDecision, approveDecisionBudget, proposeDecision, sendBackDecision } from "@/app/o/[org]/decisions/actions";
import { approvedSpendByBusinessUnit } from "@/lib/server/value/budgets-read";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { saveFrameworkWeights } from "@/app/o/[org]/frameworks/actions";
import { FRAMEWORKS } from "@/lib/domain/frameworks";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";
import { readQueue } from "@/lib/server/decisions/queue";
import { getUseCaseHistory } from "@/lib/server/use-cases/read";
import { RAG_ANSWERS } from "./helpers/answers";
import { dollars } from "@/lib/domain/money";
import { budgetText, UNFIGURED_BUDGET_REFUSAL, unfiguredBudgetText } from "@/lib/domain/decisions/workflow";
import { projectedBudget, setUpDecisionTests, type Result } from "./helpers/decisions";
import { createTestOrg } from "./helpers/factory";
import { runAs, signInAs, signOut } from "./helpers/session";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import DecisionQueuePage from "@/app/o/[org]/decisions/page";
import { WorkflowPanel } from "@/app/o/[org]/use-cases/[id]/_decision/workflow-panel";

const { org, other, newUseCase, notificationsOf } = setUpDecisionTests();

describe("the approval workflow, from a lead's proposal to finance's budget", () => {
  it("takes a use case from logged to budget approved, telling each next person, with each step in the history", async () => {
    const uc = await newUseCase();
    const year1 = await projectedBudget(uc.id, "RAG");

    const proposed = (await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG", notes: "Retrieval over the guide." }))) as Result;
    // The yearly budget is the run rate; RAG's build is apart, spent once in the first year.
    expect(year1.build).toBeGreaterThan(0);
    expect(proposed).toMatchObject({ ok: true, data: { state: "PROPOSED", yearlyBudgetCents: year1.yearly, buildCents: year1.build } });
    // The executive and the admin are asked; the lead (who acted) is not told of their own step.
    for (const who of [org.users.EXECUTIVE.id, org.users.ADMIN.id]) {
      expect(await notificationsOf(who, uc.id)).toEqual([{ kind: "approval_requested", message: expect.stringContaining("proposed RAG") }]);
    }
    expect(await notificationsOf(org.users.LEAD.id, uc.id)).toEqual([]);
    expect(await notificationsOf(org.users.FINANCE.id, uc.id)).toEqual([]);

    // A lead cannot approve; finance approves only budgets, and there is no approved decision yet.
    expect(await runAs(org.users.LEAD.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAs(org.users.FINANCE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "CONFLICT" });

    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: true, data: { state: "APPROVED", approach: "RAG" } });
    const decided = await db.useCase.findUniqueOrThrow({ where: { id: uc.id }, select: { chosenApproach: true, decisionNotes: true } });
    expect(decided).toEqual({ chosenApproach: "RAG", decisionNotes: "Retrieval over the guide." });
    expect(await notificationsOf(org.users.FINANCE.id, uc.id)).toEqual([{ kind: "budget_requested", message: expect.stringContaining("awaits your approval") }]);
    expect((await notificationsOf(org.users.LEAD.id, uc.id)).map((n) => n.kind)).toEqual(["approved"]);

    // Executives and admins do not approve budgets.
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAs(org.users.ADMIN.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: true, data: { state: "BUDGET_APPROVED" } });
    expect((await notificationsOf(org.users.LEAD.id, uc.id)).map((n) => n.kind)).toEqual(["approved", "budget_approved"]);
    expect((await notificationsOf(org.users.EXECUTIVE.id, uc.id)).map((n) => n.kind)).toEqual(["approval_requested", "budget_approved"]);
    // A budget is approved once.
    expect(await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "CONFLICT" });

    const row = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } });
    expect(row).toMatchObject({ state: "BUDGET_APPROVED", proposedById: org.users.LEAD.id, decidedById: org.users.EXECUTIVE.id, budgetApprovedById: org.users.FINANCE.id });
    expect(row.proposedAt.getTime()).toBeLessThanOrEqual(row.decidedAt!.getTime());
    expect(row.decidedAt!.getTime()).toBeLessThanOrEqual(row.budgetApprovedAt!.getTime());

    const history = (await getUseCaseHistory(org.id, uc.id)).reverse();
    expect(history.map((e) => [e.action, e.actor?.id])).toEqual([
      ["use_case.created", org.users.LEAD.id],
      ["decision.proposed", org.users.LEAD.id],
      ["use_case.decision_recorded", org.users.EXECUTIVE.id],
      ["decision.approved", org.users.EXECUTIVE.id],
      ["decision.budget_approved", org.users.FINANCE.id],
    ]);
  });

  it("counts a budget finance approved as approved spend of its business unit, in the years its lifecycle covers", async () => {
    const o = await createTestOrg("approved-spend");
    const uc = await newUseCase(`Approved ${randomUUID().slice(0, 8)}`, o);
    expect(await approvedSpendByBusinessUnit(o.id, 2027)).toBeNull(); // no approvals yet: said, never $0
    const proposed = (await runAs(o.users.LEAD.id, () => proposeDecision(o.slug, { id: uc.id, approach: "RAG", notes: "" }))) as Result;
    const { yearlyBudgetCents: budget, buildCents: build } = proposed.data as { yearlyBudgetCents: number; buildCents: number };
    expect(build).toBeGreaterThan(0);
    expect(await runAs(o.users.EXECUTIVE.id, () => approveDecision(o.slug, { id: uc.id }))).toMatchObject({ ok: true });
    expect(await approvedSpendByBusinessUnit(o.id, 2027)).toBeNull(); // approved, but not its budget yet
    expect(await runAs(o.users.FINANCE.id, () => approveDecisionBudget(o.slug, { id: uc.id }))).toMatchObject({ ok: true });
    expect(await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id }, select: { state: true } })).toEqual({ state: "BUDGET_APPROVED" });
    // 2027 to 2029 (three years from 1 January 2027); the unit is the use case's (none given: ""); the build in its first year only.
    expect([...((await approvedSpendByBusinessUnit(o.id, 2027))?.cents ?? new Map())]).toEqual([["", budget + build]]);
    expect([...((await approvedSpendByBusinessUnit(o.id, 2028))?.cents ?? new Map())]).toEqual([["", budget]]);
    expect([...((await approvedSpendByBusinessUnit(o.id, 2029))?.cents ?? new Map())]).toEqual([["", budget]]);
    expect([...((await approvedSpendByBusinessUnit(o.id, 2030))?.cents ?? new Map([["none", 0]]))]).toEqual([]);
  });

  it("budgets an approval at the projection's first year as it is when approved, not as it was when proposed", async () => {
    const uc = await newUseCase();
    const year1 = async () => (await projectedBudget(uc.id, "RAG")).yearly;
    const proposed = (await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG", notes: "" }))) as Result;
    const atProposal = (proposed.data as { yearlyBudgetCents: number }).yearlyBudgetCents;
    expect(atProposal).toBe(await year1());
    // The lead corrects the volume (not a deciding answer) while the proposal waits: the first year costs more.
    const version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
    const edited = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title: `Volume ${randomUUID().slice(0, 6)}`, startDate: "2027-01-01", horizonYears: 3, assessment: { ...RAG_ANSWERS, monthlyCalls: 2_000_000 } }))) as Result;
    expect(edited.ok).toBe(true);
    const now = await year1();
    expect(now).toBeGreaterThan(atProposal);
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: true, data: { state: "APPROVED" } });
    // What finance is asked to approve is the cost panel's year 1 now.
    expect(Number((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).yearlyBudgetCents)).toBe(now);
    expect(await notificationsOf(org.users.FINANCE.id, uc.id)).toEqual([{ kind: "budget_requested", message: expect.stringContaining(dollars(now)) }]);
  });

  it("sends a proposal back with the reason, tells who proposed it, and lets them propose again", async () => {
    const uc = await newUseCase();
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "FINE_TUNING", notes: "" }));
    // No reason: refused, nothing changes.
    const empty = (await runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id: uc.id, reason: "   " }))) as Result;
    expect(empty).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("PROPOSED");

    expect(await runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id: uc.id, reason: "No labelled data: start with RAG." }))).toMatchObject({ ok: true });
    expect(await notificationsOf(org.users.LEAD.id, uc.id)).toEqual([{ kind: "sent_back", message: expect.stringContaining("No labelled data: start with RAG.") }]);
    expect((await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).chosenApproach).toBeNull();
    // A lead may not propose for someone else's use case.
    const stranger = await db.user.create({ data: { email: `other-lead-${randomUUID().slice(0, 8)}@workflow.test`, name: "Other lead" } });
    await db.membership.create({ data: { userId: stranger.id, organizationId: org.id, role: "LEAD" } });
    expect(await runAs(stranger.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }))).toMatchObject({ ok: true, data: { state: "PROPOSED" } });
  });

  it("an executive decides at once from the queue; another organization's use case is not found", async () => {
    const uc = await newUseCase();
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id, approach: "RAG" }))).toMatchObject({ ok: true, data: { state: "APPROVED" } });
    const foreign = await newUseCase(undefined, other);
    const before = await db.auditEvent.count({ where: { organizationId: other.id } });
    expect(await runAs(org.users.ADMIN.id, () => approveDecision(org.slug, { id: foreign.id, approach: "RAG" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: foreign.id, approach: "RAG" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.useCaseDecision.count({ where: { useCaseId: foreign.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId: other.id } })).toBe(before);
  });

  it("an agent proposed, or decided at once, is budgeted at its owner's yearly estimate, although its projection follows only once chosen", async () => {
    const made = (await runAs(org.users.LEAD.id, () =>
      createUseCase(org.slug, { title: `Agent ${randomUUID().slice(0, 8)}`, startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS, manualEstimate: { low: 800_00, base: 1_000_00, high: 1_500_00 } }),
    )) as Result;
    const { id } = made.data as { id: string };
    // Recommended RAG: the agent's estimate is not in the stored projection yet.
    expect(await db.costYear.count({ where: { useCaseId: id, approach: "AGENT" } })).toBe(0);
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id, approach: "AGENT" }))).toMatchObject({ ok: true, data: { state: "PROPOSED", yearlyBudgetCents: 1_000_00 } });
    expect(await runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id, reason: "Decide it at once instead." }))).toMatchObject({ ok: true });
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id, approach: "AGENT" }))).toMatchObject({ ok: true, data: { state: "APPROVED" } });
    expect(await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id }, select: { yearlyBudgetCents: true } })).toEqual({ yearlyBudgetCents: 1_000_00n });
    // Now chosen, the projection carries the estimate: the budget is its first year.
    expect(await db.costYear.findFirstOrThrow({ where: { useCaseId: id, approach: "AGENT", yearIndex: 1 }, select: { baseCents: true } })).toEqual({ baseCents: 1_000_00n });
  });
});

describe("a yearly budget with no figure", () => {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
  const render = (node: ReactNode) => renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, node)).replace(/<!-- -->/g, "");
  const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");
  /** The Decision tab's approval panel, as finance sees it. */
  const financePanel = async (id: string) => {
    const uc = await db.useCase.findUniqueOrThrow({ where: { id }, select: { ownerId: true, status: true, chosenApproach: true, recommendedApproach: true } });
    return render(await WorkflowPanel({ orgSlug: org.slug, organizationId: org.id, useCase: { id, ...uc }, actor: { userId: org.users.FINANCE.id, role: "FINANCE" }, optionNotes: {} }));
  };
  /** The use case's line on finance's "Needs a decision". */
  const financeQueueLine = async (id: string) => {
    signInAs(org.users.FINANCE.id);
    const html = render(await DecisionQueuePage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    signOut();
    const line = html.split('<li class=').find((l) => l.includes(`/use-cases/${id}?`));
    if (!line) throw new Error("the use case is not on finance's queue");
    return line;
  };

  it("is not approved by finance, who is told why; nothing is written, logged or sent, and answering the volume gives it a figure to approve", async () => {
    // Its volume unanswered, RAG's first year is not fully costed: the budget has no figure.
    const { monthlyCalls: _unanswered, ...withoutVolume } = RAG_ANSWERS;
    const uc = await newUseCase(undefined, org, withoutVolume);
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG", notes: "" }))).toMatchObject({ ok: true, data: { yearlyBudgetCents: null } });
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: true, data: { state: "APPROVED" } });
    const row = () => db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } });
    const everyone = Object.values(org.users).map((u) => u.id);
    const told = async () => (await Promise.all(everyone.map((id) => notificationsOf(id, uc.id)))).flat();
    const before = { row: await row(), history: await getUseCaseHistory(org.id, uc.id), told: await told() };
    expect(before.row.yearlyBudgetCents).toBeNull();

    const refused = (await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))) as Result;
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: UNFIGURED_BUDGET_REFUSAL });
    expect(refused.message).toContain("no figure yet, as its first year is not fully costed, so it cannot be approved");
    expect(await row()).toEqual(before.row);
    expect(await getUseCaseHistory(org.id, uc.id)).toEqual(before.history);
    expect(await told()).toEqual(before.told);
    expect((await readQueue(org.id, { reasons: ["budget"] })).items.find((i) => i.id === uc.id)).toMatchObject({ decisionState: "APPROVED", yearlyBudgetCents: null });

    // Finance is offered no step that would fail: the Decision tab and the queue show why instead.
    // Its volume is an answer of the owner's: the owner is the one to ask.
    const reason = escapeHtml(unfiguredBudgetText(["answer:monthlyCalls"]));
    expect(reason).toContain("Ask the use case&#x27;s owner to answer what its first year&#x27;s cost is missing");
    let panel = await financePanel(uc.id);
    expect(panel).not.toContain("Approve the budget (");
    expect(panel).toMatch(/data-testid="budget-unfigured"><button type="button" disabled="" aria-describedby="budget-unfigured-reason"[^>]*>Approve the budget<\/button><p id="budget-unfigured-reason"[^>]*>([^<]*)<\/p>/);
    expect(panel).toContain(reason);
    // And what the projection lacks now, so finance knows what to ask the owner for.
    expect(panel).toContain(escapeHtml(`What it lacks now: the answer "Monthly LLM calls now".`));
    let line = await financeQueueLine(uc.id);
    expect(line).not.toMatch(/>Approve budget[^<]/);
    expect(line).toMatch(/<button type="button" disabled="" aria-describedby="budget-unfigured-[^"]+"[^>]*>Approve budget<\/button>/);
    expect(line).toContain(reason);
    expect(line).toContain(escapeHtml(`What it lacks now: the answer "Monthly LLM calls now".`));
    // Beside "no figure yet", the figure it shows is named: the lifecycle cost, not a budget (the demo's read "$243,401 + missing").
    expect(line).toMatch(/data-testid="queue-spend"[^>]*>lifecycle \$[\d,]+<span[^>]*> \+ missing<\/span>/);

    // The lead answers the volume: the decision stands, and its budget is taken from the projection again.
    const version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
    const edited = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title: `Volume ${randomUUID().slice(0, 6)}`, startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS }))) as Result;
    expect(edited.ok).toBe(true);
    const year1 = await projectedBudget(uc.id, "RAG");
    expect(await row()).toMatchObject({ state: "APPROVED", yearlyBudgetCents: BigInt(year1.yearly), buildCents: BigInt(year1.build) });
    // The build apart from the run rate: the first year whole is not a yearly figure.
    const said = `${dollars(year1.build)} to build in 2027, and ${dollars(year1.yearly)} a year to run from 2027`;
    // Finance, told before that there was no figure to approve, is told the figure now.
    expect((await notificationsOf(org.users.FINANCE.id, uc.id)).at(-1)?.message).toBe(`The budget for RAG on “${(await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).title}” now has a figure: ${said}. It awaits your approval.`);
    panel = await financePanel(uc.id);
    expect(panel).toContain(`Approve the budget (${said})`);
    // The figure is not credited to the proposal: the tab and the history say it was taken again, and after whose change.
    const steps = (/data-testid="workflow-steps">([\s\S]*?)<\/ul>/.exec(panel)?.[1] ?? "").replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");
    const lead = (await db.user.findUniqueOrThrow({ where: { id: org.users.LEAD.id }, select: { name: true } })).name;
    expect(steps).toContain(`Proposed RAG by ${lead} on `);
    expect(steps).toContain(`, when its budget had no figure. Budget now: ${said}, taken from the projection again on `);
    expect(steps).toMatch(/taken from the projection again on \d+ \w+ \d{4}, \d\d:\d\d UTC, after /);
    expect(steps).toContain(`, after ${lead}'s change.`);
    const refreshed = (await getUseCaseHistory(org.id, uc.id)).filter((e) => e.action === "decision.budget_refreshed");
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({ actor: { id: org.users.LEAD.id }, before: { yearlyBudget: "no figure yet, as its first year is not fully costed" }, after: { yearlyBudget: said } });
    expect(panel).not.toContain("budget-unfigured");
    line = await financeQueueLine(uc.id);
    expect(line).toContain(`Approve budget: ${said}`);
    expect(line).not.toContain("budget-unfigured");
    expect(await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: true, data: { state: "BUDGET_APPROVED" } });
    expect((await notificationsOf(org.users.LEAD.id, uc.id)).at(-1)?.message).toContain(`approved the budget for “`);
    expect((await notificationsOf(org.users.LEAD.id, uc.id)).at(-1)?.message).toContain(`: ${said}.`);
  });
});

describe("an approved budget that loses its figure", () => {
  it("tells finance it has none now, and what it was, where finance would otherwise meet a disabled button", async () => {
    const uc = await newUseCase(undefined, org, RAG_ANSWERS);
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }));
    await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }));
    const before = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } });
    expect(before).toMatchObject({ state: "APPROVED" });
    expect(before.yearlyBudgetCents).not.toBeNull();
    const was = budgetText(before, 2027, null);
    const told = (await notificationsOf(org.users.FINANCE.id, uc.id)).length;

    // The owner clears the volume: not a material change, so the decision stands, with no figure.
    const { monthlyCalls: _cleared, ...withoutVolume } = RAG_ANSWERS;
    const version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
    const title = `Volume cleared ${randomUUID().slice(0, 6)}`;
    const edited = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title, startDate: "2027-01-01", horizonYears: 3, assessment: withoutVolume }))) as Result;
    expect(edited.ok).toBe(true);
    expect(await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).toMatchObject({ state: "APPROVED", yearlyBudgetCents: null });
    const now = await notificationsOf(org.users.FINANCE.id, uc.id);
    expect(now).toHaveLength(told + 1);
    expect(now.at(-1)?.message).toBe(`The budget for RAG on “${title}” has no figure now, as its first year is no longer fully costed (it was ${was}), so it cannot be approved until it has one again. Its Decision tab says what it lacks.`);
  });
});

describe("a material change after approval", () => {
  it("leaves the decision standing for a change that does not matter, and puts it back to review for one that does", async () => {
    const uc = await newUseCase();
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }));
    await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }));
    let version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;

    const title = `Renamed ${randomUUID().slice(0, 6)}`;
    const renamed = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title, startDate: "2027-01-01", horizonYears: 3, assessment: { ...RAG_ANSWERS, monthlyCalls: 40_000 } }))) as Result;
    expect(renamed.ok).toBe(true);
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("APPROVED");
    expect((await readQueue(org.id)).items.find((i) => i.id === uc.id)?.reasons).toEqual(["budget"]);

    version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
    const changed = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title, startDate: "2027-01-01", horizonYears: 3, assessment: { ...RAG_ANSWERS, monthlyCalls: 40_000, maxLagDays: 3 } }))) as Result;
    expect(changed.ok).toBe(true);
    const row = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } });
    expect(row.state).toBe("TO_REVIEW");
    expect(row.reviewReasons).toEqual(["Longest acceptable lag (days): 14 → 3"]);
    expect((await notificationsOf(org.users.EXECUTIVE.id, uc.id)).map((n) => n.kind)).toContain("to_review");
    expect((await readQueue(org.id)).items.find((i) => i.id === uc.id)?.reasons).toEqual(["to-review"]);
    expect((await getUseCaseHistory(org.id, uc.id))[0]!.action).toBe("decision.to_review");
    // Back in the queue, it can be approved again.
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id, approach: "RAG" }))).toMatchObject({ ok: true, data: { state: "APPROVED" } });
  });
});

describe("a decision to review, sent back", () => {
  it("stays in the queue for a new decision and tells the use case's lead, even when the executive who sends it back had decided it at once", async () => {
    const uc = await newUseCase();
    // Decided at once by the executive (no lead's proposal), then a deciding answer changes.
    await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id, approach: "RAG" }));
    const version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
    await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title: `Lag ${randomUUID().slice(0, 6)}`, startDate: "2027-01-01", horizonYears: 3, assessment: { ...RAG_ANSWERS, maxLagDays: 7 } }));
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("TO_REVIEW");
    expect(await runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id: uc.id, reason: "Check the 7-day lag first." }))).toMatchObject({ ok: true, data: { state: "SENT_BACK" } });
    // No longer approved, so someone must decide it again: it is not dropped from the queue.
    const queue = await readQueue(org.id);
    expect(queue.items.find((i) => i.id === uc.id)?.reasons).toEqual(["undecided"]);
    // The lead who owns it is the one to propose again: told, with the reason.
    expect((await notificationsOf(org.users.LEAD.id, uc.id)).filter((n) => n.kind === "sent_back")).toEqual([{ kind: "sent_back", message: expect.stringContaining("Check the 7-day lag first.") }]);
  });
});

describe("an edit that leaves an approved decision standing", () => {
  it("moves the yearly budget awaiting finance with the projection's first year, and leaves an approved budget as approved", async () => {
    const uc = await newUseCase();
    const year1 = async () => (await projectedBudget(uc.id, "RAG")).yearly;
    const budgetNow = async () => Number((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).yearlyBudgetCents);
    const edit = async (monthlyCalls: number) => {
      const version = (await db.useCase.findUniqueOrThrow({ where: { id: uc.id } })).version;
      const r = (await runAs(org.users.LEAD.id, () => updateUseCase(org.slug, { id: uc.id, expectedVersion: version, title: `Volume ${monthlyCalls}`, startDate: "2027-01-01", horizonYears: 3, assessment: { ...RAG_ANSWERS, monthlyCalls } }))) as Result;
      expect(r.ok).toBe(true);
    };
    await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG" }));
    await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }));
    const approvedAt = await budgetNow();
    await edit(2_000_000);
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("APPROVED");
    const now = await year1();
    expect(now).toBeGreaterThan(approvedAt);
    // Finance is asked to approve the cost panel's year 1, not the figure of before the edit.
    expect(await budgetNow()).toBe(now);
    expect((await readQueue(org.id, { reasons: ["budget"] })).items.find((i) => i.id === uc.id)?.yearlyBudgetCents).toBe(now);
    expect(await runAs(org.users.FINANCE.id, () => approveDecisionBudget(org.slug, { id: uc.id }))).toMatchObject({ ok: true });
    expect((await notificationsOf(org.users.LEAD.id, uc.id)).at(-1)?.message).toContain(dollars(now));
    // Once finance approved it, the budget is the one approved, whatever the projection does next.
    await edit(40_000);
    expect(await budgetNow()).toBe(now);
  });
});

describe("a weights change after approval", () => {
  /**
   * A chatbot on static knowledge: prompting, unless the two frameworks leaning to prompting are
   * turned off (then RAG). Its volume answered, so its first year has a figure finance can approve.
   * Its FAQ documents are something to retrieve (without them it is prompting whatever the
   * weights, since judgement 2.14).
   */
  const CHATBOT = { changeFrequency: "static", coreNeed: "neither", corpusDocuments: 200, needsStyleOrFormat: false, fitsContextWindow: true, promptedBaselineMeetsBar: "yes", monthlyCalls: 20_000 } as const;
  const ALL_ON = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 1]));
  const TWO_OFF = { ...ALL_ON, "behaviour-vs-knowledge": 0, "start-with-rag": 0 };
  const ONE_HALF = { ...ALL_ON, "start-with-rag": 0.5 };

  it("puts the approved decision back to review when the new weights flip its recommendation, with the reason, and only then", async () => {
    const o = await createTestOrg("reweigh");
    const created = (await runAs(o.users.LEAD.id, () => createUseCase(o.slug, { title: "Static FAQ bot", startDate: "2027-01-01", horizonYears: 3, assessment: CHATBOT }))) as Result;
    const id = (created.data as { id: string }).id;
    expect((await db.useCase.findUniqueOrThrow({ where: { id } })).recommendedApproach).toBe("PROMPTING");
    expect(await runAs(o.users.EXECUTIVE.id, () => approveDecision(o.slug, { id, approach: "PROMPTING" }))).toMatchObject({ ok: true });
    expect(await runAs(o.users.FINANCE.id, () => approveDecisionBudget(o.slug, { id }))).toMatchObject({ ok: true });

    // A change of weights that leaves the recommendation where it was: the decision stands.
    expect(await runAs(o.users.ADMIN.id, () => saveFrameworkWeights(o.slug, { expectedWeightsVersion: 1, weights: ONE_HALF, note: "Less weight on starting with RAG" }))).toMatchObject({ ok: true, data: { impact: { flips: [] } } });
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id } })).state).toBe("BUDGET_APPROVED");
    expect((await readQueue(o.id)).items.map((i) => i.id)).toEqual([]);

    // One that flips it to RAG: back to review, the reason kept, shown in the queue, the approver told.
    expect(await runAs(o.users.ADMIN.id, () => saveFrameworkWeights(o.slug, { expectedWeightsVersion: 2, weights: TWO_OFF, note: "Without the prompting-leaning frameworks" }))).toMatchObject({ ok: true });
    const row = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id } });
    expect(row.state).toBe("TO_REVIEW");
    expect(row.reviewReasons).toEqual(["Recommendation: Prompting only → RAG"]);
    const queued = (await readQueue(o.id)).items.find((i) => i.id === id);
    // Now decided against the consensus, it also differs from it (and is flagged a risk for that).
    expect(queued).toMatchObject({ reasons: ["to-review", "differs", "risk"], reviewReasons: ["Recommendation: Prompting only → RAG"] });
    const told = await db.notification.findMany({ where: { organizationId: o.id, useCaseId: id, kind: "to_review" }, select: { userId: true, message: true } });
    // Finance, whose approved budget no longer counts, is told too.
    const approvedSpend = "Its budget, which finance approved, no longer counts as approved spend until the decision is approved again.";
    expect(told.sort((x, y) => (x.userId === o.users.EXECUTIVE.id ? -1 : 1) - (y.userId === o.users.EXECUTIVE.id ? -1 : 1))).toEqual([
      { userId: o.users.EXECUTIVE.id, message: expect.stringMatching(/\(Recommendation: Prompting only → RAG\).*no longer counts as approved spend/) },
      { userId: o.users.FINANCE.id, message: expect.stringContaining(approvedSpend) },
    ]);
    const history = await getUseCaseHistory(o.id, id);
    expect(history[0]).toMatchObject({ action: "decision.to_review", actor: { id: o.users.ADMIN.id } });
  });
});

describe("a material change made by an import", () => {
  it("puts the approved decision of a use case the import updated back to review", async () => {
    const externalId = `DEC-${randomUUID().slice(0, 8)}`;
    const row = (lag: string) =>
      tRow({ title: `Imported ${externalId}`, externalId, ownerEmail: org.users.LEAD.email, changeFrequency: "monthly", maxLagDays: lag, coreNeed: "retrieval", needsStyleOrFormat: "no", labeledExamples: "0", promptedBaselineMeetsBar: "no", retrainingBudget: "no", monthlyCalls: "20000", corpusDocuments: "4000" });
    const first = (await runAs(org.users.LEAD.id, () => importUseCases(org.slug, { file: fileOf(csv([H, row("14")])), fileName: "first.csv", mapping: templateMapping() }))) as Result;
    expect(first).toMatchObject({ ok: true, data: { committed: true } });
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, externalId }, select: { id: true, recommendedApproach: true } });
    await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id, approach: uc.recommendedApproach! }));
    // Importing the same file again changes nothing, and the decision stands.
    await runAs(org.users.LEAD.id, () => importUseCases(org.slug, { file: fileOf(csv([H, row("14")])), fileName: "again.csv", mapping: templateMapping() }));
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("APPROVED");
    const second = (await runAs(org.users.LEAD.id, () => importUseCases(org.slug, { file: fileOf(csv([H, row("2")])), fileName: "second.csv", mapping: templateMapping() }))) as Result;
    expect(second).toMatchObject({ ok: true, data: { committed: true } });
    const d = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } });
    expect(d.state).toBe("TO_REVIEW");
    expect(d.reviewReasons).toContain("Longest acceptable lag (days): 14 → 2");
  });
});
