import "server-only";
import { randomBytes } from "node:crypto";
import { audit } from "./audit";
import { db, type Tx } from "./db";

/** The longest slug we make; long names are cut at a word boundary when possible. */
const SLUG_MAX = 40;

/** "Acme Corp. (EU)" → "acme-corp-eu". Never empty: a name with no letters or digits gives "org". */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= SLUG_MAX) return base || "org";
  let slug = base.slice(0, SLUG_MAX);
  // Cut mid-word: drop the partial word when there is an earlier word boundary.
  if (base[SLUG_MAX] !== "-" && !slug.endsWith("-") && slug.includes("-")) slug = slug.slice(0, slug.lastIndexOf("-"));
  return slug.replace(/-+$/g, "") || "org";
}

/**
 * A slug for a new organization: the name's slug and a random suffix ("acme-corp-7k2m9x"), so a
 * slug tells nothing about which other organizations exist or how many share a name (a name
 * already taken used to give "acme-2"). 30 bits of randomness; a collision is tried again.
 */
export async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name).slice(0, SLUG_MAX - 7).replace(/-+$/g, "") || "org";
  for (;;) {
    const candidate = `${base}-${randomSuffix()}`;
    if (!(await tx.organization.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
function randomSuffix(): string {
  return Array.from(randomBytes(6), (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** Creates an organization with `creatorId` as its first ADMIN, audited, inside the caller's transaction. */
export async function createOrganizationWithAdmin(tx: Tx, input: { name: string; creatorId: string }) {
  const slug = await uniqueSlug(tx, input.name);
  const org = await tx.organization.create({ data: { name: input.name, slug }, select: { id: true, name: true, slug: true } });
  const membership = await tx.membership.create({
    data: { organizationId: org.id, userId: input.creatorId, role: "ADMIN" },
    select: { id: true, role: true },
  });
  await audit(tx, {
    organizationId: org.id,
    actorId: input.creatorId,
    action: "organization.created",
    entity: "Organization",
    entityId: org.id,
    after: { name: org.name, slug: org.slug },
  });
  await audit(tx, {
    organizationId: org.id,
    actorId: input.creatorId,
    action: "membership.created",
    entity: "Membership",
    entityId: membership.id,
    after: { userId: input.creatorId, role: membership.role, via: "created organization" },
  });
  return org;
}

/** A signed-in person creates another organization. */
export async function createOrganization(input: { name: string; creatorId: string }) {
  return db.$transaction((tx) => createOrganizationWithAdmin(tx, input));
}
