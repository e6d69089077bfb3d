import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { requireMember } from "@/lib/server/guard";
import { ForbiddenError, NotAMemberError, NotSignedInError } from "@/lib/server/errors";
import { createTestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

describe("the guard", () => {
  it("tells not signed in, not a member and role not allowed apart", async () => {
    const a = await createTestOrg("alpha");
    const b = await createTestOrg("beta");
    signOut();
    await expect(requireMember(a.slug)).rejects.toBeInstanceOf(NotSignedInError);
    signInAs(b.users.ADMIN.id);
    await expect(requireMember(a.slug)).rejects.toBeInstanceOf(NotAMemberError);
    signInAs(a.users.LEAD.id);
    await expect(requireMember(a.slug, ["ADMIN"])).rejects.toBeInstanceOf(ForbiddenError);
    const ctx = await requireMember(a.slug, ["LEAD", "ADMIN"]);
    expect(ctx.organization.id).toBe(a.id);
    expect(ctx.role).toBe("LEAD");
  });

  it("never selects password hashes unless asked", async () => {
    const a = await createTestOrg("gamma");
    await db.user.update({ where: { id: a.users.ADMIN.id }, data: { passwordHash: "secret-hash" } });
    const user = await db.user.findUniqueOrThrow({ where: { id: a.users.ADMIN.id } });
    expect("passwordHash" in user).toBe(false);
  });
});
