import { afterEach, describe, expect, it } from "vitest";
import { numberSetting } from "@/lib/server/env-number";

const NAME = "TRADEOFF_TEST_NUMBER_SETTING";
afterEach(() => {
  delete process.env[NAME];
});

describe("a numeric setting from the environment (pool sizes, the replica's wait)", () => {
  it("takes its value when it is a whole number at or above the minimum, spaces around it ignored", () => {
    process.env[NAME] = " 7 ";
    expect(numberSetting(NAME, 10, 1)).toBe(7);
    process.env[NAME] = "1";
    expect(numberSetting(NAME, 10, 1)).toBe(1);
    process.env[NAME] = "0";
    expect(numberSetting(NAME, 1000, 0)).toBe(0);
  });

  it.each([
    ["unset", undefined],
    ["empty, as a line copied from .env.example", ""],
    ["blank", "   "],
    ["not a number", "ten"],
    ["a fraction", "2.5"],
    ["below the minimum", "0"],
    ["negative", "-3"],
    ["infinite", "Infinity"],
  ])("falls back to its default when %s", (_case, raw) => {
    if (raw !== undefined) process.env[NAME] = raw;
    expect(numberSetting(NAME, 10, 1)).toBe(10);
  });
});
