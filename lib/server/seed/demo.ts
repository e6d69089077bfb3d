import "server-only";
import { db, type Role } from "../db";
import { hashPassword } from "../passwords";
import { DEFAULT_ASSUMPTIONS, pinCatalogue, type AssumptionSet } from "@/lib/domain/costing";
import { seedDemoUseCases } from "./demo-use-cases";
import { seedDemoValue } from "./demo-value";
import { seedDemoActuals } from "./demo-actuals";

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
    // The demo's figures are a first save's: the defaults, with the model prices of the installed
    // catalogue pinned (lib/server/assumption-versions.ts pins on a first save), so gpt-4o is priced
    // from the catalogue, input and output apart, and nothing reads "priced by hand".
    const admin = await tx.user.findUniqueOrThrow({ where: { email: spec.users[0]!.email }, select: { id: true } });
    const set: AssumptionSet = { ...DEFAULT_ASSUMPTIONS, catalogue: pinCatalogue(new Date().toISOString().slice(0, 10)) };
    await tx.assumptionVersion.create({
      data: {
        organizationId: org.id,
        version: 1,
        createdById: admin.id,
        note: "Demo: the default figures, with model prices from the installed catalogue.",
        values: JSON.parse(JSON.stringify(set)),
      },
    });
    return org;
  });
  await seedDemoUseCases(org.id);
  await seedDemoValue(org.id);
  await seedDemoActuals(org.id);
  return true;
}
