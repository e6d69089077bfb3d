/**
 * Sign-up creates the person and a new organization with them as its ADMIN (slug from the name
 * and a random suffix), audited; bad input gets field errors and writes nothing; a taken email
 * gets the same answer as a new one (issue 16), and sign-ups are throttled per address. Creating
 * a further organization needs a signed-in person.
 */
import { describe, expect, it } from "vitest";
import { createOrganization } from "@/app/(auth)/organizations/new/actions";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { db } from "@/lib/server/db";
import { verifyPassword } from "@/lib/server/passwords";
import { slugify } from "@/lib/server/organizations";
import { signInNotices } from "@/lib/server/notices";
import { actFrom } from "./helpers/client-address";
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
    // Unconfirmed until the mailed link is opened (tests/accounts.test.ts follows the link).
    expect(res.data).toEqual({ checkEmail: true });
    expect(user.emailVerifiedAt).toBeNull();
    const org = await db.organization.findFirstOrThrow({ where: { memberships: { some: { userId: user.id } } } });
    expect(org.name).toBe("Founders Inc");
    expect(org.slug).toMatch(/^founders-inc-[a-z2-9]{6}$/);
    const memberships = await db.membership.findMany({ where: { userId: user.id } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ organizationId: org.id, role: "ADMIN" });
    const actions = (await db.auditEvent.findMany({ where: { organizationId: org.id }, select: { action: true, actorId: true } }));
    expect(actions.map((a) => a.action).sort()).toEqual(["membership.created", "organization.created"]);
    expect(actions.every((a) => a.actorId === user.id)).toBe(true);
  });

  it("gives organizations with the same name distinct slugs that say nothing of each other, even at once", async () => {
    const name = `Same Name ${unique()}`;
    const emails = [1, 2, 3].map((i) => `p${i}-${unique()}@same.test`);
    const results = await Promise.all(emails.map((email, i) => signUp({ name: `P${i}`, email, password: "a long password", organizationName: name })));
    expect(results.every((r) => r.ok)).toBe(true);
    const slugs = (await db.organization.findMany({ where: { name }, select: { slug: true } })).map((o) => o.slug);
    const base = slugify(name);
    expect(new Set(slugs).size).toBe(3);
    // Never the bare name or a count ("-2"): a random suffix each time.
    for (const slug of slugs) expect(slug).toMatch(new RegExp(`^${base}-[a-z2-9]{6}$`));
  });

  it("answers the same for an email that already has an account, creates nothing, and tells the owner", async () => {
    const email = `taken-${unique()}@example.test`;
    const first = await signUp({ name: "First", email, password: "a long password", organizationName: "First Org" });
    // A confirmed account (an unconfirmed one would be replaced: tests/accounts.test.ts).
    const owner = await db.user.update({ where: { email }, data: { emailVerifiedAt: new Date() } });
    const [users, orgs] = [await db.user.count(), await db.organization.count()];
    const again = await signUp({ name: "Second", email: email.toUpperCase(), password: "another long password", organizationName: "Second Org" });
    const fresh = await signUp({ name: "Third", email: `fresh-${unique()}@example.test`, password: "a long password", organizationName: "Third Org" });
    expect(again).toEqual(first);
    expect(again).toEqual(fresh);
    expect([await db.user.count(), await db.organization.count()]).toEqual([users + 1, orgs + 1]);
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } })).passwordHash!, "a long password")).toBe(true);
    const notices = await signInNotices(owner.id);
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/^Someone tried to create a new account with your email address/)]);
  });

  it("is throttled per address: five sign-ups in 15 minutes, then a wait, whatever the emails", async () => {
    actFrom(`203.0.113.${Math.floor(Math.random() * 250)}-${unique()}`);
    try {
      for (let i = 0; i < 5; i++) {
        expect(await signUp({ name: "Flood", email: `flood-${i}-${unique()}@example.test`, password: "a long password", organizationName: "Flood Co" })).toMatchObject({ ok: true });
      }
      const orgs = await db.organization.count();
      const res = await signUp({ name: "Flood", email: `flood-x-${unique()}@example.test`, password: "a long password", organizationName: "Flood Co" });
      expect(res).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^Too many attempts from your network\. Wait \d+ seconds and try again\.$/) });
      expect(await db.organization.count()).toBe(orgs);
    } finally {
      actFrom(null);
    }
    // Another address is not held up.
    expect(await signUp({ name: "Other", email: `other-${unique()}@example.test`, password: "a long password", organizationName: "Other Co" })).toMatchObject({ ok: true });
  });

  it("answers bad input field by field and writes nothing", async () => {
    const [users, orgs] = [await db.user.count(), await db.organization.count()];
    const res = await signUp({ name: " ", email: "nope", password: "short", organizationName: "" });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!res.ok && Object.keys(res.fieldErrors ?? {}).sort()).toEqual(["email", "name", "organizationName", "password"]);
    // An empty name is asked for; a one-letter one is told the least it takes.
    expect(!res.ok && res.fieldErrors?.organizationName).toEqual(["Name your organization."]);
    const short = await signUp({ name: "X", email: `x-${unique()}@x.test`, password: "a long password", organizationName: "X" });
    expect(!short.ok && short.fieldErrors?.organizationName).toEqual(["Use at least 2 characters for your organization's name."]);
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
    const email = `multi-${unique()}@example.test`;
    const res = await signUp({ name: "Multi", email, password: "a long password", organizationName: "First Co" });
    if (!res.ok) throw new Error(res.message);
    const first = await db.organization.findFirstOrThrow({ where: { memberships: { some: { user: { email } } } }, include: { memberships: true } });
    signInAs(first.memberships[0]!.userId);
    const second = await createOrganization({ name: "Second Co" });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const membership = await db.membership.findFirstOrThrow({ where: { organization: { slug: second.data.organizationSlug } } });
    expect(membership).toMatchObject({ userId: first.memberships[0]!.userId, role: "ADMIN" });
    signOut();
  });
});
