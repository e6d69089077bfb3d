/**
 * schema.prisma and the migrated database must agree: every model's table, every field's column
 * with its type family and nullability, every unique constraint and foreign key. The migrations
 * are hand-kept SQL (see README), so this is what stops them drifting apart.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface Field { name: string; type: string; optional: boolean; list: boolean; unique: boolean; relation: { fields: string[]; references: string[] } | null }
interface Model { name: string; view: boolean; fields: Field[]; uniques: string[][] }

const SCALARS: Record<string, string> = {
  String: "text", Int: "integer", BigInt: "bigint", Boolean: "boolean", DateTime: "timestamp", Json: "jsonb", Float: "double precision", Decimal: "numeric",
};

function parseSchema(src: string): { models: Model[]; enums: Set<string> } {
  const enums = new Set([...src.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const models: Model[] = [];
  for (const m of src.matchAll(/^(model|view)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const model: Model = { name: m[2]!, view: m[1] === "view", fields: [], uniques: [] };
    for (const raw of m[3]!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      const u = line.match(/^@@unique\(\[([^\]]+)\]/);
      if (u) { model.uniques.push(u[1]!.split(",").map((s) => s.trim())); continue; }
      if (line.startsWith("@@")) continue;
      const f = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!f) continue;
      const rel = f[5]!.match(/@relation\([^)]*fields:\s*\[([^\]]+)\][^)]*references:\s*\[([^\]]+)\]/);
      model.fields.push({
        name: f[1]!, type: f[2]!, list: !!f[3], optional: !!f[4], unique: /@unique\b/.test(f[5]!) || /@id\b/.test(f[5]!),
        relation: rel ? { fields: rel[1]!.split(",").map((s) => s.trim()), references: rel[2]!.split(",").map((s) => s.trim()) } : null,
      });
      if (/@db\.Date\b/.test(f[5]!)) model.fields[model.fields.length - 1]!.type = "Date";
    }
    models.push(model);
  }
  return { models, enums };
}

const schema = parseSchema(readFileSync(path.resolve(import.meta.dirname, "..", "prisma", "schema.prisma"), "utf8"));
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => client.end());

async function columns(table: string) {
  const { rows } = await client.query<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
    `select column_name, data_type, udt_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r]));
}

async function uniqueColumnSets(table: string): Promise<string[]> {
  const { rows } = await client.query<{ cols: string }>(
    `select string_agg(a.attname, ',' order by k.ord) as cols
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where t.relname = $1 and i.indisunique and i.indexprs is null
      group by i.indexrelid`,
    [table],
  );
  return rows.map((r) => r.cols);
}

async function foreignKeys(table: string): Promise<string[]> {
  const { rows } = await client.query<{ def: string }>(
    `select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_class t on t.oid = c.conrelid where t.relname = $1 and c.contype = 'f'`,
    [table],
  );
  return rows.map((r) => r.def);
}

describe("schema.prisma against the migrated database", () => {
  it("parses every model and view", () => {
    expect(schema.models.filter((m) => !m.view).length).toBeGreaterThanOrEqual(10);
    expect(schema.models.filter((m) => m.view).map((m) => m.name)).toEqual(["CostLine", "CostYear"]);
  });

  // A view's columns and types are checked like a table's; PostgreSQL reports every column of a
  // view as nullable and gives it no keys, so its nullability, uniques and relations are the
  // schema's word (the migration that makes it says what it reads).
  for (const model of schema.models.filter((m) => m.view)) {
    it(`view ${model.name}: columns and types match`, async () => {
      const cols = await columns(model.name);
      expect(cols.size, `view ${model.name} exists`).toBeGreaterThan(0);
      const scalarFields = model.fields.filter((f) => SCALARS[f.type] || schema.enums.has(f.type));
      for (const f of scalarFields) {
        const col = cols.get(f.name);
        expect(col, `${model.name}.${f.name} has a column`).toBeDefined();
        if (schema.enums.has(f.type)) expect(col!.udt_name, `${model.name}.${f.name} enum`).toBe(f.type);
        else expect(col!.data_type, `${model.name}.${f.name} type`).toContain(SCALARS[f.type]);
      }
      expect([...cols.keys()].sort()).toEqual(scalarFields.map((f) => f.name).sort());
    });
  }

  for (const model of schema.models.filter((m) => !m.view)) {
    it(`${model.name}: columns, types, nullability, uniques and foreign keys match`, async () => {
      const cols = await columns(model.name);
      expect(cols.size, `table ${model.name} exists`).toBeGreaterThan(0);
      const scalarFields = model.fields.filter((f) => SCALARS[f.type] || schema.enums.has(f.type) || f.type === "Date");
      for (const f of scalarFields) {
        const col = cols.get(f.name);
        expect(col, `${model.name}.${f.name} has a column`).toBeDefined();
        if (f.list) expect(col!.data_type, `${model.name}.${f.name} is an array`).toBe("ARRAY");
        else if (schema.enums.has(f.type)) expect(col!.udt_name, `${model.name}.${f.name} enum`).toBe(f.type);
        else if (f.type === "Date") expect(col!.data_type).toBe("date");
        else expect(col!.data_type, `${model.name}.${f.name} type`).toContain(SCALARS[f.type]);
        if (!f.list) expect(col!.is_nullable === "YES", `${model.name}.${f.name} nullability`).toBe(f.optional);
      }
      const fieldColumns = new Set(scalarFields.map((f) => f.name));
      for (const name of cols.keys()) expect(fieldColumns.has(name), `column ${model.name}.${name} is in schema.prisma`).toBe(true);

      const uniques = await uniqueColumnSets(model.name);
      for (const f of model.fields.filter((x) => x.unique)) expect(uniques, `${model.name}.${f.name} unique`).toContain(f.name);
      for (const set of model.uniques) expect(uniques, `${model.name} @@unique(${set})`).toContain(set.join(","));

      const fks = await foreignKeys(model.name);
      const relations = model.fields.filter((f) => f.relation);
      expect(fks.length, `${model.name} foreign key count`).toBe(relations.length);
      for (const f of relations) {
        const expected = `FOREIGN KEY (${f.relation!.fields.map((c) => `"${c}"`).join(", ")}) REFERENCES "${f.type}"(${f.relation!.references.map((c) => `"${c}"`).join(", ")})`;
        const unquote = (s: string) => s.replaceAll('"', "");
        expect(fks.some((d) => unquote(d).startsWith(unquote(expected))), `${model.name}.${f.name}: ${expected}`).toBe(true);
      }
    });
  }
});
