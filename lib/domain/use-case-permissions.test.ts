import { describe, expect, it } from "vitest";
import { canAssignOwner, canCreateUseCase, canEditUseCase, canRecordDecision, type MemberRole } from "./use-case-permissions";

describe("who may do what", () => {
  const me = "me";
  const roles: MemberRole[] = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"];
  it.each([
    ["ADMIN", true, true, true, true],
    ["EXECUTIVE", true, true, true, true],
    ["LEAD", true, true, false, false],
    ["FINANCE", false, false, false, false],
  ] as const)("%s: create %s, edit own %s, edit others' %s, decide %s", (role, create, editOwn, editOthers, decide) => {
    const actor = { userId: me, role };
    expect(canCreateUseCase(actor)).toBe(create);
    expect(canEditUseCase(actor, { ownerId: me })).toBe(editOwn);
    expect(canEditUseCase(actor, { ownerId: "someone" })).toBe(editOthers);
    expect(canRecordDecision(actor)).toBe(decide);
  });
  it("only executives and admins name someone else as owner", () => {
    expect(roles.filter((role) => canAssignOwner({ userId: me, role }, "someone"))).toEqual(["ADMIN", "EXECUTIVE"]);
    expect(canAssignOwner({ userId: me, role: "LEAD" }, me)).toBe(true);
    // Finance never owns use cases, not even by naming itself.
    expect(canAssignOwner({ userId: me, role: "FINANCE" }, me)).toBe(false);
  });
});
