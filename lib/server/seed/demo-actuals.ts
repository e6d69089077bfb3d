import "server-only";
import { METERED_CATEGORIES, PROJECTION_CATEGORY, type ActualCategory } from "@/lib/domain/actuals";
import { db } from "../db";
import { importActuals } from "../actuals/import";

/**
 * The demo's actual spend (issue 21's feature, shown): a FOCUS bill for January to November 2026,
 * the months before the demo's "now" (its start dates put it in December 2026), imported through
 * the real import as finance would. Each live use case is billed under its external id (the tag
 * `usecase`), at a stated place against its own projection for the year: most near the base, one
 * below the projected range and one above it (the early warning), so the actual-spend page, the
 * use case's panel and the portfolio's comparison each show something real. One shared vector
 * database carries no tag: spend that belongs to no use case until finance writes a rule.
 *
 * The amounts are illustrative demo inputs worked from the projections, not figures from a source.
 */
export const DEMO_ACTUALS_YEAR = 2026;
export const DEMO_ACTUALS_THROUGH_MONTH = 11;

/** Where each use case's bill sits: a multiple of its projection's low, base or high for the month. */
export const DEMO_ACTUALS: readonly { title: string; of: "low" | "base" | "high"; times: number }[] = [
  // Live since February: ten months billed at 1.18 times its monthly base (a twelfth of its first
  // year), so about 17% over the base for February to November.
  { title: "Policy and billing answers for the contact centre", of: "base", times: 1.18 },
  // Fewer underwriters using it than planned: below the range.
  { title: "Underwriting guideline Q&A", of: "low", times: 0.7 },
  { title: "IT service desk ticket routing", of: "base", times: 1.02 },
  // Feedback learning bought as a vendor subscription, billed under its owner's yearly estimate:
  // counted, and held to its budget, but not compared with the estimate (people's time is in it).
  { title: "Campaign subject-line testing", of: "base", times: 0.7 },
  // Used far more than planned: above the range, so the use case is flagged.
  { title: "HR policy helpdesk", of: "high", times: 1.3 },
];

/** The shared vector database no one has attributed yet, a month. */
export const DEMO_UNATTRIBUTED_MONTHLY_USD = 410;

const FOCUS_HEADER = "BillingAccountId,SubAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceCategory,SkuId,ConsumedQuantity,ConsumedUnit,ResourceId,Tags";

/** The FOCUS service category and SKU each metered actual category is billed under. */
const BILLED_AS: Record<ActualCategory, { category: string; sku: string; unit: string; resource: string }> = {
  INFERENCE: { category: "AI and Machine Learning", sku: "gpt-4o", unit: "Requests", resource: "openai-kestrel" },
  HOSTING: { category: "Compute", sku: "gpu-a10", unit: "Hours", resource: "ft-hosting" },
  RETRIEVAL: { category: "Databases", sku: "vector-search-s1", unit: "Hours", resource: "vector-db" },
  OTHER: { category: "Other", sku: "vendor-subscription", unit: "Months", resource: "vendor" },
};

/** What the demo bills: the metered categories, and an owner's estimate as a vendor's invoice (category Other). */
const BILLED = [...METERED_CATEGORIES, "MANUAL_ESTIMATE"];

const day = (month: number, d: number) => `${DEMO_ACTUALS_YEAR}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A month's small swing around the level, the same every seed: a bill is never flat. */
const swing = (month: number, i: number) => 1 + 0.04 * Math.sin(month * 1.7 + i);

/** The demo's bill as FOCUS text, from each listed use case's projection for the year, as chosen. */
export async function demoFocusBill(organizationId: string): Promise<string> {
  const rows: string[] = [];
  for (const [i, spec] of DEMO_ACTUALS.entries()) {
    const uc = await db.useCase.findFirstOrThrow({
      where: { organizationId, title: spec.title, deletedAt: null },
      select: { id: true, externalId: true, chosenApproach: true, recommendedApproach: true, startDate: true, assessment: true },
    });
    // The calls billed: the use case's own monthly volume, moved as its spend is, so the actual
    // cost per call on the actuals page stays a cost per call the assumptions can be held to.
    const monthlyCalls = Number((uc.assessment as { monthlyCalls?: number } | null)?.monthlyCalls ?? 0);
    const approach = uc.chosenApproach ?? uc.recommendedApproach;
    if (!uc.externalId || !approach) throw new Error(`${spec.title}: the demo bills it by its external id, under its approach`);
    const lines = await db.costLine.findMany({
      where: { organizationId, useCaseId: uc.id, approach, calendarYear: DEMO_ACTUALS_YEAR, category: { in: BILLED } },
      select: { category: true, lowCents: true, baseCents: true, highCents: true },
    });
    const yearly = new Map<ActualCategory, number>();
    for (const l of lines) {
      const cents = Number((spec.of === "low" ? l.lowCents : spec.of === "high" ? l.highCents : l.baseCents) ?? 0n);
      const actual = PROJECTION_CATEGORY[l.category] ?? "OTHER";
      yearly.set(actual, (yearly.get(actual) ?? 0) + cents);
    }
    const firstMonth = uc.startDate && uc.startDate.getUTCFullYear() === DEMO_ACTUALS_YEAR ? uc.startDate.getUTCMonth() + 1 : 1;
    for (let month = firstMonth; month <= DEMO_ACTUALS_THROUGH_MONTH; month++) {
      for (const [actual, cents] of yearly) {
        const level = spec.times * swing(month, i);
        const dollars = ((cents / 12) * level) / 100;
        if (dollars < 0.01) continue;
        const b = BILLED_AS[actual];
        const quantity = actual === "INFERENCE" ? Math.round(monthlyCalls * level) : actual === "OTHER" ? 1 : 720;
        rows.push(["kestrel-billing", "kestrel-ai", `${day(month, 1)}T00:00:00Z`, `${day(month, 28)}T23:59:59Z`, dollars.toFixed(2), dollars.toFixed(2), "USD", b.category, b.sku, String(quantity), b.unit, `${b.resource}-${uc.externalId.toLowerCase()}`, quoted(JSON.stringify({ usecase: uc.externalId, env: "prod" }))].join(","));
      }
    }
  }
  for (let month = 1; month <= DEMO_ACTUALS_THROUGH_MONTH; month++) {
    rows.push(["kestrel-billing", "kestrel-shared", `${day(month, 1)}T00:00:00Z`, `${day(month, 28)}T23:59:59Z`, DEMO_UNATTRIBUTED_MONTHLY_USD.toFixed(2), DEMO_UNATTRIBUTED_MONTHLY_USD.toFixed(2), "USD", "Databases", "vector-search-s2", "720", "Hours", "vector-db-shared", quoted("{}")].join(","));
  }
  return `${FOCUS_HEADER}\n${rows.join("\n")}\n`;
}

/** Imports the demo's bill as the demo's finance member, through the real import. */
export async function seedDemoActuals(organizationId: string): Promise<void> {
  const finance = await db.membership.findFirstOrThrow({ where: { organizationId, role: "FINANCE" }, select: { userId: true } });
  const bill = await demoFocusBill(organizationId);
  const out = await importActuals(
    { organizationId, userId: finance.userId, role: "FINANCE" },
    { source: (async function* () { yield new TextEncoder().encode(bill); })(), fileName: `kestrel-focus-${DEMO_ACTUALS_YEAR}.csv`, feed: "Cloud bill (FOCUS)" },
  );
  if (!out.committed) throw new Error(`The demo's actual spend was not imported: ${[...out.problems, ...out.refused.map((r) => `row ${r.row}: ${r.message}`)].join("; ")}`);
}
