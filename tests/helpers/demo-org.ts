import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/server/db";
import { db } from "@/lib/server/db";
import { seedDemoOrganization } from "@/lib/server/seed/demo";

/**
 * The demo organization seeded afresh under a slug of its own (`<prefix>-<random>`), with one
 * member per role: what a test of the demo's pages reads, beside other tests' organizations.
 */
export async function seedDemoForTest(prefix: string): Promise<{ org: { id: string; slug: string }; users: Record<Role, string> }> {
  const s = randomUUID().slice(0, 8);
  const slug = `${prefix}-${s}`;
  const email = (role: string) => `${role}-${s}@${prefix}.test`;
  await seedDemoOrganization({
    org: { name: `${prefix} demo`, slug },
    users: [
      { role: "ADMIN", email: email("admin"), name: "Admin" },
      { role: "EXECUTIVE", email: email("cto"), name: "CTO" },
      { role: "LEAD", email: email("lead"), name: "Lead" },
      { role: "FINANCE", email: email("finance"), name: "Finance" },
    ],
    password: `${prefix}-demo-password`,
  });
  const org = await db.organization.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true } });
  const idOf = async (who: string) => (await db.user.findUniqueOrThrow({ where: { email: email(who) }, select: { id: true } })).id;
  return { org, users: { ADMIN: await idOf("admin"), EXECUTIVE: await idOf("cto"), LEAD: await idOf("lead"), FINANCE: await idOf("finance") } };
}

/** A rendered page's text: tags dropped, the entities React writes put back. */
export const pageText = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
