/**
 * `npm run db:seed -- --demo`: the demo organization, once (idempotent), on whatever database
 * DATABASE_URL names (or the embedded one). Without --demo it says so and changes nothing, so the
 * published demo password never lands in a real database by accident.
 */
if (!process.argv.includes("--demo")) {
  console.log("Nothing seeded. `npm run db:seed -- --demo` seeds the demo organization (its password is published in the README).");
  process.exit(0);
}
import { resolveDatabase } from "./lib/database";
import { migrate } from "./lib/migrate";
import { seedDemo } from "./lib/seed-demo";

const db = await resolveDatabase();
try {
  await migrate(db.url);
  console.log((await seedDemo(db.url)) ? "Seeded the demo organization." : "The demo organization exists already; nothing to do.");
} finally {
  const { db: client } = await import("../lib/server/db");
  await client.$disconnect();
  await db.stop();
}
