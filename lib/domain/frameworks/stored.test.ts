import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { WORKED_CASES } from "../../../tests/helpers/worked-cases";
import { assessmentSchema } from "../assessment";
import { scoreUseCase } from "./score";
import { expandScore, storedScore, type StoredFrameworkResult, type StoredScore } from "./stored";

/** Through the database: JSON text and back. */
const throughJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe("a score as stored", () => {
  it("names the rules that fired by id only, and is shown with exactly the traces it was scored with, for every worked case", () => {
    expect(WORKED_CASES.length).toBeGreaterThan(10);
    for (const c of WORKED_CASES) {
      const score = scoreUseCase(assessmentSchema.parse(c.answers), { chosenApproach: c.chosen ?? null });
      const stored = throughJson(storedScore(score));
      expect(JSON.stringify(stored)).not.toContain('"trace"');
      for (const [i, fw] of stored.frameworks.entries()) expect("fired" in fw && fw.fired).toEqual(score.frameworks[i]!.trace.map((t) => t.ruleId));
      expect(expandScore(stored)).toEqual(throughJson(score));
    }
  });

  it("round-trips any generated assessment, with no rule's words stored", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const score = scoreUseCase(a, { skipSensitivity: true });
        const stored = throughJson(storedScore(score));
        expect(expandScore(stored)).toEqual(throughJson(score));
        const texts = score.frameworks.flatMap((f) => f.trace.map((t) => t.text));
        const json = JSON.stringify(stored);
        expect(texts.filter((t) => json.includes(JSON.stringify(t)))).toEqual([]);
      }),
      { numRuns: 200, seed: 22 },
    );
  });

  it("reads a score stored with its full traces (before this form) as it is", () => {
    const score = throughJson(scoreUseCase(assessmentSchema.parse(WORKED_CASES[0]!.answers)));
    expect(expandScore(score as unknown as StoredScore)).toEqual(score);
  });

  it("says plainly when a rule is not in the frameworks this version runs, rather than inventing its words", () => {
    const stored = throughJson(storedScore(scoreUseCase(assessmentSchema.parse(WORKED_CASES[0]!.answers))));
    const fw = stored.frameworks.find((f) => "fired" in f && f.fired.length > 0)!;
    const old = { ...fw, version: "0.9.0", fired: ["retired-rule"] };
    const shown = expandScore({ ...stored, frameworks: [old] });
    expect(shown.frameworks[0]!.trace).toEqual([
      { ruleId: "retired-rule", text: expect.stringMatching(/^Rule “retired-rule” of .+ version 0\.9\.0, which this version of Tradeoff no longer holds: re-score/), cite: { file: fw.source, quote: "" }, effects: {} },
    ]);
  });
  it("never lends a rule of today's version to a score of another: the same id under an older version is named as retired", () => {
    const stored = throughJson(storedScore(scoreUseCase(assessmentSchema.parse(WORKED_CASES[0]!.answers))));
    const fw = stored.frameworks.find((f) => "fired" in f && f.fired.length > 0)! as StoredFrameworkResult;
    const shown = expandScore({ ...stored, frameworks: [{ ...fw, version: "0.9.0" }] });
    expect(shown.frameworks[0]!.trace.map((t) => t.text)).toEqual(fw.fired.map((id) => expect.stringMatching(new RegExp(`^Rule “${id}” of .+ version 0\\.9\\.0, which this version`))));
  });

  it("a framework this version does not know at all is named the same way", () => {
    const stored = throughJson(storedScore(scoreUseCase(assessmentSchema.parse(WORKED_CASES[0]!.answers))));
    const fw = stored.frameworks.find((f) => "fired" in f && f.fired.length > 0)! as StoredFrameworkResult;
    const shown = expandScore({ ...stored, frameworks: [{ ...fw, frameworkId: "retired-framework" }] });
    expect(shown.frameworks[0]!.trace[0]!.text).toMatch(/which this version of Tradeoff no longer holds/);
  });

  it("a stored result with no list of fired rules shows no trace; one whose trace is not a list is read from its fired rules", () => {
    const stored = throughJson(storedScore(scoreUseCase(assessmentSchema.parse(WORKED_CASES[0]!.answers))));
    const fw = stored.frameworks.find((f) => "fired" in f && f.fired.length > 0)! as StoredFrameworkResult;
    const { fired: _f, ...noFired } = fw;
    expect(expandScore({ ...stored, frameworks: [noFired as StoredFrameworkResult] }).frameworks[0]!.trace).toEqual([]);
    const odd = { ...fw, trace: null } as unknown as StoredFrameworkResult;
    expect(expandScore({ ...stored, frameworks: [odd] }).frameworks[0]!.trace.map((t) => t.ruleId)).toEqual(fw.fired);
  });
});
