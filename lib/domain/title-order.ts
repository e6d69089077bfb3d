/**
 * Titles, and any other text people read in a list (business units, people's names), in the order
 * people read them: ICU's root collation (case and accents second: apple, Banana, eclair, Éclair,
 * Zebra), then code units, so that no two texts tie. The same order as the database's
 * `titleOrderSql` / `textOrderSql` (lib/server/use-cases/title-order.ts), for lists sorted in memory.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
const collator = new Intl.Collator("und");

export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** People by name as they read it, then by email (two people may share a name). */
export function compareByName(a: { name: string; email: string }, b: { name: string; email: string }): number {
  return compareText(a.name, b.name) || compareText(a.email, b.email);
}
