/**
 * The cost chart's colours: each category its own, the same on every approach's chart, and never
 * the low–high whisker's grey (a review found training compute in build engineering's blue and
 * retraining in the whisker's grey, on charts of ten and eleven categories).
 */
import { describe, expect, it } from "vitest";
import { CATEGORY_COLORS, RANGE_COLOR } from "@/app/o/[org]/use-cases/[id]/_panels/cost-chart";
import { COST_CATEGORIES } from "@/lib/domain/costing/categories";

describe("the cost chart's colours", () => {
  it("give every category that can share a chart a colour of its own, none the range's", () => {
    // An owner's estimate is the only category of its chart: it may share.
    const shared = COST_CATEGORIES.filter((c) => c !== "MANUAL_ESTIMATE");
    const colours = shared.map((c) => CATEGORY_COLORS[c].toLowerCase());
    expect(new Set(colours).size).toBe(shared.length);
    expect(colours).not.toContain(RANGE_COLOR.toLowerCase());
  });
});
