/** `npm run db:backup [file]`: a logical backup of the embedded or DATABASE_URL database. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "./lib/backup";
import { resolveDatabase } from "./lib/database";
import { ROOT } from "./lib/embedded-db";

const file = process.argv[2] ?? path.join(ROOT, "backups", `tradeoff-${new Date().toISOString().replace(/[:.]/g, "-")}.jsonl.gz`);
mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
const db = await resolveDatabase({ quiet: true });
try {
  const { rows } = await backupDatabase(db.url, file);
  console.log(`Backed up ${rows} rows to ${file}`);
} finally {
  await db.stop();
}
