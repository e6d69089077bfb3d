import "server-only";
import type { Benefit } from "@/lib/domain/value";
import { db } from "../db";
import { setBusinessUnitBudget, setUseCaseBenefit } from "../value/write";

/**
 * The demo's value and budgets (issue 20): a handful of use cases with an expected yearly benefit
 * (hours saved at the organization's rate, or revenue), and two business units with a budget, so
 * the value panels and the budget panel show something real. The figures are illustrative demo
 * inputs a lead or finance would type, not claims from any source. The organization keeps the
 * default hourly rate, which the value page labels as a default.
 */
export const DEMO_BENEFITS: readonly { title: string; benefit: Benefit }[] = [
  { title: "Policy and billing answers for the contact centre", benefit: { kind: "HOURS", low: 6_000, base: 9_000, high: 14_000 } },
  { title: "First notice of loss triage", benefit: { kind: "HOURS", low: 3_000, base: 5_000, high: 8_000 } },
  { title: "Claims document extraction at volume", benefit: { kind: "HOURS", low: 8_000, base: 12_000, high: 16_000 } },
  { title: "Campaign subject-line testing", benefit: { kind: "REVENUE", low: 20_000, base: 60_000, high: 120_000 } },
  // Small against its cost: the demo's case that never pays back.
  { title: "HR policy helpdesk", benefit: { kind: "HOURS", low: 100, base: 200, high: 300 } },
  { title: "Supplier invoice coding", benefit: { kind: "HOURS", low: 2_000, base: 3_000, high: 4_000 } },
];

/** Budgets for the first full year of most of the demo's use cases. */
export const DEMO_BUDGET_YEAR = 2027;
export const DEMO_BUDGETS: readonly { businessUnit: string; amountCents: number }[] = [
  // Below its projected spend as chosen that year: the portfolio marks it over budget.
  // ($550,000 against $592,464 projected by cost engine 2.13; it was $600,000 against 2.12's $683,397.)
  { businessUnit: "Customer Service", amountCents: 55_000_000 },
  // Above even the high projection.
  { businessUnit: "Claims", amountCents: 180_000_000 },
];

export async function seedDemoValue(organizationId: string): Promise<void> {
  const lead = await db.membership.findFirstOrThrow({ where: { organizationId, role: "LEAD" }, select: { userId: true } });
  const admin = await db.membership.findFirstOrThrow({ where: { organizationId, role: "ADMIN" }, select: { userId: true } });
  const finance = await db.membership.findFirstOrThrow({ where: { organizationId, role: "FINANCE" }, select: { userId: true } });
  await db.$transaction(async (tx) => {
    for (const { title, benefit } of DEMO_BENEFITS) {
      const uc = await tx.useCase.findFirstOrThrow({ where: { organizationId, title, deletedAt: null }, select: { id: true, version: true, ownerId: true } });
      // Entered by the use case's owner (the lead), or by the admin for the admin's own.
      const actorId = uc.ownerId === lead.userId ? lead.userId : admin.userId;
      const role = actorId === lead.userId ? ("LEAD" as const) : ("ADMIN" as const);
      await setUseCaseBenefit(tx, { organizationId, actorId, role }, { id: uc.id, expectedVersion: uc.version, benefit });
    }
    for (const b of DEMO_BUDGETS) {
      await setBusinessUnitBudget(tx, { organizationId, actorId: finance.userId, role: "FINANCE" }, { businessUnit: b.businessUnit, year: DEMO_BUDGET_YEAR, amountCents: b.amountCents });
    }
  });
}
