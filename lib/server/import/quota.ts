import "server-only";
import { db, type Tx } from "../db";

/**
 * Import quotas for new organizations (issue 16). Anyone can sign up and get an organization of
 * their own; without a quota, its first minute could import 10,000 rows a file, as often as it
 * likes. For its first NEW_ORGANIZATION_DAYS an organization may import NEW_ORGANIZATION_ROWS_PER_DAY
 * rows in any 24 hours (counted from the import audit entries, so the quota holds across servers);
 * after that, only the per-file limit (lib/domain/import/limits.ts) applies.
 */
export const NEW_ORGANIZATION_DAYS = 14;
export const NEW_ORGANIZATION_ROWS_PER_DAY = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Must equal lib/server/import/run.ts's IMPORT_SUMMARY_ACTION (kept here to avoid an import cycle). */
const IMPORT_SUMMARY_ACTION = "use_cases.imported";

/** Rows this organization may still import now, or null when it has no quota. */
export async function importRowAllowance(organizationId: string, now = new Date(), client: Pick<Tx, "organization" | "auditEvent"> = db): Promise<number | null> {
  const org = await client.organization.findUnique({ where: { id: organizationId }, select: { createdAt: true } });
  if (!org || now.getTime() - org.createdAt.getTime() >= NEW_ORGANIZATION_DAYS * DAY_MS) return null;
  const imports = await client.auditEvent.findMany({
    where: { organizationId, action: IMPORT_SUMMARY_ACTION, at: { gte: new Date(now.getTime() - DAY_MS) } },
    select: { after: true },
  });
  const used = imports.reduce((sum, e) => sum + (Number((e.after as { rows?: unknown } | null)?.rows) || 0), 0);
  return Math.max(0, NEW_ORGANIZATION_ROWS_PER_DAY - used);
}

export function quotaMessage(rows: number, allowance: number): string {
  return (
    `This file has ${rows.toLocaleString("en-US")} rows; a new organization may import ${NEW_ORGANIZATION_ROWS_PER_DAY.toLocaleString("en-US")} rows a day ` +
    `during its first ${NEW_ORGANIZATION_DAYS} days, and ${allowance.toLocaleString("en-US")} remain today. Import a smaller file, or the rest tomorrow.`
  );
}
