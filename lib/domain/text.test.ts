import { describe, expect, it } from "vitest";
import { isStorableText, unstorableTextPaths } from "./text";

describe("text the database can store", () => {
  it.each([
    ["plain", true],
    ["", true],
    ["emoji 👩‍👩‍👧 and RTL \u202Eabc", true],
    ["zero-width \u200B\u200D\uFEFF", true],
    ["a\u0000b", false],
    ["lone high \uD800", false],
    ["lone low \uDC00 here", false],
    ["reversed pair \uDC00\uD800", false],
    ["a pair \uD83D\uDE00", true],
  ])("%j → %s", (s, ok) => {
    expect(isStorableText(s)).toBe(ok);
  });

  it("finds unstorable values and keys by path, in objects and arrays", () => {
    const input = JSON.parse('{"title":"ok","tags":["fine","bad\\u0000"],"nested":{"x\\ud800":1,"__proto__":"\\udfff"}}');
    expect(unstorableTextPaths(input)).toEqual([["tags", 1], ["nested", "x\uD800"], ["nested", "__proto__"]]);
    expect(unstorableTextPaths("\u0000")).toEqual([[]]);
    expect(unstorableTextPaths(new Map([["a", "\u0000"]]))).toEqual([]);
  });
});
