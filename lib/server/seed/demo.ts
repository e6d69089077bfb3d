import "server-only";
import { db, type Role } from "../db";
import { hashPassword } from "../passwords";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { seedDemoUseCases } from "./demo-use-cases";
import { seedDemoValue } from "./demo-value";

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
        // The demo's people have confirmed addresses and no two-factor: the README's sign-ins just work.
        create: { email: u.email, name: u.name, passwordHash, emailVerifiedAt: new Date() },
      });
      await tx.membership.create({ data: { userId: user.id, organizationId: org.id, role: u.role as Role } });
    }
    // The demo sets the three figures the seeds do not give, so its projections are complete.
    const admin = await tx.user.findUniqueOrThrow({ where: { email: spec.users[0]!.email }, select: { id: true } });
    await tx.assumptionVersion.create({
      data: {
        organizationId: org.id,
        version: 1,
        createdById: admin.id,
        note: "Demo: set a model price, tokens per call and upkeep hours (the seeds give none).",
        values: JSON.parse(JSON.stringify({
          fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
          values: {
            ...DEFAULT_ASSUMPTIONS.values,
            modelPricePer1kTokens: { low: 0.0025, base: 0.005, high: 0.01 },
            tokensPerCall: { low: 1200, base: 1500, high: 2000 },
            maintenanceHoursPerWeek: { low: 2, base: 4, high: 8 },
          },
        })),
      },
    });
    return org;
  });
  await seedDemoUseCases(org.id);
  await seedDemoValue(org.id);
  return true;
}
