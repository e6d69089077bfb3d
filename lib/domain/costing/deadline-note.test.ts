import { describe, expect, it } from "vitest";
import { deadlineNote } from "./deadline-note";

const t = (base: number) => ({ manual: false, timeToValueWeeks: { base } });

describe("the cost panel's word on a deadline some approaches miss", () => {
  it("says which approaches would be ready in time and which would not, from their time to value", () => {
    // The review's case: a 6-week deadline, fine-tuning and the hybrid at 8 weeks.
    expect(deadlineNote(6, { RAG: t(4), FINE_TUNING: t(8), HYBRID: t(8), PROMPTING: t(1) })).toBe(
      "The use case must be in production in 6 weeks: Fine-tuning (8 weeks) and Hybrid (8 weeks) typically take longer than that to first serve its users, so neither would be ready in time; RAG (4 weeks) and Prompting only (1 week) would.",
    );
    expect(deadlineNote(3, { RAG: t(4), FINE_TUNING: t(8), HYBRID: t(8), PROMPTING: t(1) })).toBe(
      "The use case must be in production in 3 weeks: RAG (4 weeks), Fine-tuning (8 weeks) and Hybrid (8 weeks) typically take longer than that to first serve its users, so none of them would be ready in time; Prompting only (1 week) would.",
    );
    expect(deadlineNote(2, { FINE_TUNING: t(8) })).toBe(
      "The use case must be in production in 2 weeks: Fine-tuning (8 weeks) typically takes longer than that to first serve its users, so it would not be ready in time.",
    );
  });

  it("says nothing without a deadline, where every approach makes it, or of an owner's estimate (no time to value)", () => {
    expect(deadlineNote(undefined, { FINE_TUNING: t(8) })).toBeNull();
    expect(deadlineNote(null, { FINE_TUNING: t(8) })).toBeNull();
    // Exactly on the deadline is in time, as the flag reads it.
    expect(deadlineNote(8, { RAG: t(4), FINE_TUNING: t(8) })).toBeNull();
    expect(deadlineNote(2, { AGENT: { manual: true, timeToValueWeeks: null }, RAG: t(2) })).toBeNull();
  });
});
