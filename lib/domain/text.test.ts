import { describe, expect, it } from "vitest";
import { isStorableText, unstorableTextPaths, withoutUnstorable } from "./text";

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

describe("cleaning and walking text", () => {
  it("drops every unstorable character from a search term, not only the first", () => {
    expect(withoutUnstorable("a\u0000b\u0000c\uD800d")).toBe("abcd");
  });
  it("walks exactly maxDepth levels deep", () => {
    const nested = (depth: number): unknown => (depth === 0 ? "bad\u0000" : { k: nested(depth - 1) });
    // The string sits `depth` objects down; the walk reads values up to maxDepth levels below the top.
    expect(unstorableTextPaths(nested(2), 2)).toEqual([["k", "k"]]);
    expect(unstorableTextPaths(nested(3), 2)).toEqual([]);
    expect(unstorableTextPaths([["bad\u0000"]], 2)).toEqual([[0, 0]]);
    expect(unstorableTextPaths([[["bad\u0000"]]], 2)).toEqual([]);
    expect(unstorableTextPaths(nested(32))).toHaveLength(1);
  });
  it("reads objects made without a prototype, skips class instances and plain values", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.x = "bad\u0000";
    expect(unstorableTextPaths({ bare })).toEqual([["bare", "x"]]);
    expect(unstorableTextPaths({ when: new Date(0), n: 5, nothing: null, yes: true })).toEqual([]);
    class Box {
      v = "bad\u0000";
    }
    expect(unstorableTextPaths({ box: new Box() })).toEqual([]);
  });
});
