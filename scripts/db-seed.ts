/** `npm run db:seed`: the demo organization, once (idempotent). */
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
