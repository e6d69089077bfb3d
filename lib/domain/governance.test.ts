import { describe, expect, it } from "vitest";
import {
  additionalFieldsSchema,
  additionalText,
  GOVERNANCE_KEYS,
  GOVERNANCE_LABELS,
  GOVERNANCE_OPTIONS,
  governanceShape,
  governanceValueLabel,
} from "./governance";
import { z } from "./zod";

const governance = z.object(governanceShape);
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.error?.issues ?? []).map((i) => i.message);

describe("governance fields as people read them", () => {
  it("each field has the name its document gives it", () => {
    expect(GOVERNANCE_KEYS.map((k) => GOVERNANCE_LABELS[k])).toEqual([
      "High-impact (OMB M-25-21)",
      "Personal data involved",
      "In-house or bought",
      "Vendor",
      "Stage",
      "Topic area",
      "EU AI Act risk tier",
    ]);
    expect(GOVERNANCE_LABELS.additionalFields).toBe("Additional fields");
  });

  it("each value in the words of OMB M-25-21 and the EU AI Act, in the documents' order", () => {
    const read = Object.fromEntries(Object.entries(GOVERNANCE_OPTIONS).map(([k, opts]) => [k, opts.map((o) => `${o.value}=${o.label}`)]));
    expect(read).toEqual({
      highImpact: ["HIGH_IMPACT=High-impact", "PRESUMED_NOT_HIGH_IMPACT=Presumed high-impact, determined not", "NOT_HIGH_IMPACT=Not high-impact"],
      sourcing: ["IN_HOUSE=Developed in-house", "BOUGHT=Bought / contracted", "BOTH=Both"],
      stage: ["PRE_DEPLOYMENT=Pre-deployment", "PILOT=Pilot", "DEPLOYED=Deployed", "RETIRED=Retired"],
      euRiskTier: ["PROHIBITED=Prohibited", "HIGH=High risk", "LIMITED=Limited (transparency)", "MINIMAL=Minimal"],
    });
  });

  it("a value shows its label; not recorded shows a dash, never a made-up no", () => {
    expect(governanceValueLabel("highImpact", "PRESUMED_NOT_HIGH_IMPACT")).toBe("Presumed high-impact, determined not");
    expect(governanceValueLabel("sourcing", "BOUGHT")).toBe("Bought / contracted");
    expect(governanceValueLabel("stage", "PILOT")).toBe("Pilot");
    expect(governanceValueLabel("euRiskTier", "LIMITED")).toBe("Limited (transparency)");
    expect(governanceValueLabel("personalData", true)).toBe("Yes");
    expect(governanceValueLabel("personalData", false)).toBe("No");
    expect(governanceValueLabel("vendor", "Acme AI")).toBe("Acme AI");
    expect(governanceValueLabel("topicArea", "Health")).toBe("Health");
    for (const empty of [null, undefined, ""]) {
      for (const k of GOVERNANCE_KEYS) expect(governanceValueLabel(k, empty), `${k}: ${String(empty)}`).toBe("—");
    }
    // A stored value this version does not know (written by a later one) is shown as it is.
    expect(governanceValueLabel("stage", "SUNSET")).toBe("SUNSET");
    expect(governanceValueLabel("highImpact", "MAYBE")).toBe("MAYBE");
    expect(governanceValueLabel("sourcing", "LEASED")).toBe("LEASED");
    expect(governanceValueLabel("euRiskTier", "UNACCEPTABLE")).toBe("UNACCEPTABLE");
  });

  it("the additional fields as searchable lines of name and value", () => {
    expect(additionalText({ "Agency": "Treasury", "Use case ID": "TREAS-42" })).toBe("Agency: Treasury\nUse case ID: TREAS-42");
    expect(additionalText({})).toBe("");
  });
});

describe("what a save or an import refuses", () => {
  it("fields left out are not recorded: null, an empty text, no additional fields", () => {
    expect(governance.parse({})).toEqual({ highImpact: null, personalData: null, sourcing: null, vendor: "", stage: null, topicArea: "", euRiskTier: null, additionalFields: {} });
  });
  it("texts are trimmed and held to their lengths, with the field named in the message", () => {
    expect(governance.parse({ vendor: "  Acme  " }).vendor).toBe("Acme");
    expect(governance.safeParse({ vendor: "v".repeat(200) }).success).toBe(true);
    expect(messages(governance.safeParse({ vendor: "v".repeat(201) }))).toEqual(["Vendor must be at most 200 characters"]);
    expect(governance.safeParse({ topicArea: "t".repeat(120) }).success).toBe(true);
    expect(messages(governance.safeParse({ topicArea: "t".repeat(121) }))).toEqual(["Topic area must be at most 120 characters"]);
    expect(messages(governance.safeParse({ vendor: "Ac\u0000me" }))).toEqual(["Contains a character that cannot be stored (a NUL character or half of an emoji); remove it."]);
  });
  it("an unknown value of a listed field is refused", () => {
    expect(governance.safeParse({ stage: "SUNSET" }).success).toBe(false);
    expect(governance.safeParse({ euRiskTier: "high" }).success).toBe(false);
    expect(governance.safeParse({ personalData: "yes" }).success).toBe(false);
  });
  it("additional fields: at most 150, each named, names up to 200 characters and values up to 5,000", () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Field ${i}`, "x"]));
    expect(additionalFieldsSchema.safeParse(many(150)).success).toBe(true);
    expect(messages(additionalFieldsSchema.safeParse(many(151)))).toEqual(["At most 150 additional fields"]);
    expect(additionalFieldsSchema.safeParse({ "   ": "x" }).success).toBe(false);
    // (The import cuts a column's name to 200 characters before this; only a crafted request gets here.)
    expect(additionalFieldsSchema.safeParse({ ["n".repeat(201)]: "x" }).success).toBe(false);
    expect(additionalFieldsSchema.safeParse({ ["n".repeat(200)]: "v".repeat(5000) }).success).toBe(true);
    expect(messages(additionalFieldsSchema.safeParse({ Notes: "v".repeat(5001) }))).toEqual(["An additional field must be at most 5000 characters"]);
    expect(additionalFieldsSchema.parse({ "  Agency ": "  Treasury " })).toEqual({ Agency: "Treasury" });
  });
});

describe("an additional field's name", () => {
  it("is refused when too long, with the limit in the message", () => {
    const r = additionalFieldsSchema.safeParse({ ["n".repeat(201)]: "v" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["A field's name must be at most 200 characters"]);
    expect(additionalFieldsSchema.safeParse({ ["n".repeat(200)]: "v" }).success).toBe(true);
  });
});
describe("an additional field without a name", () => {
  it("is refused, saying so", () => {
    const r = additionalFieldsSchema.safeParse({ "  ": "v" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["A field needs a name"]);
  });
});
