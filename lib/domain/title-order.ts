/**
 * Titles in the order people read them: ICU's root collation (case and accents second: apple,
 * Banana, eclair, Éclair, Zebra), then code units, so that no two titles tie. The same order as
 * the database's `titleOrderSql` (lib/server/use-cases/list.ts), for lists sorted in memory.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
const collator = new Intl.Collator("und");

export function compareTitles(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
