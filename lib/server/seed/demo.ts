import "server-only";
import { db, type Role } from "../db";
import { hashPassword } from "../passwords";
import { seedDemoUseCases } from "./demo-use-cases";

export interface DemoSpec {
  org: { name: string; slug: string };
  users: readonly { role: Role | string; email: string; name: string }[];
  password: string;
}

export async function seedDemoOrganization(spec: DemoSpec): Promise<boolean> {
  const existing = await db.organization.findUnique({ where: { slug: spec.org.slug }, select: { id: true } });
  if (existing) return false;
  const passwordHash = await hashPassword(spec.password);
  const org = await db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: spec.org.name, slug: spec.org.slug } });
    for (const u of spec.users) {
      const user = await tx.user.upsert({
        where: { email: u.email },
        update: {},
        create: { email: u.email, name: u.name, passwordHash },
      });
      await tx.membership.create({ data: { userId: user.id, organizationId: org.id, role: u.role as Role } });
    }
    return org;
  });
  await seedDemoUseCases(org.id);
  return true;
}
