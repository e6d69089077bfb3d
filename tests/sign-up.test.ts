/**
 * Sign-up creates the person and a new organization with them as its ADMIN (slug from the name,
 * unique), audited; bad input gets field errors and writes nothing. Creating a further
 * organization needs a signed-in person.
 */
import { describe, expect, it } from "vitest";
import { createOrganization } from "@/app/(auth)/organizations/new/actions";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { db } from "@/lib/server/db";
import { verifyPassword } from "@/lib/server/passwords";
import { slugify } from "@/lib/server/organizations";
import { signInAs, signOut } from "./helpers/session";

const unique = () => crypto.randomUUID().slice(0, 8);

describe("slugify", () => {
  it.each([
    ["Acme Corp", "acme-corp"],
    ["  Zürich Bank AG ", "zurich-bank-ag"],
    ["R&D / AI (EU)", "r-d-ai-eu"],
    ["!!!", "org"],
    ["A very long organization name that goes on and on and on", "a-very-long-organization-name-that-goes"],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("sign-up", () => {
  it("creates the user, the organization and an ADMIN membership, audited", async () => {
    signOut();
    const email = `Founder-${unique()}@Example.test`;
    const res = await signUp({ name: "Fay Founder", email, password: "a long password", organizationName: "Founders Inc" });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, omit: { passwordHash: false } });
    expect(user.name).toBe("Fay Founder");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash!, "a long password")).toBe(true);
    const org = await db.organization.findUniqueOrThrow({ where: { slug: res.data.organizationSlug } });
    expect(org.name).toBe("Founders Inc");
    expect(org.slug).toMatch(/^founders-inc(-\d+)?$/);
    const memberships = await db.membership.findMany({ where: { userId: user.id } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ organizationId: org.id, role: "ADMIN" });
    const actions = (await db.auditEvent.findMany({ where: { organizationId: org.id }, select: { action: true, actorId: true } }));
    expect(actions.map((a) => a.action).sort()).toEqual(["membership.created", "organization.created"]);
    expect(actions.every((a) => a.actorId === user.id)).toBe(true);
  });

  it("gives organizations with the same name distinct slugs, even at once", async () => {
    const name = `Same Name ${unique()}`;
    const results = await Promise.all(
      [1, 2, 3].map((i) => signUp({ name: `P${i}`, email: `p${i}-${unique()}@same.test`, password: "a long password", organizationName: name })),
    );
    const slugs = results.map((r) => (r.ok ? r.data.organizationSlug : r.message));
    const base = slugify(name);
    expect(new Set(slugs)).toEqual(new Set([base, `${base}-2`, `${base}-3`]));
  });

  it("refuses an email that already has an account, next to the field, and writes nothing", async () => {
    const email = `taken-${unique()}@example.test`;
    await signUp({ name: "First", email, password: "a long password", organizationName: "First Org" });
    const [users, orgs] = [await db.user.count(), await db.organization.count()];
    const res = await signUp({ name: "Second", email: email.toUpperCase(), password: "a long password", organizationName: "Second Org" });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { email: [expect.stringMatching(/already exists/)] } });
    expect([await db.user.count(), await db.organization.count()]).toEqual([users, orgs]);
  });

  it("answers bad input field by field and writes nothing", async () => {
    const [users, orgs] = [await db.user.count(), await db.organization.count()];
    const res = await signUp({ name: " ", email: "nope", password: "short", organizationName: "" });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!res.ok && Object.keys(res.fieldErrors ?? {}).sort()).toEqual(["email", "name", "organizationName", "password"]);
    expect(await signUp({ name: "X", email: `x-${unique()}@x.test`, password: "a long password", organizationName: "X Org", role: "ADMIN" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect([await db.user.count(), await db.organization.count()]).toEqual([users, orgs]);
  });
});

describe("creating another organization", () => {
  it("makes the signed-in person its ADMIN; signed-out callers are refused", async () => {
    signOut();
    expect(await createOrganization({ name: "Nobody's" })).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
    const res = await signUp({ name: "Multi", email: `multi-${unique()}@example.test`, password: "a long password", organizationName: "First Co" });
    if (!res.ok) throw new Error(res.message);
    const first = await db.organization.findUniqueOrThrow({ where: { slug: res.data.organizationSlug }, include: { memberships: true } });
    signInAs(first.memberships[0]!.userId);
    const second = await createOrganization({ name: "Second Co" });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const membership = await db.membership.findFirstOrThrow({ where: { organization: { slug: second.data.organizationSlug } } });
    expect(membership).toMatchObject({ userId: first.memberships[0]!.userId, role: "ADMIN" });
    signOut();
  });
});
