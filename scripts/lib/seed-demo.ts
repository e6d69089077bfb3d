/**
 * The demo organization a newcomer signs in to: one member per role and a realistic spread of
 * use cases. Idempotent: does nothing when the demo organization exists.
 */
export const DEMO_ORG = { name: "Kestrel Mutual (demo)", slug: "demo" };
export const DEMO_PASSWORD = "tradeoff-demo";
export const DEMO_USERS = [
  { role: "ADMIN", email: "admin@demo.example.com", name: "Ada Admin" },
  { role: "EXECUTIVE", email: "cto@demo.example.com", name: "Chris CTO" },
  { role: "LEAD", email: "lead@demo.example.com", name: "Lee Lead" },
  { role: "FINANCE", email: "finance@demo.example.com", name: "Fran Finance" },
] as const;

/** Returns true when it seeded, false when the demo organization was already there. */
export async function seedDemo(databaseUrl: string): Promise<boolean> {
  process.env.DATABASE_URL = databaseUrl;
  const { seedDemoOrganization } = await import("../../lib/server/seed/demo");
  return seedDemoOrganization({ org: DEMO_ORG, users: DEMO_USERS, password: DEMO_PASSWORD });
}
