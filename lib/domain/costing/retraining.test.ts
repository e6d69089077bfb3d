import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { DEFAULT_RETRAIN_LAG_DAYS, retrainingCyclesPerYear, retrainingMeetsLag, staleDaysPerYear, upToDays, worstDelayDays } from "./retraining";

/**
 * The time arithmetic of retraining, worked by hand (000: "Each iteration adds $10,000 to $30,000
 * and two to four weeks of lag time"). A year is 365 days; knowledge changes at even intervals.
 */
describe("retraining cycles a year", () => {
  it("none when the knowledge never changes or nobody said how often", () => {
    expect(retrainingCyclesPerYear(undefined, 30, 21)).toBe(0);
    expect(retrainingCyclesPerYear("static", 30, 21)).toBe(0);
  });
  it("one per change when the lag allows it: 4 quarterly changes, 12 monthly", () => {
    expect(retrainingCyclesPerYear("quarterly", undefined, 21)).toBe(4);
    expect(retrainingCyclesPerYear("monthly", undefined, 21)).toBe(12);
  });
  it("never more than fit back to back: weekly changes with a 21-day retraining fit 17 a year (365 ÷ 21, rounded down)", () => {
    expect(retrainingCyclesPerYear("weekly", undefined, 21)).toBe(17);
    expect(retrainingCyclesPerYear("daily", undefined, 28)).toBe(13);
  });
  it("batched when the acceptable lag leaves room: a change may wait 100 − 10 days, so ⌈365 ÷ 90⌉ = 5 cycles cover weekly changes", () => {
    expect(retrainingCyclesPerYear("weekly", 100, 10)).toBe(5);
    // A lag shorter than the retraining itself leaves no room to batch: as many as fit.
    expect(retrainingCyclesPerYear("weekly", 7, 21)).toBe(17);
    // Exactly as long: no room either.
    expect(retrainingCyclesPerYear("weekly", 21, 21)).toBe(17);
  });
  it("a retraining longer than a year still happens once a year; an instant one on every change", () => {
    expect(retrainingCyclesPerYear("monthly", undefined, 400)).toBe(1);
    expect(retrainingCyclesPerYear("monthly", undefined, 0)).toBe(12);
  });
});

describe("stale days a year", () => {
  it("none for knowledge that never changes or is not described", () => {
    expect(staleDaysPerYear(undefined, 4, 21)).toBe(0);
    expect(staleDaysPerYear("static", 0, 21)).toBe(0);
  });
  it("all year when changing knowledge is never retrained", () => {
    expect(staleDaysPerYear("monthly", 0, 21)).toBe(365);
  });
  it("each change waits for its retraining: 4 quarterly changes × 21 days = 84", () => {
    expect(staleDaysPerYear("quarterly", 4, 21)).toBe(84);
  });
  it("batched changes wait for their batch too: 12 monthly changes in 4 batches, 14 days each, 365 − 4 × (30.4 − 14) = 299", () => {
    expect(staleDaysPerYear("monthly", 4, 14)).toBe(299);
  });
  it("more cycles than changes count as one per change", () => {
    expect(staleDaysPerYear("quarterly", 12, 21)).toBe(84);
  });
  it("never more than the year, never less than none", () => {
    expect(staleDaysPerYear("weekly", 17, 21)).toBe(365);
    expect(staleDaysPerYear("quarterly", 4, 0)).toBe(0);
  });
});

describe("stale days with 000's two-week retraining lag", () => {
  it("retraining on every quarterly change leaves 4 × lag stale days", () => {
    expect(staleDaysPerYear("quarterly", 4, 14)).toBe(56);
  });
  it("weekly changes with a two-week retraining lag leave the model stale all year", () => {
    expect(staleDaysPerYear("weekly", 26, 14)).toBe(365);
  });
  it("static knowledge is never stale", () => {
    expect(staleDaysPerYear("static", 0, 14)).toBe(0);
  });
});

describe("the longest a change waits", () => {
  it("not at all for knowledge that never changes or is not described; forever when changing knowledge is never retrained", () => {
    expect(worstDelayDays(undefined, 4, 21)).toBe(0);
    expect(worstDelayDays("static", 0, 21)).toBe(0);
    expect(worstDelayDays("monthly", 0, 21)).toBe(Number.POSITIVE_INFINITY);
  });
  it("only the retraining's lag when every change gets its own cycle", () => {
    expect(worstDelayDays("monthly", 12, 14)).toBe(14);
    expect(worstDelayDays("monthly", 13, 14)).toBe(14);
  });
  it("a whole interval between batches plus the lag otherwise: 365 ÷ 4 + 14 = 105.25", () => {
    expect(worstDelayDays("monthly", 4, 14)).toBe(105.25);
    expect(worstDelayDays("monthly", 11, 0)).toBeCloseTo(33.18, 2);
  });
});

describe("a wait said as \"up to N days\"", () => {
  it("is rounded up, so a wait just over a lag never reads as the lag itself: 365 ÷ 17 + 21 = 42.47 is 43", () => {
    expect(upToDays(worstDelayDays("weekly", 17, 21))).toBe(43);
    expect(upToDays(42)).toBe(42);
    expect(upToDays(0)).toBe(0);
  });
  it("is over the lag exactly where the wait is", () => {
    for (const lag of [0, 1, 7, 14, 21, 28, 30.5]) {
      for (let cycles = 1; cycles <= 400; cycles++) {
        for (let maxLag = 0; maxLag <= 200; maxLag += 7) {
          const wait = worstDelayDays("daily", cycles, lag);
          expect(upToDays(wait) > maxLag, `${cycles} cycles, ${lag}-day retraining, ${maxLag}-day lag`).toBe(wait > maxLag);
        }
      }
    }
  });
});

describe("whether retraining keeps within the acceptable lag", () => {
  it("unknown, not failed, without the change frequency or the acceptable lag", () => {
    expect(retrainingMeetsLag(undefined, 30, 4, 21)).toBeNull();
    expect(retrainingMeetsLag("monthly", undefined, 12, 21)).toBeNull();
  });
  it("meets it when the longest wait is within it, to the day", () => {
    expect(retrainingMeetsLag("monthly", 21, 12, 21)).toBe(true);
    expect(retrainingMeetsLag("monthly", 20, 12, 21)).toBe(false);
    expect(retrainingMeetsLag("static", 0, 0, 21)).toBe(true);
  });
});

describe("the retraining lag when none is set", () => {
  it("is the default assumptions' base figure, so the cost panel and the risk flags fall back to the same lag", () => {
    expect(DEFAULT_RETRAIN_LAG_DAYS).toBe(DEFAULT_ASSUMPTIONS.values.retrainLagDays.base);
  });
});
