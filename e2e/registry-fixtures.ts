/**
 * Fixtures for the use-case registry's journeys: each test gets its own organization with one
 * member of every role, created straight in the test database, and signs in by setting a
 * next-auth session cookie minted with the server's secret (no sign-in form involved, so these
 * journeys test the registry, not the sign-in page). Everything is deleted afterwards.
 */
import { randomUUID } from "node:crypto";
import { test as base, expect, type APIResponse, type BrowserContext, type Page, type Request } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";

export type Role = "ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE";
export const ROLES: readonly Role[] = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"];

export interface RegistryOrg {
  id: string;
  slug: string;
  name: string;
  users: Record<Role, { id: string; email: string; name: string }>;
}

export interface SeedUseCase {
  title: string;
  ownerRole?: Role;
  description?: string;
  businessUnit?: string;
  recommendedApproach?: string | null;
  agreementVotes?: number;
  agreementVoters?: number;
  assessment?: Record<string, unknown>;
}

export interface Registry {
  org: RegistryOrg;
  /** Signs the browser context in as the member with this role. */
  signInAs(role: Role): Promise<void>;
  /** Inserts a use case directly (for journeys that start from an existing one). */
  seedUseCase(uc: SeedUseCase): Promise<string>;
  /** Runs a query on the test database. */
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  path(sub?: string): string;
}

const secret = () => process.env.NEXTAUTH_SECRET ?? "test-secret-not-for-production-0123456789";
const cuidish = () => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** A session token's claims as a sign-in makes them (lib/server/sessions.ts): uid, a session id, the sign-in time. */
const sessionClaims = (user: { id: string; email: string; name: string }) => ({ sub: user.id, uid: user.id, email: user.email, name: user.name, sid: randomUUID(), authAt: Date.now() });

async function signIn(context: BrowserContext, baseURL: string, user: { id: string; email: string; name: string }) {
  const token = await encode({ secret: secret(), token: sessionClaims(user), maxAge: 60 * 60 });
  await context.clearCookies();
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

export const test = base.extend<{ registry: Registry }>({
  registry: async ({ context, baseURL }, use) => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;
    const suffix = randomUUID().slice(0, 8);
    const org: RegistryOrg = { id: cuidish(), slug: `e2e-registry-${suffix}`, name: `Registry ${suffix}`, users: {} as RegistryOrg["users"] };
    await q(`INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ($1, $2, $3, now())`, [org.id, org.name, org.slug]);
    const names: Record<Role, string> = { ADMIN: "Ada Admin", EXECUTIVE: "Eve Executive", LEAD: "Lee Lead", FINANCE: "Fin Finance" };
    for (const role of ROLES) {
      const user = { id: cuidish(), email: `${role.toLowerCase()}-${suffix}@registry.test`, name: `${names[role]} ${suffix}` };
      await q(`INSERT INTO "User" (id, email, name, "emailVerifiedAt", "updatedAt") VALUES ($1, $2, $3, now(), now())`, [user.id, user.email, user.name]);
      await q(`INSERT INTO "Membership" (id, "userId", "organizationId", role, "updatedAt") VALUES ($1, $2, $3, $4, now())`, [cuidish(), user.id, org.id, role]);
      org.users[role] = user;
    }
    const registry: Registry = {
      org,
      signInAs: (role) => signIn(context, baseURL!, org.users[role]),
      seedUseCase: async (uc) => {
        const id = cuidish();
        const owner = org.users[uc.ownerRole ?? "LEAD"].id;
        await q(
          `INSERT INTO "UseCase" (id, "organizationId", title, description, "businessUnit", "ownerId", "createdById", "recommendedApproach", "agreementVotes", "agreementVoters", assessment, evidence, "updatedAt")
           VALUES ($1, $2, $3, $4, $5, $6, $6, $7::"Approach", $8, $9, $10::jsonb, CASE WHEN $7::"Approach" IS NULL THEN 'none' ELSE 'assessed' END::"Evidence", now())`,
          [id, org.id, uc.title, uc.description ?? "", uc.businessUnit ?? "", owner, uc.recommendedApproach ?? null, uc.agreementVotes ?? 0, uc.agreementVoters ?? 0, JSON.stringify(uc.assessment ?? {})],
        );
        // Its rollup row, as every write of the app rebuilds it (the list's business units and the portfolio read it).
        await q(`SELECT "UseCaseRollup_refresh"($1, $2::text[])`, [org.id, [id]]);
        return id;
      },
      query: q,
      path: (sub = "") => `/o/${org.slug}/use-cases${sub}`,
    };
    await use(registry);
    await q(`DELETE FROM "Organization" WHERE id = $1`, [org.id]);
    await q(`DELETE FROM "User" WHERE id = ANY($1)`, [ROLES.map((r) => org.users[r].id)]);
    await pool.end();
  },
});

/** A server-action request as the browser sent it, for replaying by hand. */
export interface CapturedAction {
  url: string;
  actionId: string;
  contentType: string;
  body: string;
}

/** A lead logs a use case with this title through the real form; returns the save's server-action request. */
export async function captureNewUseCaseSave(page: Page, registry: Registry, title: string): Promise<CapturedAction> {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  let captured: Request | undefined;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) captured ??= r;
  });
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByText("Use case saved.")).toBeVisible();
  expect(captured, "the form's save went through a server action").toBeDefined();
  const body = captured!.postData()!;
  expect(body).toContain(title);
  return { url: captured!.url(), actionId: captured!.headers()["next-action"]!, contentType: captured!.headers()["content-type"] ?? "text/plain;charset=UTF-8", body };
}

/** Sends a captured server action again, with the page's cookies and the given body, origin and content type. */
export function replayAction(page: Page, action: CapturedAction, opts: { data: string; origin: string; contentType?: string }): Promise<APIResponse> {
  return page.request.post(action.url, {
    headers: { "next-action": action.actionId, "content-type": opts.contentType ?? action.contentType, accept: "text/x-component", origin: opts.origin },
    data: opts.data,
    maxRedirects: 0,
  });
}

export { expect };
