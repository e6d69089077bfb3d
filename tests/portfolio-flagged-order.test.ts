/**
 * The portfolio's risk-flag list: the most flagged first, then the most spend as chosen at stake, not
 * the most recently updated (a review met an approved $683k use case that will miss its deadline
 * listed after two uncosted agents). Through the kept sums' path (unfiltered) and a filter alike.
 */
import { describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg } from "./helpers/factory";
import { filterWith } from "./helpers/portfolio-reference";

describe("the risk-flag list's order", () => {
  it("puts, among use cases with as many flags, the one with the most spend as chosen first", async () => {
    const org = await createTestOrg("flag-order");
    const owner = org.users.LEAD.id;
    const flagged = (title: string, cents: number | null, flags: string[]) =>
      insertUseCaseWithCosts(org.id, { title, businessUnit: "Ops", ownerId: owner, recommended: cents === null ? "AGENT" : "RAG", riskFlags: flags, yearly: cents === null ? {} : { RAG: { INFERENCE: [cents] } } });
    // Logged in this order, so the most recently updated come last here and came first before.
    await flagged("Costly, two flags", 10_00, ["NO_EVALUATION_SET", "FT_WITHOUT_RETRAINING_BUDGET"]);
    await flagged("Big spend", 683_000_00, ["TIME_TO_VALUE_PAST_DEADLINE"]);
    await flagged("Small spend", 1_000_00, ["NO_EVALUATION_SET"]);
    await flagged("Not costed", null, ["NO_EVALUATION_SET"]);
    const expected = ["Costly, two flags", "Big spend", "Small spend", "Not costed"];
    expect((await loadDashboard(org.id, EMPTY_FILTER)).flagged.map((f) => f.title)).toEqual(expected);
    expect((await loadDashboard(org.id, filterWith({ businessUnit: ["Ops"] }))).flagged.map((f) => f.title)).toEqual(expected);
  });
});
