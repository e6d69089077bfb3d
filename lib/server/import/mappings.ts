import "server-only";
import { importMappingSchema, pruneValues, type ColumnMap, type DateOrder, type ImportMapping, type ValueMap } from "@/lib/domain/import";
import { audit } from "../audit";
import { db, Prisma } from "../db";
import { NotFoundError } from "../errors";
import type { ImportActor } from "./plan";

/**
 * Saved mappings (ImportMapping): an organization's named column and value mappings, offered
 * again (preselected when their columns are in the file) on the next import. Anyone who may
 * import may save, overwrite (same name) or delete one; each change is audited.
 */

export const MAPPING_ENTITY = "ImportMapping";

export interface SavedMapping {
  id: string;
  name: string;
  columns: ColumnMap;
  values: ValueMap;
  dateOrder?: DateOrder;
  externalIdColumns?: string[];
  repairText?: boolean;
  keepOthers?: boolean;
  updatedAt: string;
}

export async function listImportMappings(organizationId: string): Promise<SavedMapping[]> {
  const rows = await db.importMapping.findMany({ where: { organizationId }, orderBy: { name: "asc" }, take: 200 });
  const out: SavedMapping[] = [];
  for (const r of rows) {
    // A stored mapping that no longer passes the schema (a field renamed since) is skipped, not fatal.
    const options = (r.options ?? {}) as { externalIdColumns?: unknown; repairText?: unknown; keepOthers?: unknown };
    const parsed = importMappingSchema.safeParse({
      columns: r.columnMap,
      values: r.valueMap,
      dateOrder: r.dateOrder ?? undefined,
      ...(options.externalIdColumns !== undefined ? { externalIdColumns: options.externalIdColumns } : {}),
      ...(options.repairText !== undefined ? { repairText: options.repairText } : {}),
      ...(options.keepOthers !== undefined ? { keepOthers: options.keepOthers } : {}),
    });
    if (parsed.success) out.push({ id: r.id, name: r.name, ...(pruneValues(parsed.data as ImportMapping)), updatedAt: r.updatedAt.toISOString() });
  }
  return out;
}

const json = (v: unknown) => v as Prisma.InputJsonValue;
const optionsOf = (m: ImportMapping) => ({ ...(m.externalIdColumns?.length ? { externalIdColumns: m.externalIdColumns } : {}), ...(m.repairText ? { repairText: true } : {}), ...(m.keepOthers ? { keepOthers: true } : {}) });

export async function saveImportMapping(actor: ImportActor, input: { name: string; mapping: ImportMapping }): Promise<SavedMapping> {
  const mapping = pruneValues(input.mapping);
  return db.$transaction(async (tx) => {
    const before = await tx.importMapping.findUnique({ where: { organizationId_name: { organizationId: actor.organizationId, name: input.name } } });
    const saved = await tx.importMapping.upsert({
      where: { organizationId_name: { organizationId: actor.organizationId, name: input.name } },
      create: { organizationId: actor.organizationId, name: input.name, columnMap: json(mapping.columns), valueMap: json(mapping.values), dateOrder: mapping.dateOrder ?? null, options: json(optionsOf(mapping)) },
      update: { columnMap: json(mapping.columns), valueMap: json(mapping.values), dateOrder: mapping.dateOrder ?? null, options: json(optionsOf(mapping)) },
    });
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: before ? "import_mapping.updated" : "import_mapping.created",
      entity: MAPPING_ENTITY,
      entityId: saved.id,
      before: before ? { name: before.name, columns: before.columnMap, values: before.valueMap, dateOrder: before.dateOrder, options: before.options } : null,
      after: { name: saved.name, columns: mapping.columns, values: mapping.values, dateOrder: mapping.dateOrder ?? null, options: optionsOf(mapping) },
    });
    return { id: saved.id, name: saved.name, ...mapping, updatedAt: saved.updatedAt.toISOString() };
  });
}

export async function deleteImportMapping(actor: ImportActor, input: { id: string }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const row = await tx.importMapping.findFirst({ where: { id: input.id, organizationId: actor.organizationId } });
    if (!row) throw new NotFoundError("This saved mapping does not exist.");
    await tx.importMapping.deleteMany({ where: { id: row.id, organizationId: actor.organizationId } });
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "import_mapping.deleted",
      entity: MAPPING_ENTITY,
      entityId: row.id,
      before: { name: row.name, columns: row.columnMap, values: row.valueMap, dateOrder: row.dateOrder },
      after: null,
    });
    return { id: row.id };
  });
}
