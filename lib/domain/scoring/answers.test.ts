import { describe, expect, it } from "vitest";
import { ANSWER_KEYS, assessmentSchema } from "../assessment";
import { ANSWER_KINDS, cleanAssessment, formatAnswerValue, isValidAnswer } from "./answers";

describe("answer kinds", () => {
  it("agree with the assessment schema for every answer", () => {
    for (const key of ANSWER_KEYS) {
      const kind = ANSWER_KINDS[key];
      const field = assessmentSchema.shape[key];
      if (kind.kind === "boolean") expect(field.safeParse(true).success, key).toBe(true);
      else if (kind.kind === "number") expect(field.safeParse(1).success, key).toBe(true);
      else for (const v of kind.values) expect(field.safeParse(v).success, `${key}=${v}`).toBe(true);
      expect(field.safeParse("not-a-value").success, key).toBe(false);
    }
  });
});

describe("cleaning the input", () => {
  it("keeps well-formed answers", () => {
    const a = { changeFrequency: "weekly", labeledExamples: 40, needsCitations: false } as const;
    expect(cleanAssessment(a)).toEqual(a);
  });

  it("drops wrong kinds, unknown keys and non-finite numbers", () => {
    expect(
      cleanAssessment({ changeFrequency: "hourly", labeledExamples: Number.NaN, maxLagDays: Infinity, needsCitations: "yes", surprise: 1, coreNeed: null }),
    ).toEqual({});
    expect(isValidAnswer("coreNeed", "both")).toBe(true);
    expect(isValidAnswer("coreNeed", true)).toBe(false);
  });

  it("turns anything that is not an object into an empty assessment", () => {
    for (const v of [null, undefined, 42, "x", [1, 2], true]) expect(cleanAssessment(v)).toEqual({});
  });
});

describe("formatting values", () => {
  it("uses plain words", () => {
    expect(formatAnswerValue(true)).toBe("yes");
    expect(formatAnswerValue(false)).toBe("no");
    expect(formatAnswerValue(10000)).toBe("10,000");
    expect(formatAnswerValue("realtime")).toBe("real time");
    expect(formatAnswerValue("weekly")).toBe("weekly");
  });
});
