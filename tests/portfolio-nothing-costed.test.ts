/**
 * A new organization whose only use case is not assessed: the portfolio says nothing is costed
 * and shows no figure, never "$0" (a review met "Lifecycle low–high $0–$0", "$0" in every
 * scenario and "$0.00" in every year beside "Nothing costed yet … none is counted as $0").
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Headline } from "@/app/o/[org]/portfolio/_components/headline";
import { ScenariosPanel } from "@/app/o/[org]/portfolio/_components/scenarios-panel";
import { SpendPanel } from "@/app/o/[org]/portfolio/_components/spend-panel";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg } from "./helpers/factory";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("a portfolio with nothing costed", () => {
  it("says so in the headline, the scenarios and the spend per year, with no $0 anywhere", async () => {
    const org = await createTestOrg("nothing-costed");
    await inUseCaseTransaction((tx) => writeUseCase(tx, { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" }, { fields: { title: "Just an idea" } }));
    const d = await loadDashboard(org.id, EMPTY_FILTER);
    if (!("scenarioSummaries" in d)) throw new Error("no dashboard");
    const headline = text(renderToStaticMarkup(Headline({ d, listHref: () => "/list", disagreementsHref: "#d" })));
    const scenarios = text(renderToStaticMarkup(ScenariosPanel({ d })));
    const spend = text(renderToStaticMarkup(SpendPanel({ d })));
    expect(headline).toContain("Nothing costed yet");
    expect(headline).toContain("No use case costed");
    expect(scenarios).toContain("No use case in this view is costed in any scenario yet, so there is nothing to set side by side; none is counted as $0.");
    expect(spend).toContain("No projected cost in this view");
    expect(spend).not.toMatch(/range, –\./);
    // "$0" only where it says none is counted as $0.
    for (const [name, t] of [["headline", headline], ["scenarios", scenarios], ["spend", spend]] as const) {
      expect(t.replaceAll("counted as $0", ""), name).not.toMatch(/\$0\b/);
    }
  });
});
