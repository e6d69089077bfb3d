import "server-only";
import { Prisma } from "../db";

/**
 * Titles as people read them, and the same on every PostgreSQL whatever its own locale (the
 * embedded one is created with --locale=C, where ORDER BY "title" put "apple" after "Zebra"):
 * ICU's root collation ("und-x-icu", which initdb creates wherever PostgreSQL has ICU), so case
 * and accents come second (apple, Banana, eclair, Éclair, Zebra); then the title byte by byte and
 * the id, so that ties have one order and paging never repeats or skips a row. Lists sorted in
 * memory use lib/domain/title-order.ts, the same order.
 */
export function titleOrderSql(dir: "asc" | "desc", alias = "u"): Prisma.Sql {
  return Prisma.sql`${textOrderSql("title", dir, alias)}, ${Prisma.raw(`"${alias}"."id"`)} ASC`;
}

/**
 * Any text column people read, in the same order as titles (ICU's root collation, then byte by
 * byte): the business unit sorted "Zebra" before "apple" and "Émission" after "Zebra" on the
 * embedded database. The caller adds its own tie-breakers.
 */
export function textOrderSql(column: "title" | "businessUnit", dir: "asc" | "desc", alias = "u"): Prisma.Sql {
  const d = Prisma.raw(dir === "desc" ? "DESC" : "ASC");
  const t = Prisma.raw(`"${alias}"."${column}"`);
  return Prisma.sql`${t} COLLATE "und-x-icu" ${d}, ${t} COLLATE "C" ${d}`;
}
