/**
 * A logical backup of the whole database: every table's rows as JSON lines, gzipped, with the
 * migration history so a restore refuses a backup from a different schema.
 *
 * Why not pg_dump: the embedded PostgreSQL package ships no pg_dump, and a pg_dump older than the
 * server refuses to dump it (these machines carry pg_dump 15 against PostgreSQL 18). This format
 * needs only a connection, works against any PostgreSQL the app runs on, and restores in one
 * transaction (all or nothing).
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";

const BATCH = 2000;

interface Header {
  format: "tradeoff-backup";
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

/**
 * Tables a backup leaves out, and a restore leaves as they are. RevokedSession is security state,
 * not organization data: restoring an older backup must not bring back sessions that were signed
 * out since (it has no foreign key, so the restore's TRUNCATE … CASCADE does not reach it either).
 * The portfolio cache's tables (issue 22) hold transaction ids and snapshots, which mean nothing in
 * another cluster: a restore starts with an empty cache (its TRUNCATE of "Organization" cascades to
 * the results and the horizon; the restore's own inserts record changes for every organization).
 * The portfolio's kept sums (cost cells, use-case counts, tallies) are derived from the rollup: a
 * restore empties them with the organizations, and each organization's are rebuilt when its
 * portfolio is first read (lib/server/portfolio/cost-sums.ts).
 */
export const NOT_BACKED_UP = ["_prisma_migrations", "RevokedSession", "PortfolioCache", "PortfolioCacheHorizon", "PortfolioChange", "PortfolioCostSum", "PortfolioUseCaseSum", "PortfolioTally"] as const;

async function appTables(client: pg.Client): Promise<string[]> {
  // Parents before children, so a restore can insert in this order with foreign keys on.
  const { rows } = await client.query<{ name: string }>(`
    with recursive deps as (
      select c.oid, c.relname::text as name, 0 as depth
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and c.relname <> all($1::text[])
      union all
      select d.oid, d.name, p.depth + 1
        from deps p
        join pg_constraint k on k.confrelid = p.oid and k.contype = 'f' and k.conrelid <> k.confrelid
        join (select c.oid, c.relname::text as name from pg_class c) d on d.oid = k.conrelid
       where p.depth < 20 and d.name <> all($1::text[])
    )
    select name from deps group by name order by max(depth), name`, [[...NOT_BACKED_UP]]);
  return rows.map((r) => r.name);
}

async function migrationNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ migration_name: string }>(
    `select migration_name from "_prisma_migrations" where rolled_back_at is null and finished_at is not null order by migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

export async function backupDatabase(databaseUrl: string, file: string): Promise<{ rows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(file));
  const write = (line: string) => new Promise<void>((resolve) => (gzip.write(line + "\n") ? resolve() : gzip.once("drain", () => resolve())));
  let total = 0;
  try {
    await client.query("begin isolation level repeatable read read only");
    const tables = await appTables(client);
    const header: Header = { format: "tradeoff-backup", version: 1, createdAt: new Date().toISOString(), migrations: await migrationNames(client), tables };
    await write(JSON.stringify(header));
    for (const table of tables) {
      await write(JSON.stringify({ table }));
      let offset = 0;
      for (;;) {
        const { rows } = await client.query<{ r: unknown }>(
          `select row_to_json(t) as r from "${table}" t order by ctid limit ${BATCH} offset ${offset}`,
        );
        for (const row of rows) await write(JSON.stringify(row.r));
        total += rows.length;
        offset += rows.length;
        if (rows.length < BATCH) break;
      }
    }
    await client.query("commit");
  } finally {
    await client.end();
    gzip.end();
    await new Promise<void>((resolve, reject) => out.on("finish", () => resolve()).on("error", reject));
  }
  return { rows: total };
}

export class BackupMismatchError extends Error {}

/** Replaces every table's rows with the backup's, in one transaction. */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<{ rows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let header: Header | null = null;
  let table: string | null = null;
  let batch: unknown[] = [];
  let total = 0;
  const flush = async () => {
    if (!table || batch.length === 0) return;
    await client.query(`insert into "${table}" select * from json_populate_recordset(null::"${table}", $1::json)`, [JSON.stringify(batch)]);
    total += batch.length;
    batch = [];
  };
  try {
    await client.query("begin");
    // Made only now: readline starts reading at once, and lines read before iteration starts are lost.
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        if (value.format !== "tradeoff-backup") throw new BackupMismatchError("Not a Tradeoff backup file.");
        header = value as unknown as Header;
        const current = await migrationNames(client);
        if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
          throw new BackupMismatchError(
            `The backup was taken at schema ${header.migrations.at(-1)} but this database is at ${current.at(-1)}; migrate to the same version first.`,
          );
        }
        const tables = await appTables(client);
        await client.query(`truncate ${tables.map((t) => `"${t}"`).join(", ")} restart identity cascade`);
        continue;
      }
      if (Object.keys(value).length === 1 && typeof value.table === "string") {
        await flush();
        if (!header.tables.includes(value.table)) throw new BackupMismatchError(`Unknown table in backup: ${value.table}`);
        table = value.table;
        continue;
      }
      batch.push(value);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // Identity columns continue after the restored rows.
    for (const t of header?.tables ?? []) {
      // (Only tables with an id column; some are keyed otherwise, e.g. UseCaseRollup by the use case.)
      const { rows } = await client.query<{ seq: string | null }>(
        `select pg_get_serial_sequence($1, 'id') as seq from information_schema.columns where table_schema = current_schema() and table_name = $2 and column_name = 'id'`,
        [`"${t}"`, t],
      );
      const seq = rows[0]?.seq;
      if (seq) await client.query(`select setval($1, coalesce((select max(id) from "${t}"), 0) + 1, false)`, [seq]);
    }
    await client.query("commit");
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return { rows: total };
}
