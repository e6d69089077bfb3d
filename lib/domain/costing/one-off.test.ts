import { describe, expect, it } from "vitest";
import { isOneOff, oneOffCost } from "./one-off";

describe("the one-off part of a year's cost", () => {
  it("is the build, curation and training lines, never the running ones", () => {
    expect(["BUILD_ENGINEERING", "DATA_CURATION", "TRAINING_COMPUTE"].every(isOneOff)).toBe(true);
    expect(["INFERENCE", "RETRAINING", "MAINTENANCE", "MANUAL_ESTIMATE", "VECTOR_DB", "nonsense"].some(isOneOff)).toBe(false);
  });

  it("sums each scenario apart, cents exact, a missing figure counting as nothing", () => {
    const lines = [
      { category: "BUILD_ENGINEERING", low: 100_000, base: 150_000, high: 220_000 },
      { category: "DATA_CURATION", low: 1n, base: null, high: 3n },
      { category: "TRAINING_COMPUTE", base: 7 },
      { category: "INFERENCE", low: 9_999, base: 9_999, high: 9_999 },
    ];
    expect(oneOffCost(lines)).toEqual({ low: 100_001, base: 150_007, high: 220_003 });
  });

  it("is nothing for an approach with nothing to build", () => {
    expect(oneOffCost([{ category: "MANUAL_ESTIMATE", low: 5, base: 6, high: 7 }])).toEqual({ low: 0, base: 0, high: 0 });
    expect(oneOffCost([])).toEqual({ low: 0, base: 0, high: 0 });
  });
});
