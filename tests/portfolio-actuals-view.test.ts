/**
 * The portfolio's "Projected against actual" panel in a filtered view. Found by the portfolio
 * review: the demo's Claims view read "Spent $0 so far this year against a base projection of $0
 * (—); no use case is flagged. $4,510.00 belongs to no use case yet" over two empty tables, as if
 * Claims had $4,510 unplaced; that spend is the organization's (no use case carries it, so no
 * filter can place it). The panel now says the view has no actual spend, and whose the
 * unattributed spend is.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActualsPanel } from "@/app/o/[org]/portfolio/_components/actuals-panel";
import type { PortfolioActuals } from "@/lib/server/actuals/read";

const zero = { low: 0, base: 0, high: 0 };
const noneInView: PortfolioActuals = {
  period: { year: 2026, throughMonth: 11 }, actual: 0, unprojected: 0, projected: zero,
  byBusinessUnit: [], byApproach: [], outside: [], flagged: 0,
  unattributed: [{ reason: "untagged", cents: 4_510_00 }],
};
const panel = (a: PortfolioActuals, filtered: boolean) =>
  renderToStaticMarkup(ActualsPanel({ a, useCaseHref: (id) => `/u/${id}`, actualsHref: "/actuals", filtered })!).replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");

describe("the actuals panel in a view with no actual spend", () => {
  it("says so, with no $0-against-$0 and no empty tables, and says the unattributed spend is the organization's", () => {
    const text = panel(noneInView, true);
    expect(text).toContain("No use case in this view has actual spend in 2026 so far.");
    expect(text).not.toContain("Spent $0");
    expect(text).not.toContain("By business unit");
    expect(text).toContain("$4,510 of the organization's spend this year (not only this view's) belongs to no use case yet");
  });

  it("unfiltered, says the unattributed spend as before", () => {
    expect(panel(noneInView, false)).toContain("No use case has actual spend in 2026 so far. $4,510 belongs to no use case yet");
  });
});
