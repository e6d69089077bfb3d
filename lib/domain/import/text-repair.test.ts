import { describe, expect, it } from "vitest";
import { faultExcerpt, repairText, showControls, textFault } from "./text-repair";

describe("garbled text in cells", () => {
  it.each([
    ["FBIâ€™s model", "FBI’s model", "mojibake"],
    ["cafÃ© and naÃ¯ve rÃ©sumÃ©", "café and naïve résumé", "mojibake"],
    ["â€œquotedâ€\u009d â€“ dash", "“quoted” – dash", "mojibake"],
    ["the agency\u0092s tool", "the agency’s tool", "control"],
    ["\u0093smart\u0094 quotes", "“smart” quotes", "control"],
  ] as const)("%s → %s", (raw, repaired, kind) => {
    expect(textFault(raw)).toEqual({ kind, repaired });
    expect(repairText(raw)).toBe(repaired);
  });

  it.each(["Plain text", "Résumé – München", "FBI’s model", "Ã alone", "São Paulo", "100 °C", "日本語"])("leaves “%s” alone", (s) => {
    expect(textFault(s)).toBeNull();
    expect(repairText(s)).toBe(s);
  });
});

describe("garbled text at the edges", () => {
  it.each([
    ["Ã©", "é"], // a cell that is nothing but the garbled character
    ["à¤…", "अ"], // a three-byte character whose lead byte is the first of its kind (0xE0)
    ["smile ðŸ˜€", "smile 😀"], // four bytes (0xF0 lead)
    ["Ã¢â‚¬â„¢", "’"], // garbled twice over
    ["Ã©€5", "é€5"], // a run longer than its character: the rest is kept as it is
  ] as const)("repairs “%s” to “%s”", (raw, repaired) => {
    expect(repairText(raw)).toBe(repaired);
    expect(textFault(raw)).toEqual({ kind: "mojibake", repaired });
  });
  it("leaves a cut sequence alone, and reads a C1 character inside a would-be run as the character it stands for", () => {
    expect(textFault("â€ alone")).toBeNull();
    expect(textFault("Ã\u0092s")).toEqual({ kind: "control", repaired: "Ã’s" });
    // A C1 character no Windows-1252 character stands for is dropped.
    expect(repairText("a\u0081b")).toBe("ab");
  });
});

describe("how a repair is shown", () => {
  it("an excerpt around the first difference, cut with ellipses on the sides that go on", () => {
    expect(faultExcerpt("FBIâ€™s", "FBI’s")).toEqual({ before: "FBIâ€™s", after: "FBI’s" });
    const before = `${"a".repeat(30)}â€™${"b".repeat(30)}`;
    const after = `${"a".repeat(30)}’${"b".repeat(30)}`;
    expect(faultExcerpt(before, after)).toEqual({ before: `…${"a".repeat(12)}â€™${"b".repeat(9)}…`, after: `…${"a".repeat(12)}’${"b".repeat(11)}…` });
    expect(faultExcerpt("abcdef", "abcxef", 4)).toEqual({ before: "…bcde…", after: "…bcxe…" });
  });
  it("an invisible control character by its code point", () => {
    expect(showControls("agency\u0092s \u0081")).toBe("agency[U+0092]s [U+0081]");
  });
});
