import { describe, expect, it } from "vitest";
import { MANUAL_ESTIMATE_APPROACHES } from "../assessment";
import { PROJECTED } from "./drivers";
import { ownerEstimatesIn } from "./owner-estimate";

describe("the owners' estimates in an as-chosen total", () => {
  it("are exactly the approaches the model does not price, which only a manual estimate costs", () => {
    // The premise of ownerEstimatesIn: no approach is both priced by the model and by an owner.
    expect(MANUAL_ESTIMATE_APPROACHES.filter((a) => (PROJECTED as readonly string[]).includes(a))).toEqual([]);
    const at = (approach: string, base: number, useCases: number) => ({ approach, lifecycle: { base }, useCases });
    expect(ownerEstimatesIn([at("RAG", 500, 3), at("AGENT", 200, 1), at("PIPELINE", 100, 2)])).toEqual({ base: 300, useCases: 3 });
    expect(ownerEstimatesIn([at("RAG", 500, 3), at("PROMPTING", 100, 1)])).toBeNull();
  });
});
