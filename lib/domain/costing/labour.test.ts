/**
 * What a use case already has is not charged again, and each approach pays only the upkeep it has
 * (engine 2.13). A reviewer found ticket routing's 25,000 ready examples charged $166,667 of
 * curation (none: $33,333), and a prompting-only use case of 200 calls a month charged $124,800 of
 * a retrieval index's upkeep beside $49 of inference.
 */
import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { changedAssumptions, DEFAULT_ASSUMPTIONS, readAssumptionSet, type AssumptionSet } from "./assumptions";
import { labourNote } from "./labour-note";
import { projectCosts } from "./project";
import { COMPLETE, fixed } from "./project.fixtures";

const project = (assessment: Assessment, assumptions: AssumptionSet = COMPLETE, horizonYears = 3) =>
  projectCosts({ assessment, horizonYears, startYear: 2027, assumptions });
const total = (p: ReturnType<typeof project>, approach: string, category: string) =>
  p.lines.filter((l) => l.approach === approach && l.category === category).reduce((s, l) => s + (l.base ?? 0), 0);

const ROUTING: Assessment = { changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "reasoning", monthlyCalls: 18_000, corpusDocuments: 100 };

describe("data curation: the examples still needed, not those in hand", () => {
  it("25,000 ready examples cost no more curation than 1,000, and none at all once they cover what fine-tuning needs", () => {
    const many = project({ ...ROUTING, labeledExamples: 25_000 });
    const some = project({ ...ROUTING, labeledExamples: 1_000 });
    for (const ap of ["FINE_TUNING", "HYBRID"]) {
      expect(total(many, ap, "DATA_CURATION")).toBeLessThanOrEqual(total(some, ap, "DATA_CURATION"));
      expect(total(many, ap, "DATA_CURATION")).toBe(0);
    }
  });

  it("having more examples never costs more curation, and having none costs the most", () => {
    const curation = (n: number | undefined) => total(project({ ...ROUTING, labeledExamples: n }), "FINE_TUNING", "DATA_CURATION");
    const counts = [0, 100, 500, 999, 1_000, 2_500, 3_000, 25_000, 1_000_000];
    for (let i = 1; i < counts.length; i++) expect(curation(counts[i])).toBeLessThanOrEqual(curation(counts[i - 1]));
    // Unanswered is taken as none in hand: 1,000 to curate at 2 minutes and $200 an hour.
    expect(curation(undefined)).toBe(curation(0));
    expect(curation(0)).toBe(Math.round(1_000 * (2 / 60) * 200 * 100));
  });

  it("the number fine-tuning needs is a figure finance can change", () => {
    const more = { ...COMPLETE, values: { ...COMPLETE.values, ftExamplesNeeded: fixed(30_000) } };
    // 5,000 still needed of 30,000: 5,000 × 2/60 × $200
    expect(total(project({ ...ROUTING, labeledExamples: 25_000 }, more), "FINE_TUNING", "DATA_CURATION")).toBe(Math.round(5_000 * (2 / 60) * 200 * 100));
  });
});

describe("upkeep per approach: an index's only where there is one", () => {
  const VARIANCE: Assessment = { changeFrequency: "monthly", coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, monthlyCalls: 200, promptedBaselineMeetsBar: "yes" };

  it("prompting alone pays no index upkeep: its upkeep does not move with the index's hours", () => {
    const busyIndex = { ...COMPLETE, values: { ...COMPLETE.values, maintenanceHoursPerWeek: fixed(40) } };
    const p = project(VARIANCE), q = project(VARIANCE, busyIndex);
    expect(total(q, "PROMPTING", "MAINTENANCE")).toBe(total(p, "PROMPTING", "MAINTENANCE"));
    expect(total(q, "FINE_TUNING", "MAINTENANCE")).toBe(total(p, "FINE_TUNING", "MAINTENANCE"));
    // RAG and the hybrid have an index: 36 more hours a week × 52 × $200 × 3 years.
    for (const ap of ["RAG", "HYBRID"]) expect(total(q, ap, "MAINTENANCE") - total(p, ap, "MAINTENANCE")).toBe(36 * 52 * 200 * 3 * 100);
  });

  it("prompting alone's upkeep is the prompt's, 2 hours a month at the built-in defaults: $14,400 over three years, not $124,800", () => {
    const p = project(VARIANCE, DEFAULT_ASSUMPTIONS);
    expect(total(p, "PROMPTING", "MAINTENANCE")).toBe(2 * 12 * 200 * 3 * 100);
  });
});

describe("evaluation: a set the use case has is not built again", () => {
  it("with an evaluation set, year 1 charges only running it; without one (or unanswered), building it too, as a one-off line", () => {
    const year1 = (evaluationSetExists: boolean | undefined, category = "EVALUATION") => project({ ...ROUTING, evaluationSetExists }).lines.find((l) => l.approach === "RAG" && l.category === category && l.yearIndex === 1)?.base;
    // 4 hours a month × 12 × $200 = $9,600 every year; building is 2 weeks × 40 h × $200 = $16,000, once.
    for (const exists of [true, false, undefined]) expect(year1(exists)).toBe(9_600_00);
    expect(year1(true, "EVALUATION_SET")).toBeUndefined();
    expect(year1(false, "EVALUATION_SET")).toBe(16_000_00);
    expect(year1(undefined, "EVALUATION_SET")).toBe(16_000_00);
  });
});

describe("the cost panel says what the people lines are made of", () => {
  const shown = ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const;

  it("examples in hand that cover the need: no curation, and more costs no more; an existing evaluation set is not built", () => {
    const p = project({ ...ROUTING, labeledExamples: 25_000, evaluationSetExists: true }, DEFAULT_ASSUMPTIONS);
    const note = labourNote(p.labour, shown)!;
    expect(note).toContain("Data curation: none is charged. The 25,000 labeled examples the use case already has cover the 500–3,000 (base 1,000) fine-tuning needs (002: “hundreds to low thousands”); having more costs no more.");
    expect(note).toContain("Evaluation: the use case already has an evaluation set, so building one is not charged; running it, 2–8 (base 4) hours a month, is charged every year.");
    expect(note).not.toMatch(/more would cost more/);
  });

  it("says prompting alone has no index and its prompt upkeep is an assumption, not from the sources", () => {
    const p = project({ monthlyCalls: 200 }, DEFAULT_ASSUMPTIONS);
    expect(labourNote(p.labour, ["PROMPTING"])).toBe(
      "Upkeep, at the engineer rate: Prompting alone has no index and pays only for keeping its prompt, 1–4 (base 2) hours a month: an assumption, not a figure from the sources, which finance can change on the Assumptions page. " +
        "Evaluation: building a test set, 1–4 (base 2) engineering weeks, is charged in year 1 because the use case does not say it has one; running it, 2–8 (base 4) hours a month, is charged every year.",
    );
    expect(labourNote(p.labour, shown)).toContain("RAG and the hybrid pay for keeping their index, 2–8 (base 4) hours a week (002: “ongoing index management”)");
  });

  it("some examples in hand: the rest are charged, and those in hand are said not to be", () => {
    const p = project({ ...ROUTING, labeledExamples: 800 }, DEFAULT_ASSUMPTIONS);
    expect(labourNote(p.labour, ["FINE_TUNING"])).toContain("Data curation is charged for the 0–2,200 (base 200) labeled examples still needed to reach the 500–3,000 (base 1,000) fine-tuning needs (002: “hundreds to low thousands”); the 800 the use case already has are not curated again.");
  });

  it("says why curation is charged up to more examples than the frameworks ask for, quoting both sources, where the two could be read against each other", () => {
    const frameworks = "The frameworks ask for fewer: 200 labeled examples are enough for them to consider fine-tuning, the least of 001's “hundreds of examples” (“Do you have labeled training data (hundreds of examples)? Yes → Fine-tuning is viable”)";
    const costed = "the projection costs curating up to the 500–3,000 (base 1,000) that 002 gives as “the minimum viable fine-tuning dataset for a meaningful quality improvement”.";
    // 300 in hand: the frameworks say there is enough curated data for fine-tuning, and curation is still charged.
    expect(labourNote(project({ ...ROUTING, labeledExamples: 300 }, DEFAULT_ASSUMPTIONS).labour, ["FINE_TUNING"])).toContain(
      "Data curation is charged for the 200–2,700 (base 700) labeled examples still needed to reach the 500–3,000 (base 1,000) fine-tuning needs (002: “hundreds to low thousands”); the 300 the use case already has are not curated again. " +
        `${frameworks}, and the use case's 300 are enough for that; ${costed}`,
    );
    // None yet (the recommendation waits for "at least 200 curated, labeled examples"): the same why, without the count.
    expect(labourNote(project({ ...ROUTING, labeledExamples: 0 }, DEFAULT_ASSUMPTIONS).labour, ["HYBRID"])).toContain(
      `Data curation is charged for all the 500–3,000 (base 1,000) labeled examples fine-tuning needs (002: “hundreds to low thousands”): the use case has none yet. ${frameworks}; ${costed}`,
    );
    // Nothing charged, or an organization that costs no more than the frameworks ask for: nothing to reconcile.
    expect(labourNote(project({ ...ROUTING, labeledExamples: 25_000 }, DEFAULT_ASSUMPTIONS).labour, ["FINE_TUNING"])).not.toContain("The frameworks ask for fewer");
    const fewer = { ...DEFAULT_ASSUMPTIONS, values: { ...DEFAULT_ASSUMPTIONS.values, ftExamplesNeeded: { low: 100, base: 150, high: 200 } } };
    expect(labourNote(project({ ...ROUTING, labeledExamples: 0 }, fewer).labour, ["FINE_TUNING"])).not.toContain("The frameworks ask for fewer");
  });

  it("a projection stored before it was kept says nothing", () => {
    expect(labourNote(undefined, shown)).toBeNull();
  });
});

describe("assumption versions saved before the two new figures still read", () => {
  it("a set saved without them reads with their defaults, keeps its own figures, and compares with a newer one on what changed only", () => {
    const older = Object.fromEntries(Object.entries(DEFAULT_ASSUMPTIONS.values).filter(([k]) => k !== "ftExamplesNeeded" && k !== "promptUpkeepHoursPerMonth"));
    const stored = JSON.parse(JSON.stringify({ ...DEFAULT_ASSUMPTIONS, values: { ...older, maintenanceHoursPerWeek: fixed(6) } }));
    const set = readAssumptionSet(stored);
    expect(set.values.ftExamplesNeeded).toEqual({ low: 500, base: 1000, high: 3000 });
    expect(set.values.promptUpkeepHoursPerMonth).toEqual({ low: 1, base: 2, high: 4 });
    expect(set.values.maintenanceHoursPerWeek).toEqual(fixed(6));
    const newer = { ...set, values: { ...set.values, promptUpkeepHoursPerMonth: fixed(1) } };
    expect(changedAssumptions(set, newer)).toEqual(["promptUpkeepHoursPerMonth"]);
  });
});
