import { describe, expect, it } from "vitest";
import { repairText, textFault } from "./text-repair";

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
