/**
 * One round of the tenants bench (./tenants.ts) in a process of its own: the bench organization's
 * figures in the database DATABASE_URL names, as one line of JSON. The timed use case is the one
 * in the middle of the list's first page (the same one in both databases: the copy keeps its id).
 */
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { db } from "@/lib/server/db";
import { closeExportPool } from "@/lib/server/export/pool";
import { listUseCases } from "@/lib/server/use-cases/list";
import { figures } from "./tenants";

async function main() {
  const organizationId = process.argv[2];
  if (!organizationId) throw new Error("Usage: tenants-figures.ts <organization id>");
  const [org] = await db.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM "Organization" WHERE id = ${organizationId}`;
  if (!org) throw new Error(`No organization ${organizationId} in this database.`);
  const page = await listUseCases(org.id, DEFAULT_LIST_QUERY);
  const useCaseId = page.rows[Math.floor(page.rows.length / 2)]!.id;
  const result = await figures(org, useCaseId);
  await closeExportPool();
  await db.$disconnect();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
