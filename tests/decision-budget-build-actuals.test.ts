/**
 * The early warning holds a use case's actual spend to the budget finance approved for the year:
 * its yearly run rate, and its one-off build on top in the year it starts only
 * (tests/decision-budget-build.test.ts: the build is kept apart from the run rate). A first year
 * whole taken as a yearly budget held every later year to the build again; the run rate alone held
 * the first year to less than finance approved for it.
 */
import { describe, expect, it } from "vitest";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { loadVariances } from "@/lib/server/actuals/read";
import { db } from "@/lib/server/db";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg } from "./helpers/factory";
import { chunked, focusSample } from "./helpers/actuals-samples";

/**
 * "Letter drafting" (tagged UC-B in the sample bills of January and February 2026): prompting,
 * metered $240 a year, its budget approved by finance at $100 a year and $1,000 to build, starting
 * in `startYear`. Its bills: a run rate ending the year near $181.
 */
async function letterDrafting(startYear: number, buildCents = 1_000_00) {
  const org = await createTestOrg("buildwarn");
  const finance: ActualsActor = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
  const id = await insertUseCaseWithCosts(org.id, {
    title: "Letter drafting", businessUnit: "Service", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING",
    budgetApproved: 100_00, buildApproved: buildCents, startYear, yearly: { PROMPTING: { INFERENCE: [240_00, 240_00, 240_00] } },
  });
  await db.useCase.update({ where: { id }, data: { externalId: "UC-B" } });
  await importActuals(finance, { source: chunked(focusSample()), fileName: "focus.csv", feed: "Azure" });
  const own = (await loadVariances(org.id, { useCaseId: id })).useCases[0]!.variance;
  // The portfolio's summary path holds it to the same budget.
  const summary = (await loadVariances(org.id)).useCases.find((u) => u.id === id)!.variance;
  expect(summary.runRate).toEqual(own.runRate);
  expect(summary.sentence).toContain(own.sentence.slice(own.sentence.indexOf(" At this rate")));
  return own;
}

describe("the early warning against a budget with a build", () => {
  it("holds the year the use case starts to the run rate and the build, and a later year to the run rate alone", async () => {
    // Started in 2026, the year of the bills: the build is this year's.
    const first = await letterDrafting(2026);
    expect(first.runRate).toEqual({ yearEnd: 180_60, unmetered: 0, budget: 1_100_00, passesBudget: false, passingMonth: null });
    expect(first.flags).not.toContain("over-budget");
    // Started in 2025: 2026 is a later year, held to the run rate alone.
    const later = await letterDrafting(2025);
    expect(later.runRate).toMatchObject({ yearEnd: 180_60, budget: 100_00, passesBudget: true });
    expect(later.flags).toContain("over-budget");
    expect(later.sentence).toContain("At this rate the year ends near $181, past the $100 yearly budget finance approved");
    // A build small enough to be passed in the year it starts: the sentence says what the year's
    // figure is made of, never "$150 yearly budget", a figure no later year is held to.
    const small = await letterDrafting(2026, 50_00);
    expect(small.flags).toContain("over-budget");
    expect(small.sentence).toContain("At this rate the year ends near $181, past the $150 finance approved for 2026, the $50 build and the $100 yearly budget (in October).");
  });
});
