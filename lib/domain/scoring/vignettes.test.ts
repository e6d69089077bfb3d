/**
 * The shared acceptance cases, read when the test runs: a case added to vignettes.json is tested
 * with no code change.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APPROACHES, assessmentSchema, type Approach } from "../assessment";
import { scoreUseCase } from "./index";
import { vignettesPath } from "./test-support";

interface Vignette {
  id: string;
  source?: string;
  chosen?: string;
  answers: Record<string, unknown>;
  expect: { consensus?: string; consensusNot?: string; flags?: string[] };
}

const file = JSON.parse(readFileSync(vignettesPath, "utf8")) as { cases: Vignette[] };
const FLAG_CODES = ["FT_ON_FAST_CHANGING_KNOWLEDGE", "FT_WITHOUT_ENOUGH_LABELED_DATA", "NO_EVALUATION_SET", "CHOSEN_DIFFERS_FROM_CONSENSUS", "STALENESS_EXCEEDS_ACCEPTABLE_LAG"];

const isApproach = (v: unknown): v is Approach => typeof v === "string" && (APPROACHES as readonly string[]).includes(v);

describe("acceptance vignettes", () => {
  it("has cases to run", () => {
    expect(file.cases.length).toBeGreaterThanOrEqual(13);
  });

  describe.each(file.cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    // Field names map one-to-one onto the assessment; a renamed or unknown answer fails here.
    const parsed = assessmentSchema.safeParse(c.answers);
    const chosen = c.chosen === undefined ? null : c.chosen;

    it("uses only known answers and approaches", () => {
      expect(parsed.error?.issues ?? []).toEqual([]);
      if (chosen !== null) expect(isApproach(chosen)).toBe(true);
      for (const a of [c.expect.consensus, c.expect.consensusNot]) if (a !== undefined) expect(isApproach(a)).toBe(true);
      for (const f of c.expect.flags ?? []) expect(FLAG_CODES).toContain(f);
    });

    const result = scoreUseCase(parsed.data ?? {}, { chosenApproach: isApproach(chosen) ? chosen : null });

    if (c.expect.consensus !== undefined) {
      it(`reaches consensus ${c.expect.consensus}`, () => {
        expect(result.consensus).toBe(c.expect.consensus);
      });
    }
    if (c.expect.consensusNot !== undefined) {
      it(`does not reach consensus ${c.expect.consensusNot}`, () => {
        expect(result.consensus).not.toBe(c.expect.consensusNot);
        expect(result.consensus).not.toBeNull();
      });
    }
    if (c.expect.flags?.length) {
      it(`raises ${c.expect.flags.join(", ")}`, () => {
        const raised = result.flags.map((f) => f.code);
        for (const code of c.expect.flags ?? []) expect(raised).toContain(code);
      });
    }
    it("explains itself: every voter has a cited trace, agreement within voters", () => {
      expect(result.agreement.votes).toBeLessThanOrEqual(result.agreement.voters);
      expect(result.agreement.voters).toBeGreaterThan(0);
      for (const f of result.frameworks) if (!f.abstained) expect(f.trace.length).toBeGreaterThan(0);
    });
  });
});
