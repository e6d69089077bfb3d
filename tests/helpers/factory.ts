/** Builders for integration tests: organizations with a member of every role, straight in the database. */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/server/db";

export interface TestOrg {
  id: string;
  slug: string;
  name: string;
  users: Record<Role, { id: string; email: string }>;
}

export async function createTestOrg(label = "org"): Promise<TestOrg> {
  const suffix = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { name: `${label} ${suffix}`, slug: `${label}-${suffix}`.toLowerCase() } });
  const users = {} as TestOrg["users"];
  for (const role of ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as Role[]) {
    const email = `${role.toLowerCase()}-${suffix}@${label}.test`.toLowerCase();
    const user = await db.user.create({ data: { email, name: `${role} ${suffix}`, emailVerifiedAt: new Date() } });
    await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
    users[role] = { id: user.id, email };
  }
  return { id: org.id, slug: org.slug, name: org.name, users };
}
