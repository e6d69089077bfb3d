/**
 * Every server action and route handler, called as: signed out, each role of the owning
 * organization, and an admin of another organization naming the first one. Only the allowed
 * roles get past the guard; everyone else gets the documented refusal and nothing of the first
 * organization is written.
 *
 * The list comes from the code: every `actions.ts` and `route.ts` under app/ is imported, and
 * every function they export must have been made with the action client (so it is in
 * ENTRY_POINTS). A new entry point cannot be forgotten: an untagged export fails this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { loadCallables, type Callable } from "./helpers/entry-points";
import { signInAs, signOut } from "./helpers/session";

const ROLES = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as const;

const callables: Callable[] = [];

beforeAll(async () => {
  callables.push(...(await loadCallables()));
});

type Outcome = "NOT_SIGNED_IN" | "NOT_A_MEMBER" | "FORBIDDEN" | "PASSED_GUARD";

async function call(c: Callable, orgSlug: string): Promise<Outcome> {
  if (c.entry?.kind === "route") {
    const res = (await c.fn(new Request(`http://localhost/o/${orgSlug}/x`), { params: Promise.resolve({ org: orgSlug, id: "nonexistent" }) })) as Response;
    if (res.status === 401) return "NOT_SIGNED_IN";
    if (res.status === 403) return "FORBIDDEN";
    if (res.status === 404) {
      const body = await res.clone().json().catch(() => ({}));
      // A 404 from the guard (not a member) carries this code; a 404 for a missing object passed the guard.
      return (body as { error?: string }).error === "You are not a member of this organization." ? "NOT_A_MEMBER" : "PASSED_GUARD";
    }
    return "PASSED_GUARD";
  }
  const result = (c.entry?.roles === "public" || c.entry?.roles === "any-signed-in" ? await c.fn({}) : await c.fn(orgSlug, {})) as { ok: boolean; code?: string };
  if (!result.ok && (result.code === "NOT_SIGNED_IN" || result.code === "NOT_A_MEMBER" || result.code === "FORBIDDEN")) return result.code;
  return "PASSED_GUARD";
}

async function footprint(orgId: string) {
  const [audit, useCases, members, invitations, assumptions, mappings] = await Promise.all([
    db.auditEvent.count({ where: { organizationId: orgId } }),
    db.useCase.findMany({ where: { organizationId: orgId }, select: { id: true, version: true, deletedAt: true } }),
    db.membership.findMany({ where: { organizationId: orgId }, select: { userId: true, role: true } }),
    db.invitation.count({ where: { organizationId: orgId } }),
    db.assumptionVersion.count({ where: { organizationId: orgId } }),
    db.importMapping.count({ where: { organizationId: orgId } }),
  ]);
  return { audit, useCases, members, invitations, assumptions, mappings };
}

describe("authorization matrix over every entry point", () => {
  let a: TestOrg;
  let b: TestOrg;
  beforeAll(async () => {
    a = await createTestOrg("owner");
    b = await createTestOrg("intruder");
  });

  it("finds the app's entry points, and every exported function is registered", () => {
    expect(callables.length).toBeGreaterThan(0);
    const untagged = callables.filter((c) => !c.entry).map((c) => `${c.file}#${c.exportName}`);
    expect(untagged, "exports not made with the action client (lib/server/action.ts)").toEqual([]);
  });

  it("refuses the signed-out, other roles and other organizations, and writes nothing for them", async () => {
    const before = await footprint(a.id);
    const problems: string[] = [];
    for (const c of callables) {
      const ep = c.entry!;
      if (ep.roles === "public") continue;
      signOut();
      const anon = await call(c, a.slug);
      if (anon !== "NOT_SIGNED_IN") problems.push(`${ep.name}: signed out got ${anon}`);
      if (ep.roles === "any-signed-in") continue;

      signInAs(b.users.ADMIN.id);
      const foreign = await call(c, a.slug);
      if (foreign !== "NOT_A_MEMBER") problems.push(`${ep.name}: another organization's admin got ${foreign}`);

      for (const role of ROLES) {
        const allowed = ep.roles.includes(role);
        if (allowed) continue;
        signInAs(a.users[role].id);
        const got = await call(c, a.slug);
        if (got !== "FORBIDDEN") problems.push(`${ep.name}: ${role} got ${got}, expected FORBIDDEN`);
      }
    }
    signOut();
    expect(problems).toEqual([]);
    expect(await footprint(a.id)).toEqual(before);
  });

  it("lets every allowed role past the guard", async () => {
    const problems: string[] = [];
    for (const c of callables) {
      const ep = c.entry!;
      if (ep.roles === "public" || ep.roles === "any-signed-in") continue;
      for (const role of ep.roles) {
        signInAs(a.users[role].id);
        const got = await call(c, a.slug);
        if (got !== "PASSED_GUARD") problems.push(`${ep.name}: ${role} got ${got}`);
      }
    }
    signOut();
    expect(problems).toEqual([]);
  });
});
