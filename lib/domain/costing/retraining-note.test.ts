import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { projectCosts, type ProjectionInput } from "./project";
import { retrainingNote, type RetrainingNoteInput } from "./retraining-note";

const ORG_LAG = { lagDays: { low: 14, base: 21, high: 28 }, lagFrom: "organization" as const };
const fixed = (n: number) => ({ low: n, base: n, high: n });

describe("where the stale days and retraining cycles come from, with the figures", () => {
  it("says in one sentence the change frequency, the cadence, the lag of one retraining and its value, the longest wait against the lag accepted, and the stale days", () => {
    expect(
      retrainingNote({ changeFrequency: "daily", shown: ["RAG", "FINE_TUNING", "HYBRID"], fineTuning: { cycles: 17, staleDays: fixed(365), worstDelayDays: 43 }, maxLagDays: 30, lag: ORG_LAG }),
    ).toBe(
      "The knowledge changes daily (the assessment's answer: about 365 changes a year); fine-tuning retrains 17 times a year (about every 21 days), " +
        "each retraining taking 21 days (low 14 days, high 28 days; the organization's assumption “Lag of one retraining cycle”), " +
        "which leaves answers up to 43 days behind against the 30 days this use case accepts: 365 stale days a year. " +
        "It retrains once per change, batched where the acceptable lag allows, and no more often than one retraining's lag lets cycles follow each other; " +
        "its stale days are the days a year it answers from a change not yet trained in, with the lag at its low, base and high. " +
        "Each retraining is priced as a whole cycle, the assumption “Retraining per significant change” (000: “Each iteration adds $10,000 to $30,000”): " +
        "refreshing the data, training, evaluating and deploying; the first training's line is its compute alone. " +
        "A hybrid retrains at most once a year, for its behaviour; its facts come from retrieval, so it is never stale.",
    );
    expect(
      retrainingNote({ changeFrequency: "annually", shown: ["FINE_TUNING"], fineTuning: { cycles: 1, staleDays: { low: 14, base: 21, high: 28 }, worstDelayDays: 21 }, maxLagDays: null, lag: { lagDays: fixed(21), lagFrom: "default" } }),
    ).toMatch(
      /^The knowledge changes annually \(the assessment's answer: about 1 change a year\); fine-tuning retrains once a year, each retraining taking 21 days \(the built-in figure, as the organization's assumptions give no “Lag of one retraining cycle”\), which leaves answers up to 21 days behind \(the use case gives no acceptable lag\): 21 stale days a year \(low 14, high 28\)\. /,
    );
  });

  it("names the use case's own retraining lag, as the projection used it, in place of the organization's", () => {
    // Weekly changes, 14 days accepted, the use case's own retraining lag of 3–10 days (5 base).
    const input: ProjectionInput = {
      assessment: { monthlyCalls: 1000, changeFrequency: "weekly", maxLagDays: 14 },
      horizonYears: 1,
      startYear: 2027,
      assumptions: DEFAULT_ASSUMPTIONS,
      overrides: { retrainLagDays: { low: 3, base: 5, high: 10 } },
    };
    const p = projectCosts(input);
    expect(p.retraining).toEqual({ changeFrequency: "weekly", lagDays: { low: 3, base: 5, high: 10 }, lagFrom: "use case" });
    const ft = p.approaches.FINE_TUNING!;
    const note: RetrainingNoteInput = {
      changeFrequency: p.retraining!.changeFrequency!,
      shown: ["FINE_TUNING"],
      fineTuning: { cycles: ft.retrainingCyclesPerYear, staleDays: ft.staleDaysPerYear, worstDelayDays: ft.worstDelayDays },
      maxLagDays: p.maxLagDays,
      lag: p.retraining,
    };
    expect(retrainingNote(note)).toContain(
      "The knowledge changes weekly (the assessment's answer: about 52 changes a year); fine-tuning retrains 41 times a year (about every 9 days), " +
        "each retraining taking 5 days (low 3 days, high 10 days; this use case's own figure for “Lag of one retraining cycle”, in place of the organization's), " +
        "which leaves answers up to 14 days behind against the 14 days this use case accepts: 282 stale days a year (low 200, high 365).",
    );
    // Without the use case's own figure, the organization's: its 14 / 21 / 28 days.
    const org = projectCosts({ ...input, overrides: undefined });
    expect(org.retraining).toEqual({ changeFrequency: "weekly", ...ORG_LAG });
  });

  it("names the lag assumption without a value for a projection stored before the figures were kept", () => {
    expect(retrainingNote({ changeFrequency: "weekly", shown: ["FINE_TUNING"], fineTuning: { cycles: 52, staleDays: fixed(365), worstDelayDays: 21 }, maxLagDays: 7, lag: null })).toMatch(
      /^The knowledge changes weekly \(the assessment's answer: about 52 changes a year\); fine-tuning retrains 52 times a year \(about every 7 days\), each retraining taking the time the assumption “Lag of one retraining cycle” gives, which leaves answers up to 21 days behind against the 7 days this use case accepts: 365 stale days a year\. /,
    );
  });

  it("says static knowledge is never retrained, and says nothing where nothing retrains or the frequency is unanswered", () => {
    const none = { fineTuning: null, maxLagDays: null, lag: null };
    expect(retrainingNote({ changeFrequency: "static", shown: ["FINE_TUNING"], ...none, fineTuning: { cycles: 0, staleDays: fixed(0) } })).toBe(
      "The knowledge never changes (the assessment's answer), so nothing is retrained for it and nothing goes stale.",
    );
    expect(retrainingNote({ changeFrequency: "daily", shown: ["RAG", "PROMPTING"], ...none })).toBeNull();
    expect(retrainingNote({ shown: ["FINE_TUNING"], ...none, fineTuning: { cycles: 0, staleDays: fixed(0) } })).toBeNull();
    expect(retrainingNote({ changeFrequency: "daily", shown: ["RAG", "HYBRID"], ...none })).toBe(
      "The knowledge changes daily (the assessment's answer: about 365 changes a year). A hybrid retrains at most once a year, for its behaviour; its facts come from retrieval, so it is never stale.",
    );
  });
});
