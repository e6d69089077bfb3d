import { describe, expect, it } from "vitest";
import { IMPORT_FIELDS, type ImportFieldKey } from "./fields";
import { suggestValue } from "./values";

/**
 * How public AI inventories write their choices, and what each is stored as: the import's contract
 * with the files people bring (OMB M-25-21 inventories, EU AI Act registers, spreadsheets). Written
 * here apart from the code, in mixed case, underscores and hyphens as files spell them, so a
 * spelling dropped or moved to another value fails until this table is changed on purpose.
 */
const SPELLINGS: Partial<Record<ImportFieldKey, Record<string, string[]>>> = {
  status: {
    IDEA: ["Idea","PROPOSED","proposal","Concept","PLANNED","planning","Planned Not In Production","INITIATED","initiation","Backlog","NEW","draft","Under Consideration","EXPLORING"],
    ASSESSING: ["Assessing","ASSESSMENT","in-assessment","Under Assessment","EVALUATING","evaluation","Under Evaluation","UNDER_REVIEW","in-review","Pre Deployment","PREDEPLOYMENT","analysis","Discovery","FEASIBILITY"],
    APPROVED: ["Approved","APPROVED_FOR_DEVELOPMENT","funded","Green Lit","GREENLIT"],
    BUILDING: ["Building","BUILD","in-development","Development","DEVELOPING","development-and-acquisition","Acquisition And Or Development","ACQUISITION_AND_DEVELOPMENT","implementation","Implementation And Assessment","PILOT","piloting","In Pilot","PROOF_OF_CONCEPT","poc","Prototype","PROTOTYPING","in-progress","Testing","IN_TESTING"],
    LIVE: ["Live","DEPLOYED","in-production","Production","OPERATION_AND_MAINTENANCE","operations-and-maintenance","Operational","IN_OPERATION","in-use","In Mission","IMPLEMENTED","active"],
    UNKNOWN: ["Unknown","NOT_KNOWN","not-reported","Unspecified","NOT_SPECIFIED"],
    RETIRED: ["Retired","DECOMMISSIONED","sunset","Sunsetted","DISCONTINUED","no-longer-in-use","Cancelled","CANCELED","archived","Inactive"],
  },
  highImpact: {
    HIGH_IMPACT: ["High Impact","YES","rights-impacting","Safety Impacting","BOTH_RIGHTS_AND_SAFETY_IMPACTING","rights-impacting-and-safety-impacting"],
    PRESUMED_NOT_HIGH_IMPACT: ["Presumed High Impact But Determined Not High Impact","PRESUMED_HIGH_IMPACT_DETERMINED_NOT","presumed-high-impact","Determined Not High Impact"],
    NOT_HIGH_IMPACT: ["Not High Impact","NO","neither","Not Rights Or Safety Impacting"],
  },
  sourcing: {
    IN_HOUSE: ["Developed In House","IN_HOUSE","inhouse","Internal","BUILT"],
    BOUGHT: ["Developed With Contracting Resources","CONTRACTING_RESOURCES","contracted","Contractor","COMMERCIAL","commercial-off-the-shelf","Cots","PURCHASED","bought","Vendor"],
    BOTH: ["Developed With Both Contracting And In House Resources","BOTH_CONTRACTING_AND_IN_HOUSE_RESOURCES","both","Hybrid"],
  },
  stage: {
    PRE_DEPLOYMENT: ["Pre Deployment","PREDEPLOYMENT","initiated","Planned","DEVELOPMENT_AND_ACQUISITION","acquisition-and-or-development"],
    PILOT: ["Pilot","PILOTING","implementation-and-assessment"],
    DEPLOYED: ["Deployed","IN_PRODUCTION","operation-and-maintenance","Operational"],
    RETIRED: ["Retired","DECOMMISSIONED"],
  },
  euRiskTier: {
    PROHIBITED: ["Prohibited","UNACCEPTABLE","unacceptable-risk"],
    HIGH: ["High","HIGH_RISK"],
    LIMITED: ["Limited","LIMITED_RISK","transparency","Transparency Risk"],
    MINIMAL: ["Minimal","MINIMAL_RISK","low","Low Risk","NO_RISK"],
  },
  changeFrequency: {
    realtime: ["Realtime","REAL_TIME","continuous","Continuously","CONSTANTLY","streaming","Hourly","LIVE"],
    daily: ["Daily","EVERY_DAY","day","Days"],
    weekly: ["Weekly","EVERY_WEEK","week","Weeks"],
    monthly: ["Monthly","EVERY_MONTH","month","Months"],
    quarterly: ["Quarterly","EVERY_QUARTER","quarter","Every 3 Months","EVERY_THREE_MONTHS"],
    annually: ["Annually","ANNUAL","yearly","Every Year","YEAR"],
    static: ["Static","NEVER","never-static","Rarely","DOES_NOT_CHANGE","unchanging","Fixed"],
  },
  coreNeed: {
    retrieval: ["Retrieval","CURRENT_INFORMATION_RETRIEVAL","information-retrieval","Knowledge","FACTS","lookup"],
    reasoning: ["Reasoning","SPECIALIZED_REASONING","specialised-reasoning","Behavior","BEHAVIOUR","expertise"],
    both: ["Both","RETRIEVAL_AND_REASONING","reasoning-and-retrieval"],
    neither: ["Neither","NONE"],
  },
  promptedBaselineMeetsBar: {
    untested: ["Untested", "NOT_TESTED", "not-tested-yet", "Not Yet Tested", "NOT_YET"],
  },
};
const YES = ["Yes", "Y", "true", "T", "1", "x", "ON", "Checked"];
const NO = ["no", "N", "FALSE", "f", "0", "Off", "UNCHECKED"];
/** "Not known", anywhere: suggested as "leave empty", shown to the person, never silent. */
const NOT_KNOWN = ["N/A", "NA", "Not applicable", "TBD", "To be determined", "-", "?", "None given"];

describe("what an inventory writes, and what it is stored as", () => {
  it.each(Object.entries(SPELLINGS).flatMap(([field, byValue]) => Object.entries(byValue!).map(([value, spellings]) => [field, value, spellings] as const)))(
    "%s: %s",
    (field, value, spellings) => {
      for (const s of spellings) expect(suggestValue(field as ImportFieldKey, s), s).toBe(value);
    },
  );
  it("every yes/no field, and the prompted-baseline answer, read the usual spellings of yes and no", () => {
    const yesNo = IMPORT_FIELDS.filter((f) => f.kind === "boolean").map((f) => f.key);
    expect(yesNo.length).toBeGreaterThan(10);
    for (const key of [...yesNo, "promptedBaselineMeetsBar" as const]) {
      for (const s of YES) expect(suggestValue(key, s), `${key}: ${s}`).toBe("yes");
      for (const s of NO) expect(suggestValue(key, s), `${key}: ${s}`).toBe("no");
    }
  });
  it("every field with a fixed set of values reads the usual ways of saying not known as leave empty", () => {
    for (const f of IMPORT_FIELDS.filter((x) => x.options)) {
      for (const s of NOT_KNOWN) expect(suggestValue(f.key, s), `${f.key}: ${s}`).toBe("");
    }
    // Except where "unknown" is a value of its own.
    expect(suggestValue("status", "Unknown")).toBe("UNKNOWN");
    expect(suggestValue("stage", "Unknown")).toBe("");
  });
  it("a field without a fixed set of values suggests nothing", () => {
    expect(suggestValue("title", "yes")).toBeUndefined();
    expect(suggestValue("monthlyCalls", "1000")).toBeUndefined();
  });
});
