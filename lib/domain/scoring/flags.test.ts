import { describe, expect, it } from "vitest";
import type { Approach, Assessment } from "../assessment";
import { computeFlags, DEFAULT_RETRAIN_LAG_DAYS } from "./flags";
import type { RiskFlagCode } from "./types";

const codes = (a: Assessment, consensus: Approach | null, chosen: Approach | null = null, retrainLagDays = DEFAULT_RETRAIN_LAG_DAYS) =>
  computeFlags({ assessment: a, consensus, chosen, retrainLagDays }).map((f) => f.code);
const has = (list: RiskFlagCode[], code: RiskFlagCode) => list.includes(code);

describe("risk flags", () => {
  it("FT_ON_FAST_CHANGING_KNOWLEDGE: fine-tuning chosen or the consensus while knowledge changes weekly or faster", () => {
    expect(has(codes({ changeFrequency: "weekly" }, "RAG", "FINE_TUNING"), "FT_ON_FAST_CHANGING_KNOWLEDGE")).toBe(true);
    expect(has(codes({ changeFrequency: "realtime" }, "FINE_TUNING"), "FT_ON_FAST_CHANGING_KNOWLEDGE")).toBe(true);
    expect(has(codes({ changeFrequency: "monthly" }, "FINE_TUNING", "FINE_TUNING"), "FT_ON_FAST_CHANGING_KNOWLEDGE")).toBe(false);
    expect(has(codes({ changeFrequency: "daily" }, "HYBRID", "HYBRID"), "FT_ON_FAST_CHANGING_KNOWLEDGE")).toBe(false);
    expect(has(codes({}, "FINE_TUNING"), "FT_ON_FAST_CHANGING_KNOWLEDGE")).toBe(false);
  });

  it("FT_WITHOUT_ENOUGH_LABELED_DATA: fine-tuning (or hybrid) in play, or wanted for style, with too few examples", () => {
    expect(has(codes({ labeledExamples: 40 }, "RAG", "FINE_TUNING"), "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe(true);
    expect(has(codes({ labeledExamples: 40 }, "HYBRID"), "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe(true);
    expect(has(codes({ labeledExamples: 40, needsStyleOrFormat: true }, "RAG"), "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe(true);
    expect(has(codes({ labeledExamples: 40, needsStyleOrFormat: false }, "RAG"), "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe(false);
    expect(has(codes({ labeledExamples: 200 }, "FINE_TUNING"), "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe(false);
    expect(has(codes({}, "FINE_TUNING"), "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe(false);
  });

  it("NO_EVALUATION_SET: only when it is answered no", () => {
    expect(codes({ evaluationSetExists: false }, "RAG")).toEqual(["NO_EVALUATION_SET"]);
    expect(codes({ evaluationSetExists: true }, "RAG")).toEqual([]);
    expect(codes({}, "RAG")).toEqual([]);
  });

  it("CHOSEN_DIFFERS_FROM_CONSENSUS: only with both a choice and a consensus", () => {
    expect(codes({}, "RAG", "HYBRID")).toEqual(["CHOSEN_DIFFERS_FROM_CONSENSUS"]);
    expect(codes({}, "RAG", "RAG")).toEqual([]);
    expect(codes({}, null, "RAG")).toEqual([]);
    expect(codes({}, "RAG", null)).toEqual([]);
  });

  it("STALENESS_EXCEEDS_ACCEPTABLE_LAG: fine-tuning in play and the retraining lag beyond the acceptable lag", () => {
    const a: Assessment = { changeFrequency: "quarterly", maxLagDays: 7 };
    expect(has(codes(a, "FINE_TUNING"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(true);
    expect(has(codes(a, "RAG", "FINE_TUNING"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(true);
    expect(has(codes(a, "RAG"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(false);
    expect(has(codes(a, "HYBRID", "HYBRID"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(false);
    expect(has(codes({ ...a, maxLagDays: 14 }, "FINE_TUNING"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(false);
    expect(has(codes({ ...a, maxLagDays: 14 }, "FINE_TUNING", null, 28), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(true);
    expect(has(codes({ ...a, changeFrequency: "static" }, "FINE_TUNING"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(false);
    expect(has(codes({ changeFrequency: "quarterly" }, "FINE_TUNING"), "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe(false);
  });

  it("gives each flag one sentence and a seed citation, in a fixed order", () => {
    const flags = computeFlags({
      assessment: { changeFrequency: "weekly", maxLagDays: 3, labeledExamples: 10, evaluationSetExists: false },
      consensus: "RAG",
      chosen: "FINE_TUNING",
      retrainLagDays: 14,
    });
    expect(flags.map((f) => f.code)).toEqual([
      "FT_ON_FAST_CHANGING_KNOWLEDGE",
      "FT_WITHOUT_ENOUGH_LABELED_DATA",
      "NO_EVALUATION_SET",
      "CHOSEN_DIFFERS_FROM_CONSENSUS",
      "STALENESS_EXCEEDS_ACCEPTABLE_LAG",
    ]);
    for (const f of flags) {
      expect(f.reason).toMatch(/^[A-Z][^.]*(\.\d[^.]*)*\.$/);
      expect(f.citation.file).toMatch(/^00\d_[0-9a-f]{16}\.txt$/);
    }
    expect(flags[0]?.reason).toBe("Fine-tuning is the chosen approach while the knowledge changes weekly, so the model's knowledge goes out of date with every change.");
    expect(flags[4]?.reason).toBe("Fine-tuning is the chosen approach, and each retraining leaves it about 14 days behind the business, more than the acceptable 3 days.");
    expect(flags[3]?.reason).toBe("The chosen approach, Fine-tuning, differs from the frameworks' consensus, RAG.");
  });
});
