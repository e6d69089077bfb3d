import "server-only";
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
 * A slug for `name` that no organization has yet: "acme", then "acme-2", "acme-3"…
 * Takes a transaction-scoped advisory lock on the base slug, so two sign-ups with the same
 * name cannot pick the same slug.
 */
export async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"org-slug:" + base}))`;
  const taken = new Set(
    (await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
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
