/**
 * A budget is a whole business unit's. In a view that narrows the use cases beyond business units
 * (a status, an approach…), the budget panel's projection is only part of each unit's spend: it
 * may say a unit is over (its part alone exceeds the budget), never that it is within, nor that
 * "no business unit is over budget". Found by the portfolio review: the demo's Customer Service,
 * over its 2027 budget ($683,397 against $600,000), read "Within budget" and "No business unit is
 * over budget." in the view of its live use cases.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { budgetOverview, projectedSpendByUnit } from "@/lib/server/value/budgets-read";
import { approveBudget, approveDecision, proposeDecision } from "@/lib/server/decisions/workflow";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { setBusinessUnitBudget } from "@/lib/server/value/write";
import { generateUseCases } from "../scripts/bench/generate";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";

let org: TestOrg;
const year = 2028;
let unit = "";
let status = "";

beforeAll(async () => {
  org = await createTestOrg("budgetview");
  const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
  for (const fields of generateUseCases(40, 3)) await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields }));
  // A unit with spend in the year from use cases of more than one status; its budget just below its whole spend.
  const whole = await projectedSpendByUnit(org.id, EMPTY_FILTER, year);
  for (const u of whole) {
    const statuses = await db.useCase.findMany({ where: { organizationId: org.id, businessUnit: u.businessUnit }, distinct: ["status"], select: { status: true } });
    for (const { status: s } of statuses) {
      const part = (await projectedSpendByUnit(org.id, { ...EMPTY_FILTER, status: [s] }, year)).find((p) => p.businessUnit === u.businessUnit);
      if (part && part.projected.base > 0 && part.projected.high < u.projected.base - 1) {
        unit = u.businessUnit;
        status = s;
        break;
      }
    }
    if (unit) break;
  }
  expect(unit).not.toBe("");
  const budget = (await projectedSpendByUnit(org.id, EMPTY_FILTER, year)).find((p) => p.businessUnit === unit)!.projected.base - 1;
  await inUseCaseTransaction((tx) => setBusinessUnitBudget(tx, ctx, { businessUnit: unit, year, amountCents: budget }));
});

async function budgetPanel(params: Record<string, string>) {
  signInAs(org.users.EXECUTIVE.id);
  const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({ ...params, budgetYear: String(year) }) }));
  return html.match(/data-testid="budget-panel".*?<\/section>/s)![0];
}

describe("the budget panel in a view of some of a unit's use cases", () => {
  it("says the unit is over its budget in the whole portfolio", async () => {
    const panel = await budgetPanel({});
    expect(panel).toContain(`Over budget: ${unit}`);
  });

  it("never says it is within its budget, nor that no unit is over, where only part of the unit is in view", async () => {
    const panel = await budgetPanel({ status });
    expect(panel).not.toContain("No business unit is over budget.");
    const row = panel.match(new RegExp(`<tr data-testid="budget-row" data-status="([^"]+)"><th[^>]*>${unit.replace(/[&]/g, "&amp;")}<`));
    expect(row?.[1]).toBe("partial");
  });

  it("sets beside a view's projection the approvals of the use cases in that view only", async () => {
    // Finance approves the budgets of the unit's use cases outside the view (another status) that run in the year.
    const a = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
    const f = { organizationId: org.id, actorId: org.users.FINANCE.id, role: "FINANCE" as const };
    const others = await db.useCase.findMany({ where: { organizationId: org.id, businessUnit: unit, status: { not: status as never }, recommendedApproach: { not: null } } });
    let approved = 0;
    for (const uc of others) {
      await inUseCaseTransaction((tx) => proposeDecision(tx, a, { id: uc.id, approach: uc.recommendedApproach!, notes: "Approve." }));
      await inUseCaseTransaction((tx) => approveDecision(tx, a, { id: uc.id }));
      // Finance approves a figure, never a blank: one whose first year is not fully costed waits.
      if ((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: uc.id } })).yearlyBudgetCents === null) continue;
      await inUseCaseTransaction((tx) => approveBudget(tx, f, { id: uc.id }));
      approved++;
    }
    expect(approved).toBeGreaterThan(0);
    const whole = (await budgetOverview(org.id, EMPTY_FILTER, year)).rows.find((r) => r.businessUnit === unit)!;
    expect(whole.approvedCents).toBeGreaterThan(0);
    // In the view of the other status, none of those approvals is in view.
    const view = await budgetOverview(org.id, { ...EMPTY_FILTER, status: [status as never] }, year);
    expect(view.rows.find((r) => r.businessUnit === unit)?.approvedCents ?? null).toBeNull();
  });
});
