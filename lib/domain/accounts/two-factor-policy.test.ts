import { describe, expect, it } from "vitest";
import { asTwoFactorPolicy, policyCovers, TWO_FACTOR_POLICY_LABELS } from "./two-factor-policy";

describe("two-factor policy", () => {
  it.each([
    ["off", "ADMIN", false],
    ["off", "EDITOR", false],
    ["admins", "ADMIN", true],
    ["admins", "EDITOR", false],
    ["admins", "VIEWER", false],
    ["everyone", "ADMIN", true],
    ["everyone", "VIEWER", true],
    ["", "ADMIN", false],
    ["nonsense", "ADMIN", false],
  ])("a rule of %j covers a member whose role is %s: %s", (policy, role, covered) => {
    expect(policyCovers(policy, role)).toBe(covered);
  });

  it("an unknown stored value reads as off; a known one as itself", () => {
    expect(asTwoFactorPolicy("admins")).toBe("admins");
    expect(asTwoFactorPolicy("everyone")).toBe("everyone");
    expect(asTwoFactorPolicy("EVERYONE")).toBe("off");
  });

  it("each rule has the label the members page shows", () => {
    expect(TWO_FACTOR_POLICY_LABELS).toEqual({ off: "Not required", admins: "Required of admins", everyone: "Required of everyone" });
  });
});
