/**
 * Every worked case in ../shared/acceptance/vignettes.json (or its copy in docs/sources) must hold. The file is read at test
 * time, so a case added there is tested with no code change.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sourcePath } from "../../../tests/helpers/source-files";
import { assessmentSchema, type Approach } from "../assessment";
import { scoreUseCase } from "./score";

interface Vignette {
  id: string;
  chosen?: Approach;
  answers: Record<string, unknown>;
  expect: { consensus?: Approach; consensusNot?: Approach; flags?: string[] };
}

const file = sourcePath("acceptance", "vignettes.json");
const { cases } = JSON.parse(readFileSync(file, "utf8")) as { cases: Vignette[] };

describe("acceptance vignettes", () => {
  it("has cases to check", () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    // The answer names map one-to-one onto the assessment's fields; the schema proves it.
    const assessment = assessmentSchema.parse(c.answers);
    const score = scoreUseCase(assessment, { chosenApproach: c.chosen ?? null });
    if (c.expect.consensus) expect(score.consensus).toBe(c.expect.consensus);
    if (c.expect.consensusNot) expect(score.consensus).not.toBe(c.expect.consensusNot);
    const raised = score.flags.map((f) => f.code);
    for (const flag of c.expect.flags ?? []) expect(raised).toContain(flag);
  });
});
