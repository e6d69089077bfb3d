/**
 * Fixtures for the sign-in, organization and admin journeys. Each test makes its own
 * organizations and people straight in the test database (passwords hashed with argon2, like
 * the app's), signs in through the real sign-in page, and everything it made, including what it
 * made through the interface (tracked by email), is deleted afterwards.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";

export type Role = "ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE";
export const ROLES: readonly Role[] = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"];
export const PASSWORD = "e2e-password-long-enough";

export interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
}

export interface Org {
  id: string;
  slug: string;
  name: string;
  /** One member per role, unless `makeOrg({ roles })` said otherwise. */
  users: Partial<Record<Role, Person>> & Record<"ADMIN", Person>;
  path(section?: string): string;
}

export interface Auth {
  /** A fresh, unused address; what is created with it is cleaned up. */
  uniqueEmail(label: string): string;
  makePerson(opts?: { name?: string; email?: string; password?: string }): Promise<Person>;
  makeOrg(opts?: { name?: string; roles?: readonly Role[] }): Promise<Org>;
  addMember(org: Org, person: Person, role: Role): Promise<void>;
  /** An invitation made in the database; returns the link's path. */
  makeInvitation(org: Org, email: string, role: Role, opts?: { expiresAt?: Date; revokedAt?: Date }): Promise<string>;
  /** Goes to /sign-in (or follows a redirect there) and signs in through the form. */
  signIn(page: Page, person: Person, opts?: { from?: string }): Promise<void>;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const cuidish = () => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;

export const test = base.extend<{ auth: Auth }>({
  auth: async ({}, use) => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;
    const suffix = randomUUID().slice(0, 8);
    const emails = new Set<string>();
    const orgIds = new Set<string>();
    const hashes = new Map<string, Promise<string>>();
    const hashOf = (password: string) => {
      if (!hashes.has(password)) hashes.set(password, hash(password));
      return hashes.get(password)!;
    };
    let counter = 0;

    const auth: Auth = {
      uniqueEmail(label) {
        const email = `${label}-${suffix}-${++counter}@e2e.test`.toLowerCase();
        emails.add(email);
        return email;
      },
      async makePerson(opts = {}) {
        const person: Person = {
          id: cuidish(),
          email: opts.email ?? auth.uniqueEmail("person"),
          name: opts.name ?? `Person ${suffix}-${counter}`,
          password: opts.password ?? PASSWORD,
        };
        emails.add(person.email);
        await q(`INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now())`, [
          person.id,
          person.email,
          person.name,
          await hashOf(person.password),
        ]);
        return person;
      },
      async makeOrg(opts = {}) {
        const n = ++counter;
        const name = opts.name ?? `Org ${suffix} ${n}`;
        const slug = `e2e-${suffix}-${n}`;
        const id = cuidish();
        await q(`INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ($1, $2, $3, now())`, [id, name, slug]);
        orgIds.add(id);
        const org: Org = { id, slug, name, users: {} as Org["users"], path: (section = "use-cases") => `/o/${slug}/${section}` };
        const titles: Record<Role, string> = { ADMIN: "Ada Admin", EXECUTIVE: "Eve Executive", LEAD: "Lee Lead", FINANCE: "Fin Finance" };
        for (const role of opts.roles ?? ROLES) {
          const person = await auth.makePerson({ name: `${titles[role]} ${n}`, email: auth.uniqueEmail(role.toLowerCase()) });
          await auth.addMember(org, person, role);
          org.users[role] = person;
        }
        return org;
      },
      async addMember(org, person, role) {
        await q(`INSERT INTO "Membership" (id, "userId", "organizationId", role, "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
          cuidish(),
          person.id,
          org.id,
          role,
        ]);
      },
      async makeInvitation(org, email, role, opts = {}) {
        const token = randomBytes(32).toString("base64url");
        emails.add(email);
        await q(
          `INSERT INTO "Invitation" (id, "organizationId", email, role, "tokenHash", "expiresAt", "revokedAt", "invitedById", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
          [cuidish(), org.id, email, role, createHash("sha256").update(token).digest("hex"), opts.expiresAt ?? new Date(Date.now() + 86_400_000), opts.revokedAt ?? null, org.users.ADMIN.id],
        );
        return `/invite/${token}`;
      },
      async signIn(page, person, opts = {}) {
        if (opts.from) await page.goto(opts.from);
        else await page.goto("/sign-in");
        await expect(page).toHaveURL(/\/sign-in/);
        await page.getByLabel("Email").fill(person.email);
        await page.getByLabel("Password").fill(person.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page).not.toHaveURL(/\/sign-in/);
      },
      query: q,
    };

    await use(auth);

    const list = [...emails];
    // Organizations made here, and any made through the interface by people made here (sign-up).
    await q(
      `DELETE FROM "Organization" WHERE id = ANY($1) OR id IN (
         SELECT m."organizationId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = ANY($2) AND m.role = 'ADMIN')`,
      [[...orgIds], list],
    );
    await q(`DELETE FROM "User" WHERE email = ANY($1)`, [list]);
    // Every throttling key that names one of these people (pair:, account:, owner:, device:).
    await q(`DELETE FROM "LoginAttempt" WHERE split_part(split_part(key, ':', 2), '|', 1) = ANY($1)`, [list]);
    await pool.end();
  },
});

export { expect };

/**
 * Waits until React has hydrated the element. A value set in a controlled field before then is put
 * back to the server-rendered one when React takes the field over (a select chosen too early was
 * saved as its old value: "Saved: not required.").
 */
export async function hydrated(locator: Locator): Promise<void> {
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { timeout: 15_000 }).toBe(true);
}

/**
 * Chooses a file in a file input the page's script reads. Playwright sets files without waiting
 * for the input to be enabled (no actionability checks), and a file set before React has hydrated
 * the input fires no change React sees: the journey then waits for a summary that never comes.
 */
export async function chooseFile(input: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await hydrated(input);
  await expect(input).toBeEnabled();
  await input.setInputFiles(file);
}
