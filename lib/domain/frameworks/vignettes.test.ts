/**
 * Every worked case in ../shared/acceptance/vignettes.json and vignettes-v2.json (or their copies
 * in docs/sources) must hold. The files are read at test time, so a case added there is tested
 * with no code change.
 */
import { describe, expect, it } from "vitest";
import { WORKED_CASE_FILES as FILES, WORKED_CASES } from "../../../tests/helpers/worked-cases";
import { assessmentSchema } from "../assessment";
import { scoreUseCase } from "./score";

describe("acceptance vignettes", () => {
  it("has cases from both files", () => {
    for (const file of FILES) expect(WORKED_CASES.filter((c) => c.file === file).length).toBeGreaterThan(0);
  });
  it.each(WORKED_CASES.map((c) => [`${c.file}: ${c.id}`, c] as const))("%s", (_id, c) => {
    // The answer names map one-to-one onto the assessment's fields; the schema proves it.
    const assessment = assessmentSchema.parse(c.answers);
    const score = scoreUseCase(assessment, { chosenApproach: c.chosen ?? null });
    // `consensus: null` means no recommendation at all; a missing key means "not checked".
    if ("consensus" in c.expect) expect(score.consensus).toBe(c.expect.consensus);
    for (const not of [c.expect.consensusNot ?? []].flat()) expect(score.consensus).not.toBe(not);
    if (c.expect.evidence) expect(score.evidence).toBe(c.expect.evidence);
    const raised = score.flags.map((f) => f.code);
    for (const flag of c.expect.flags ?? []) expect(raised).toContain(flag);
  });
});
