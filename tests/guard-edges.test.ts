/**
 * The guard at its edges (issue 17): what a page does with each refusal (sign in, 404, 403), the
 * organization addresses it will not even look up, the route handlers' status for each refusal,
 * and the organization switcher's list. tests/authorization-matrix.test.ts walks every entry point
 * through the guard; these pin the guard's own answers.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { ConflictError, ForbiddenError, NotAMemberError, NotFoundError, NotSignedInError, ValidationError } from "@/lib/server/errors";
import { ALL_ROLES, myOrganizations, requireMember, requireUser } from "@/lib/server/guard";
import { guardPage } from "@/lib/server/page-guard";
import { ENTRY_POINTS, entryPointOf, orgRoute } from "@/lib/server/action";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { GET as templateRoute } from "@/app/o/[org]/use-cases/import/template/route";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg("guard");
  other = await createTestOrg("guard-other");
});

afterEach(() => {
  signOut();
  vi.unstubAllEnvs();
});

/** The digest of the Next.js interrupt (redirect, 404, 403) a page guard threw. */
async function interruptOf(run: () => Promise<unknown>): Promise<string> {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  return String((err as { digest?: string } | null)?.digest);
}

describe("guardPage", () => {
  it("sends a signed-out visitor to sign in, coming back only where the page asked", async () => {
    signOut();
    expect(await interruptOf(() => guardPage(org.slug))).toMatch(/^NEXT_REDIRECT;replace;\/sign-in;307;/);
    const back = await interruptOf(() => guardPage(org.slug, undefined, `/o/${org.slug}/use-cases?q=a b`));
    expect(back).toContain(`;/sign-in?callbackUrl=${encodeURIComponent(`/o/${org.slug}/use-cases?q=a b`)};`);
  });

  it("answers a person of another organization with a 404 and a role not allowed with a 403", async () => {
    vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true");
    signInAs(other.users.ADMIN.id);
    expect(await interruptOf(() => guardPage(org.slug))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    signInAs(org.users.FINANCE.id);
    expect(await interruptOf(() => guardPage(org.slug, ["ADMIN", "LEAD"]))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it("does not dress up an unexpected failure (the database gone) as a refusal: the page gets the error", async () => {
    vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true");
    signInAs(org.users.LEAD.id);
    const lost = new Error("connection lost");
    const spy = vi.spyOn(db.membership, "findFirst").mockRejectedValueOnce(lost);
    try {
      await expect(guardPage(org.slug)).rejects.toBe(lost);
    } finally {
      spy.mockRestore();
    }
  });

  it("lets an allowed member in, with the organization and the role", async () => {
    signInAs(org.users.LEAD.id);
    const ctx = await guardPage(org.slug, ["ADMIN", "LEAD"]);
    expect(ctx).toEqual({ user: expect.objectContaining({ id: org.users.LEAD.id }), organization: { id: org.id, name: org.name, slug: org.slug }, role: "LEAD" });
  });
});

describe("requireMember", () => {
  it("lets in every role by default and only the listed ones otherwise", async () => {
    for (const role of ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as const) {
      signInAs(org.users[role].id);
      expect((await requireMember(org.slug)).role).toBe(role);
      await expect(requireMember(org.slug, role === "ADMIN" ? ["LEAD"] : ["ADMIN"])).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("refuses addresses no organization can have before looking them up, as not a member", async () => {
    signInAs(org.users.ADMIN.id);
    // Each is the real slug with something around it: a NUL would make PostgreSQL fail the query.
    for (const slug of [`\u0000${org.slug}`, `${org.slug}\u0000`, `${org.slug}/x`, `x/${org.slug}`, org.slug.toUpperCase(), "", " "]) {
      await expect(requireMember(slug), JSON.stringify(slug)).rejects.toBeInstanceOf(NotAMemberError);
    }
    await expect(requireMember(undefined as unknown as string)).rejects.toBeInstanceOf(NotAMemberError);
    await expect(requireMember(["x"] as unknown as string)).rejects.toBeInstanceOf(NotAMemberError);
  });

  it("accepts a slug of 1 to 100 characters (the guard's bound; slugify makes at most 40), and no longer one", async () => {
    const make = async (length: number) => {
      const slug = `${randomUUID().replaceAll("-", "")}${"a".repeat(length)}`.slice(0, length);
      const o = await db.organization.create({ data: { name: `Long ${length} ${randomUUID()}`, slug } });
      await db.membership.create({ data: { userId: org.users.ADMIN.id, organizationId: o.id, role: "ADMIN" } });
      return slug;
    };
    signInAs(org.users.ADMIN.id);
    const longest = await make(100);
    expect((await requireMember(longest)).organization.slug).toBe(longest);
    await expect(requireMember(await make(101))).rejects.toBeInstanceOf(NotAMemberError);
    // And the shortest: one character no organization has taken yet.
    const taken = new Set((await db.organization.findMany({ select: { slug: true } })).map((o) => o.slug));
    const single = [..."abcdefghijklmnopqrstuvwxyz0123456789"].find((c) => !taken.has(c))!;
    const one = await db.organization.create({ data: { name: `Short ${randomUUID()}`, slug: single } });
    await db.membership.create({ data: { userId: org.users.ADMIN.id, organizationId: one.id, role: "ADMIN" } });
    expect((await requireMember(single)).organization.slug).toBe(single);
  });

  it("refuses the signed-out before anything else, even for an address that names nothing", async () => {
    signOut();
    await expect(requireMember("\u0000")).rejects.toBeInstanceOf(NotSignedInError);
    await expect(requireUser()).rejects.toBeInstanceOf(NotSignedInError);
  });
});

describe("route handlers", () => {
  const get = (slug: string | undefined, search = "") =>
    templateRoute(new Request(`http://localhost:3000/o/${slug}/use-cases/import/template${search}`), { params: Promise.resolve<Record<string, string>>(slug === undefined ? {} : { org: slug }) });

  it("answer 401 signed out, 404 to another organization and to a bad address, 403 to a role not allowed", async () => {
    const cases: [string | null, string | undefined, number, string][] = [
      [null, org.slug, 401, "NOT_SIGNED_IN"],
      [other.users.ADMIN.id, org.slug, 404, "NOT_FOUND"],
      [org.users.ADMIN.id, "NOT-A-SLUG", 404, "NOT_FOUND"],
      [org.users.ADMIN.id, undefined, 404, "NOT_FOUND"],
      [org.users.FINANCE.id, org.slug, 403, "FORBIDDEN"],
    ];
    for (const [who, slug, status, code] of cases) {
      signInAs(who);
      const res = await get(slug);
      expect(res.status, `${who} ${slug}`).toBe(status);
      const body = (await res.json()) as { error: string; code: string };
      expect(body.code, `${who} ${slug}`).toBe(code);
      expect(body.error.length).toBeGreaterThan(0);
    }
    signInAs(org.users.ADMIN.id);
    const ok = await get(org.slug);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });
});

describe("route handlers: what the handler's own errors become", () => {
  const NAME = "guard-edges.throwing-route";
  const routeThrowing = (err: unknown) => {
    const route = orgRoute({ name: NAME, roles: ALL_ROLES, handler: async () => Promise.reject(err) });
    ENTRY_POINTS.delete(NAME); // a test double, not one of the app's entry points
    return route(new Request(`http://localhost:3000/o/${org.slug}/x`), { params: Promise.resolve({ org: org.slug }) });
  };

  it("a bad query is a 422 with its field errors, a missing thing a 404, anything else a 500 that says nothing of the cause", async () => {
    signInAs(org.users.FINANCE.id);
    const invalid = await routeThrowing(new ValidationError("Check the filter.", { year: ["Pick a year."] }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ error: "Check the filter.", code: "VALIDATION", fieldErrors: { year: ["Pick a year."] } });
    const missing = await routeThrowing(new NotFoundError());
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "Not found.", code: "NOT_FOUND" });
    const conflict = await routeThrowing(new ConflictError("Changed meanwhile."));
    expect(conflict.status).toBe(500);
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const broken = await routeThrowing(new Error("secret table name"));
      expect(broken.status).toBe(500);
      const body = (await broken.json()) as { error: string; code: string };
      expect(body.code).toBe("INTERNAL");
      expect(body.error).not.toContain("secret");
    } finally {
      errorSpy.mockRestore();
    }
    expect(ENTRY_POINTS.has(NAME)).toBe(false);
  });
});

describe("actions", () => {
  it("an allowed member's action returns its data, and the change is made", async () => {
    signInAs(org.users.LEAD.id);
    const title = `Guard edge ${randomUUID()}`;
    const res = await createUseCase(org.slug, { title });
    expect(res).toEqual({ ok: true, data: expect.objectContaining({ id: expect.any(String) }) });
    expect(await db.useCase.count({ where: { id: (res as { data: { id: string } }).data.id, organizationId: org.id, title } })).toBe(1);
  });

  it("a public action refuses bad input with field errors and nothing made, and answers good input", async () => {
    signOut();
    const email = `guard-edge-${randomUUID().slice(0, 8)}@guard.test`;
    const bad = await signUp({ name: "Edge", email: "not an email", password: "a long password", organizationName: "Edge Org" });
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { email: [expect.any(String)] } });
    const good = await signUp({ name: "Edge", email, password: "a long password", organizationName: `Edge Org ${randomUUID().slice(0, 8)}` });
    expect(good).toEqual({ ok: true, data: { checkEmail: true } }); // the same answer whether or not the address had an account (issue 19)
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});

describe("the organization switcher", () => {
  it("lists each organization a person belongs to, by name, with their role in it, and no other", async () => {
    const person = await db.user.create({ data: { email: `switcher-${randomUUID().slice(0, 8)}@guard.test`, name: "Switcher" } });
    const suffix = randomUUID().slice(0, 8);
    const zed = await db.organization.create({ data: { name: `Zed ${suffix}`, slug: `zed-${suffix}` } });
    const alpha = await db.organization.create({ data: { name: `Alpha ${suffix}`, slug: `alpha-${suffix}` } });
    await db.membership.create({ data: { userId: person.id, organizationId: zed.id, role: "FINANCE" } });
    await db.membership.create({ data: { userId: person.id, organizationId: alpha.id, role: "ADMIN" } });
    expect(await myOrganizations(person.id)).toEqual([
      { id: alpha.id, name: alpha.name, slug: alpha.slug, role: "ADMIN" },
      { id: zed.id, name: zed.name, slug: zed.slug, role: "FINANCE" },
    ]);
  });
});

describe("entry points", () => {
  it("a route handler and an action carry the name the access table knows them by; anything else has none", () => {
    expect(entryPointOf(templateRoute)).toBe("useCases.import.template");
    expect(entryPointOf({ entryPoint: "forged" })).toBeUndefined();
    expect(entryPointOf(() => null)).toBeUndefined();
  });
});
