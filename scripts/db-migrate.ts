/** `npm run db:migrate`: applies pending migrations to DATABASE_URL's database or the embedded one. */
import { resolveDatabase } from "./lib/database";
import { migrate } from "./lib/migrate";

const db = await resolveDatabase();
try {
  const applied = await migrate(db.url, (m) => console.log(m));
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
} finally {
  await db.stop();
}
