/** `npm run db:restore <file>`: replaces the database's rows with a backup's, all or nothing. */
import { restoreDatabase } from "./lib/backup";
import { resolveDatabase } from "./lib/database";
import { migrate } from "./lib/migrate";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
const db = await resolveDatabase({ quiet: true });
try {
  await migrate(db.url);
  const { rows } = await restoreDatabase(db.url, file);
  console.log(`Restored ${rows} rows from ${file}`);
} finally {
  await db.stop();
}
