import { describe, expect, it } from "vitest";
import { callsOverHorizon, countText, fileVolumeOutliers, volumeOutliers, type RowVolume } from "./outliers";
import type { ColumnPlan } from "./rows";

const COLUMNS = { monthlyCalls: "Requests/month", yearlyGrowthPct: "Growth %" };
const plain = (row: number, monthlyCalls = 10_000): RowVolume => ({ row, title: `Idea ${row}`, monthlyCalls, yearlyGrowthPct: 20, horizonYears: 5 });

describe("a row whose volume dwarfs the rest", () => {
  it("counts the calls over the horizon as the projection grows them, year on year", () => {
    expect(callsOverHorizon({ monthlyCalls: 1000, yearlyGrowthPct: null, horizonYears: 5 })).toBe(60_000);
    expect(callsOverHorizon({ monthlyCalls: 1000, yearlyGrowthPct: 100, horizonYears: 3 })).toBe(12_000 * (1 + 2 + 4));
    expect([countText(2_904_000_000), countText(6_600_000), countText(892_992)]).toEqual(["2.9 billion", "6.6 million", "892,992"]);
  });

  it("is warned about, naming its title, its figures, the median it is compared with and the cells to check", () => {
    const thin: RowVolume = { row: 9, title: "Chat over everything", monthlyCalls: 2_000_000, yearlyGrowthPct: 200, horizonYears: 5 };
    const warnings = volumeOutliers([plain(2), plain(3), thin, plain(4)], [callsOverHorizon(plain(0))], COLUMNS);
    expect(warnings).toEqual([
      {
        row: 9,
        field: "monthlyCalls",
        column: "Requests/month",
        message:
          "“Chat over everything”: 2,000,000 calls a month growing 200% a year come to 2.9 billion calls over its 5 years, 3,252 times the median of this file's other rows and the registry's use cases (892,992; above 10 times, a row is flagged). " +
          "Its projected costs would weigh far more than any other's: check its “Requests/month” and “Growth %” before importing.",
      },
    ]);
  });

  it("growth alone can make it: ordinary monthly calls growing 1000% a year for ten years", () => {
    const fast: RowVolume = { row: 5, title: "Viral", monthlyCalls: 10_000, yearlyGrowthPct: 1000, horizonYears: 10 };
    const [w] = volumeOutliers([plain(2), plain(3), plain(4), fast], [], COLUMNS);
    expect(w).toMatchObject({ row: 5, message: expect.stringContaining("10,000 calls a month growing 1,000% a year come to") });
  });

  it("says nothing of a row up to ten times the median, nor when there are fewer than three figures to compare with", () => {
    expect(volumeOutliers([plain(2), plain(3), plain(4), plain(5, 100_000)], [], COLUMNS)).toEqual([]);
    expect(volumeOutliers([plain(2), plain(3), plain(4, 10_000_000)], [], COLUMNS)).toEqual([]);
    // The registry counts among the figures compared with.
    expect(volumeOutliers([plain(2), plain(3, 10_000_000)], [callsOverHorizon(plain(0))], COLUMNS)).toEqual([]);
    expect(volumeOutliers([plain(2), plain(3, 10_000_000)], [callsOverHorizon(plain(0)), callsOverHorizon(plain(0))], COLUMNS).map((w) => w.row)).toEqual([3]);
  });

  it("leaves out the rows refused and the registry's use cases the file updates", () => {
    const plan: ColumnPlan = { monthlyCalls: { index: 2, header: "Requests/month" } };
    const rows = [plain(2), plain(3), plain(4), plain(5, 5_000_000)];
    const registry: [string, number][] = [
      ["uc-1", callsOverHorizon(plain(0))],
      ["uc-2", callsOverHorizon(plain(0))],
    ];
    expect(fileVolumeOutliers(rows, registry, new Set(), [], plan).map((w) => w.row)).toEqual([5]);
    // Row 5 refused: not imported, so not warned about.
    expect(fileVolumeOutliers(rows, registry, new Set(), [{ row: 5 }], plan)).toEqual([]);
    // Rows 3 and 4 refused, and one of the registry's use cases updated by the file: two figures left to compare with, too few.
    expect(fileVolumeOutliers(rows, registry, new Set(["uc-1"]), [{ row: 3 }, { row: 4 }], plan)).toEqual([]);
    expect(fileVolumeOutliers(rows, registry, new Set(), [{ row: 3 }, { row: 4 }], plan).map((w) => w.row)).toEqual([5]);
  });
});
