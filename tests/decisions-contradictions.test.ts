/**
 * Decisions, budgets and notifications that contradicted each other (the last review):
 * - a proposal for an approach that cannot serve the use case reached its approvers without a word
 *   of it, though the Decision tab shows it in red;
 * - a budget finance approved with no figure (possible until finance was refused one, and still
 *   stored so) left the budget panel saying "no approvals yet";
 * - an executive recording another approach with the Decision tab's form left the workflow's
 *   approved budget, for the approach no longer chosen, counted as approved spend;
 * - a use case in the trash with an approved budget made the budget panel's summary stop saying
 *   "no approvals yet" while its unit's row still said it.
 * Each through the real server actions, and read as the pages read it.
 */
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { db } from "@/lib/server/db";
import { createUseCase, deleteUseCase, recordDecision, restoreUseCase } from "@/app/o/[org]/use-cases/actions";
import { setBudget } from "@/app/o/[org]/value/actions";
import { WorkflowPanel } from "@/app/o/[org]/use-cases/[id]/_decision/workflow-panel";
import { readQueue } from "@/lib/server/decisions/queue";
import { approvedSpendByBusinessUnit, budgetOverview } from "@/lib/server/value/budgets-read";
import { approvedText } from "@/lib/domain/value";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { getUseCaseHistory } from "@/lib/server/use-cases/read";
import { approveDecision, approveDecisionBudget, proposeDecision } from "@/app/o/[org]/decisions/actions";
import { getDecisionOptionNotes } from "@/lib/server/projections";
import { dollars, exactDollars } from "@/lib/domain/money";
import { RAG_ANSWERS } from "./helpers/answers";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs, signInAs } from "./helpers/session";

type Result = { ok: boolean; code?: string; message?: string; data?: Record<string, unknown> };

let org: TestOrg;

async function newUseCase(o: TestOrg, assessment: Record<string, unknown> = RAG_ANSWERS, extra: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const title = `Contradiction ${randomUUID().slice(0, 8)}`;
  const r = (await runAs(o.users.LEAD.id, () => createUseCase(o.slug, { title, startDate: "2027-01-01", horizonYears: 3, assessment, ...extra }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { id: (r.data as { id: string }).id, title };
}

const messagesTo = async (userId: string, useCaseId: string, kind: string) =>
  (await db.notification.findMany({ where: { organizationId: org.id, userId, useCaseId, kind }, orderBy: { createdAt: "asc" }, select: { message: true } })).map((n) => n.message);

/** The portfolio's budget panel for the year (2027 unless said), as the organization's executive sees it. */
async function budgetPanel(o: TestOrg, year = 2027): Promise<string> {
  signInAs(o.users.EXECUTIVE.id);
  const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: o.slug }), searchParams: Promise.resolve({ budgetYear: String(year) }) }));
  return html.match(/data-testid="budget-panel".*?<\/section>/s)![0].replace(/<!-- -->/g, "");
}

/**
 * Proposed, approved and its budget approved, each by whose step it is: what the budget approved
 * counts as approved spend in 2027, the use case's first year (cents; finance approves only a
 * figure): its one-off build and a year of its run rate.
 */
async function throughTheWorkflow(o: TestOrg, id: string, approach: "RAG" | "FINE_TUNING"): Promise<number> {
  const proposed = (await runAs(o.users.LEAD.id, () => proposeDecision(o.slug, { id, approach, notes: "" }))) as Result;
  expect(proposed.ok).toBe(true);
  expect(await runAs(o.users.EXECUTIVE.id, () => approveDecision(o.slug, { id }))).toMatchObject({ ok: true });
  expect(await runAs(o.users.FINANCE.id, () => approveDecisionBudget(o.slug, { id }))).toMatchObject({ ok: true, data: { state: "BUDGET_APPROVED" } });
  const { yearlyBudgetCents, buildCents } = proposed.data as { yearlyBudgetCents: number; buildCents: number };
  return yearlyBudgetCents + buildCents;
}

/** The budget of the use case's decision as the pages say it: "$72,000 to build in 2027, and $54,000 a year to run from 2027". */
async function budgetWords(id: string): Promise<string> {
  const d = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id }, select: { yearlyBudgetCents: true, buildCents: true } });
  return `${dollars(d.buildCents)} to build in 2027, and ${dollars(d.yearlyBudgetCents!)} a year to run from 2027`;
}

beforeAll(async () => {
  org = await createTestOrg("contradict");
});

describe("a proposal for an approach that cannot serve the use case", () => {
  it("tells the approvers so, in the words the Decision tab shows in red, and the mail says it too", async () => {
    // Answers that need no citations: the lag is the one reason fine-tuning cannot serve (citations rule it out too, since judgement 2.13).
    const uc = await newUseCase(org, { ...RAG_ANSWERS, needsCitations: false });
    // The Decision tab's note under Fine-tuning (red: it cannot serve): a 14-day lag it cannot meet.
    const note = (await getDecisionOptionNotes(org.id, uc.id)).FINE_TUNING!;
    expect(note.cannotServe).toBe(true);
    expect(note.text).toMatch(/; does not meet the 14-day lag$/);

    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "FINE_TUNING", notes: "" }))).toMatchObject({ ok: true });
    for (const approver of [org.users.EXECUTIVE.id, org.users.ADMIN.id]) {
      const [message] = await messagesTo(approver, uc.id, "approval_requested");
      expect(message).toMatch(/it awaits your approval\. Fine-tuning cannot serve this use case: it does not meet the 14-day lag\.$/);
    }
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: org.users.EXECUTIVE.email, text: { contains: uc.title } } });
    expect(mail.text).toContain("Fine-tuning cannot serve this use case: it does not meet the 14-day lag.");

    // Approved anyway: finance, asked for its budget, is told too.
    expect(await runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: uc.id }))).toMatchObject({ ok: true });
    expect(await messagesTo(org.users.FINANCE.id, uc.id, "budget_requested")).toEqual([expect.stringMatching(/awaits your approval\. Fine-tuning cannot serve this use case: it does not meet the 14-day lag\.$/)]);
  });

  it("says nothing of the kind for an approach that serves", async () => {
    const uc = await newUseCase(org);
    expect((await getDecisionOptionNotes(org.id, uc.id)).RAG!.cannotServe).toBe(false);
    expect(await runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: uc.id, approach: "RAG", notes: "" }))).toMatchObject({ ok: true });
    const [message] = await messagesTo(org.users.EXECUTIVE.id, uc.id, "approval_requested");
    expect(message).toMatch(/it awaits your approval\.$/);
    expect(message).not.toContain("cannot serve");
  });
});

describe("a budget finance approved with no figure, stored before finance was refused one", () => {
  it("is said on the budget panel, never 'no approvals yet' nor $0", async () => {
    const o = await createTestOrg("nofigure");
    // Its volume unanswered, RAG's first year is not fully costed: the budget has no figure.
    const { monthlyCalls: _unanswered, ...withoutVolume } = RAG_ANSWERS;
    const uc = await newUseCase(o, withoutVolume, { businessUnit: "Servicing" });
    expect(await runAs(o.users.LEAD.id, () => proposeDecision(o.slug, { id: uc.id, approach: "RAG", notes: "" }))).toMatchObject({ ok: true, data: { yearlyBudgetCents: null } });
    expect(await runAs(o.users.EXECUTIVE.id, () => approveDecision(o.slug, { id: uc.id }))).toMatchObject({ ok: true });
    // Finance is refused it now (tests/decisions-workflow.test.ts); a row approved before that stays.
    expect(await runAs(o.users.FINANCE.id, () => approveDecisionBudget(o.slug, { id: uc.id }))).toMatchObject({ ok: false, code: "CONFLICT" });
    await db.useCaseDecision.update({ where: { useCaseId: uc.id }, data: { state: "BUDGET_APPROVED", budgetApprovedById: o.users.FINANCE.id, budgetApprovedAt: new Date() } });

    const panel = await budgetPanel(o);
    expect(panel).not.toContain("no approvals yet");
    expect(panel).toContain("Approved spend leaves out 1 budget finance approved with no figure yet, as its first year is not fully costed.");
    expect(panel).toMatch(/<th[^>]*>Servicing<\/th>.*?<td[^>]*data-testid="budget-approved">1 approved with no figure<\/td>/s);

    // A second use case of the unit, approved with a figure: the figure, and the one without beside it.
    const priced = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Servicing" });
    const budget = await throughTheWorkflow(o, priced.id, "RAG");
    expect(budget).toBeGreaterThan(0);
    expect(await budgetPanel(o)).toContain(`data-testid="budget-approved">${exactDollars(budget)} + 1 approved with no figure<`);
  });
});

describe("a budget approved for a use case now in the trash", () => {
  /** The summary's sentence, as the page's HTML has it. */
  const NO_APPROVALS = "Approved spend: no approvals yet (finance approves the yearly budget of a decision proposed and approved through its steps, on Needs a decision; a decision recorded directly has no budget step).";
  /** Each row's approved spend as its cell says it. */
  const approvedCells = async (o: TestOrg, year: number) => (await budgetOverview(o.id, EMPTY_FILTER, year)).rows.map((r) => [r.businessUnit, approvedText(r, dollars)]);

  it("is approved spend nowhere: the summary and the unit's row both say no approvals yet, and both show it again once restored", async () => {
    const o = await createTestOrg("trashbudget");
    await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" }); // live, undecided: Claims has projected spend
    const trashed = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" });
    const budget = await throughTheWorkflow(o, trashed.id, "RAG");
    expect(await runAs(o.users.LEAD.id, () => deleteUseCase(o.slug, { id: trashed.id }))).toMatchObject({ ok: true });

    expect(await approvedCells(o, 2027)).toEqual([["Claims", "no approvals yet"]]);
    expect((await budgetOverview(o.id, EMPTY_FILTER, 2027)).approvalsKnown).toBe(false);
    expect(await approvedSpendByBusinessUnit(o.id, 2027)).toBeNull();
    const panel = await budgetPanel(o);
    expect(panel).toContain(NO_APPROVALS);
    expect(panel).toMatch(/<th[^>]*>Claims<\/th>.*?data-testid="budget-approved">no approvals yet<\/td>/s);

    // Restored: its approval counts again, in the row and (by saying nothing of "no approvals") the summary.
    expect(await runAs(o.users.LEAD.id, () => restoreUseCase(o.slug, { id: trashed.id }))).toMatchObject({ ok: true });
    const overview = await budgetOverview(o.id, EMPTY_FILTER, 2027);
    expect(overview.rows.map((r) => [r.businessUnit, r.approvedCents])).toEqual([["Claims", budget]]);
    expect(overview.approvalsKnown).toBe(true);
    const restored = await budgetPanel(o);
    expect(restored).not.toContain("no approvals yet");
    expect(restored).toContain(`data-testid="budget-approved">${exactDollars(budget)}<`);
  });

  it("leaves the other units' approvals whole: the rows add up to the live approved budgets to the cent", async () => {
    const o = await createTestOrg("trashunits");
    const claims = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" });
    const legal = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Legal" });
    const servicing = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Servicing" });
    const claimsBudget = await throughTheWorkflow(o, claims.id, "RAG");
    await throughTheWorkflow(o, legal.id, "RAG");
    const servicingBudget = await throughTheWorkflow(o, servicing.id, "RAG");
    expect(await runAs(o.users.EXECUTIVE.id, () => deleteUseCase(o.slug, { id: legal.id }))).toMatchObject({ ok: true });

    // Legal's only use case is in the trash: no row, and nothing of it in any total.
    const { rows } = await budgetOverview(o.id, EMPTY_FILTER, 2027);
    expect(rows.map((r) => [r.businessUnit, r.approvedCents])).toEqual([["Claims", claimsBudget], ["Servicing", servicingBudget]]);
    // In 2027, their first year: each one's run rate and its build.
    const live = await db.useCaseDecision.aggregate({ where: { organizationId: o.id, state: "BUDGET_APPROVED", useCase: { deletedAt: null } }, _sum: { yearlyBudgetCents: true, buildCents: true } });
    expect(rows.reduce((a, r) => a + (r.approvedCents ?? 0), 0)).toBe(Number(live._sum.yearlyBudgetCents) + Number(live._sum.buildCents));
    expect(await budgetPanel(o)).not.toContain("no approvals yet");
  });

  it("says no approvals yet in the summary as in the rows for a year no approved budget covers", async () => {
    const o = await createTestOrg("uncovered");
    const uc = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" }); // 2027 to 2029
    await throughTheWorkflow(o, uc.id, "RAG");
    expect(await runAs(o.users.FINANCE.id, () => setBudget(o.slug, { businessUnit: "Claims", year: 2030, amountCents: 10_000_000 }))).toMatchObject({ ok: true });

    expect(await approvedCells(o, 2030)).toEqual([["Claims", "no approvals yet"]]);
    expect(await budgetPanel(o, 2030)).toContain(NO_APPROVALS);
    expect(await budgetPanel(o, 2027)).not.toContain("no approvals yet");
  });
});

describe("a decision recorded directly over the workflow's approved one", () => {
  /** The Decision tab's approval panel, as finance sees it (no forms to offer). */
  async function approvalPanel(o: TestOrg, id: string): Promise<string> {
    const uc = await db.useCase.findUniqueOrThrow({ where: { id }, select: { ownerId: true, status: true, chosenApproach: true, recommendedApproach: true } });
    const html = renderToStaticMarkup(await WorkflowPanel({ orgSlug: o.slug, organizationId: o.id, useCase: { id, ...uc }, actor: { userId: o.users.FINANCE.id, role: "FINANCE" }, optionNotes: {} }));
    return html.replace(/<!-- -->/g, "");
  }
  const recordDirectly = async (o: TestOrg, id: string, chosenApproach: "RAG" | "FINE_TUNING" | null, decisionNotes = "") => {
    const { version } = await db.useCase.findUniqueOrThrow({ where: { id }, select: { version: true } });
    return (await runAs(o.users.EXECUTIVE.id, () => recordDecision(o.slug, { id, expectedVersion: version, chosenApproach, decisionNotes }))) as Result;
  };

  it("supersedes it: its budget no longer counts as approved spend, and the Decision tab, the history and finance say so", async () => {
    const o = await createTestOrg("supersede");
    const kept = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" });
    const redecided = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" });
    const keptBudget = await throughTheWorkflow(o, kept.id, "RAG");
    const oldBudget = await throughTheWorkflow(o, redecided.id, "RAG");
    const oldWords = (await budgetWords(redecided.id)).replace(/\$/g, "\\$");
    expect((await approvedSpendByBusinessUnit(o.id, 2027))!.cents.get("Claims")).toBe(keptBudget + oldBudget);

    expect(await recordDirectly(o, redecided.id, "FINE_TUNING", "Tone matters more than freshness here.")).toMatchObject({ ok: true });

    // Approved spend: the budget still approved, alone; the panel's row says it to the cent.
    expect((await approvedSpendByBusinessUnit(o.id, 2027))!.cents.get("Claims")).toBe(keptBudget);
    const overview = await budgetOverview(o.id, EMPTY_FILTER, 2027);
    expect(overview.rows.map((r) => [r.businessUnit, r.approvedCents])).toEqual([["Claims", keptBudget]]);
    expect(await budgetPanel(o)).toContain(`data-testid="budget-approved">${exactDollars(keptBudget)}<`);

    // Recorded directly, the new decision goes through the workflow: approved, its budget asked of finance.
    expect(await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: redecided.id } })).toMatchObject({ state: "APPROVED", approach: "FINE_TUNING", decidedById: o.users.EXECUTIVE.id, budgetApprovedById: null });
    expect((await readQueue(o.id, { reasons: ["budget"] })).items.map((i) => i.title)).toEqual([redecided.title]);
    // The old approval superseded, in the history beside the decision recorded and approved, in the same transaction.
    const history = (await getUseCaseHistory(o.id, redecided.id)).slice(0, 3).map((e) => [e.action, e.actor?.id]);
    expect(history.map(([a]) => a).sort()).toEqual(["decision.approved", "decision.superseded", "use_case.decision_recorded"]);
    expect(history.every(([, actor]) => actor === o.users.EXECUTIVE.id)).toBe(true);
    // Finance, who approved the old budget, and the lead who proposed it are told it was superseded.
    const told = await db.notification.findMany({ where: { organizationId: o.id, useCaseId: redecided.id, kind: "superseded" }, select: { userId: true, message: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([o.users.FINANCE.id, o.users.LEAD.id].sort());
    expect(told[0]!.message).toMatch(
      new RegExp(`recorded Fine-tuning directly as the decision on “${redecided.title}”, superseding the approved RAG: its budget \\(${oldWords}\\), which finance approved, no longer counts as approved spend\\.$`),
    );
    // Finance is asked for Fine-tuning's budget, and approving it makes it approved spend.
    expect(await db.notification.count({ where: { organizationId: o.id, useCaseId: redecided.id, userId: o.users.FINANCE.id, kind: "budget_requested", resolvedAt: null } })).toBe(1);
    expect(await runAs(o.users.FINANCE.id, () => approveDecisionBudget(o.slug, { id: redecided.id }))).toMatchObject({ ok: true, data: { state: "BUDGET_APPROVED" } });
    const d = await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: redecided.id }, select: { yearlyBudgetCents: true, buildCents: true } });
    expect((await approvedSpendByBusinessUnit(o.id, 2027))!.cents.get("Claims")).toBe(keptBudget + Number(d.yearlyBudgetCents) + Number(d.buildCents));
  });

  it("keeps it when the approach recorded is the same", async () => {
    const o = await createTestOrg("same");
    const uc = await newUseCase(o, RAG_ANSWERS, { businessUnit: "Claims" });
    const budget = await throughTheWorkflow(o, uc.id, "RAG");
    expect(await recordDirectly(o, uc.id, "RAG", "Notes only.")).toMatchObject({ ok: true });
    expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).state).toBe("BUDGET_APPROVED");
    expect((await approvedSpendByBusinessUnit(o.id, 2027))!.cents.get("Claims")).toBe(budget);
    expect(await approvalPanel(o, uc.id)).not.toContain("Superseded");
  });

  it("takes an approval whose budget awaits finance off finance's queue", async () => {
    const o = await createTestOrg("offqueue");
    const uc = await newUseCase(o);
    expect(await runAs(o.users.LEAD.id, () => proposeDecision(o.slug, { id: uc.id, approach: "RAG", notes: "" }))).toMatchObject({ ok: true });
    expect(await runAs(o.users.EXECUTIVE.id, () => approveDecision(o.slug, { id: uc.id }))).toMatchObject({ ok: true });
    expect((await readQueue(o.id, { reasons: ["budget"] })).items.map((i) => i.title)).toEqual([uc.title]);

    expect(await recordDirectly(o, uc.id, null)).toMatchObject({ ok: true }); // the decision cleared
    expect((await readQueue(o.id, { reasons: ["budget"] })).items).toEqual([]);
    // Undecided again, and the tab says the approval was superseded by the clearing.
    expect((await readQueue(o.id, { reasons: ["undecided"] })).items.map((i) => i.title)).toEqual([uc.title]);
    expect(await approvalPanel(o, uc.id)).toMatch(/who cleared the decision directly: the budget for RAG \(\$[\d,]+ to build in 2027, and \$[\d,]+ a year to run from 2027\) is no longer asked of finance\./);
    expect(await approveAgain(o, uc.id)).toMatchObject({ ok: false, code: "CONFLICT", message: "There is no proposal to approve: choose the approach to decide." });
  });
  const approveAgain = (o: TestOrg, id: string) => runAs(o.users.EXECUTIVE.id, () => approveDecision(o.slug, { id }));
});
