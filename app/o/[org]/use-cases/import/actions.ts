"use server";
/**
 * The CSV import's server actions, each made with orgAction (guard → strict zod input → handler →
 * one error policy) and called as `action(orgSlug, input)`. The organization comes from the
 * signed-in member's membership; the logic is in lib/server/import.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { CHECK_CHUNK_ROWS, IMPORT_ROLES, importMappingSchema, mappingNameSchema, MAX_CELL_LENGTH, MAX_COLUMNS, MAX_HEADER_LENGTH, type ImportMapping } from "@/lib/domain/import";
import { orgAction } from "@/lib/server/action";
import type { MemberContext } from "@/lib/server/guard";
import { deleteImportMapping as deleteMapping, saveImportMapping as saveMapping } from "@/lib/server/import/mappings";
import type { ImportActor } from "@/lib/server/import/plan";
import { rowsOfFile, rowsWork } from "@/lib/server/member-work-throttle";
import { checkRows, importFile } from "@/lib/server/import/run";
import { undoImport as undo } from "@/lib/server/import/undo";

const actorOf = (ctx: MemberContext): ImportActor => ({ organizationId: ctx.organization.id, userId: ctx.user.id, role: ctx.role });

const rowsInput = z
  .array(
    z
      .object({
        row: z.number().int().min(2).max(10_000_000),
        cells: z.array(z.string().max(MAX_CELL_LENGTH)).max(MAX_COLUMNS),
        extraCells: z.number().int().min(0).max(100_000).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(CHECK_CHUNK_ROWS);

/** Checks some rows of a file against the registry (the browser sends a chunk at a time). Writes nothing. */
export const checkImportRows = orgAction({
  name: "useCases.import.check",
  roles: IMPORT_ROLES,
  mutates: false,
  // Thirty files of 10,000 rows in ten minutes (the browser sends 1,000 rows a call, one after another). Not one
  // at a time: a second tab checking a file would be refused part-way through it; the budget bounds the work.
  costly: rowsWork("Checks of import files", 300_000, (input: { rows: unknown[] }) => input.rows.length),
  input: z
    .object({
      headers: z.array(z.string().max(MAX_HEADER_LENGTH)).min(1).max(MAX_COLUMNS),
      rows: rowsInput,
      mapping: importMappingSchema,
      /** Also return the registry's volumes (the first chunk asks), for the warning on a row that dwarfs the rest. */
      registry: z.boolean().optional(),
    })
    .strict(),
  handler: async (ctx, input) => checkRows(actorOf(ctx), { headers: input.headers, rows: input.rows, mapping: input.mapping as ImportMapping, registry: input.registry }),
});

/**
 * Imports the file in one transaction: every row, or none if any row is refused; or, with
 * onlyValid, the rows that pass, leaving the refused ones out (counted in the audit event).
 */
export const importUseCases = orgAction({
  name: "useCases.import.commit",
  roles: IMPORT_ROLES,
  // Ten files of 10,000 rows in ten minutes (rows counted by the file's lines); an import that commits nothing is not counted.
  costly: rowsWork("Imports", 100_000, (input: { file: Blob }) => rowsOfFile(input.file), { approximate: true, spent: (r) => (r as { committed?: boolean }).committed === true }),
  input: z
    .object({
      file: z.instanceof(Blob, { message: "Choose a CSV file." }),
      fileName: z.string().trim().max(255).default("import.csv"),
      mapping: importMappingSchema,
      onlyValid: z.boolean().default(false),
    })
    .strict(),
  handler: async (ctx, input) => {
    const outcome = await importFile(actorOf(ctx), { file: input.file, fileName: input.fileName, mapping: input.mapping as ImportMapping, quota: true, onlyValid: input.onlyValid });
    if (outcome.committed) revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return outcome;
  },
});

/** Saves (or overwrites, by name) a column and value mapping for the next import. */
export const saveImportMapping = orgAction({
  name: "useCases.import.saveMapping",
  roles: IMPORT_ROLES,
  input: z.object({ name: mappingNameSchema, mapping: importMappingSchema }).strict(),
  handler: async (ctx, input) => saveMapping(actorOf(ctx), { name: input.name, mapping: input.mapping as ImportMapping }),
});

/** Deletes a saved mapping. */
export const deleteImportMapping = orgAction({
  name: "useCases.import.deleteMapping",
  roles: IMPORT_ROLES,
  input: z.object({ id: z.string().min(1).max(64) }).strict(),
  handler: async (ctx, input) => deleteMapping(actorOf(ctx), input),
});

/** Undoes an import as one step: its new use cases deleted, its updates put back (refused if any changed since). */
export const undoImport = orgAction({
  name: "useCases.import.undo",
  roles: IMPORT_ROLES,
  input: z.object({ importId: z.string().min(1).max(64) }).strict(),
  handler: async (ctx, input) => {
    const result = await undo(actorOf(ctx), input.importId);
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});
