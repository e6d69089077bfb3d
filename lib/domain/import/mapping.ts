/**
 * A mapping: which column fills which field, and which of the file's values means which of ours.
 * Saved per organization by name (ImportMapping) and sent with every check and import; this
 * schema is the one check of its shape, in the browser and on the server.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { z } from "../zod";
import type { ColumnMap } from "./columns";
import { doublyMappedFields } from "./columns";
import { IMPORT_FIELD_BY_KEY, IMPORT_FIELD_KEYS, VALUE_FIELD_KEYS, type ImportFieldKey } from "./fields";
import { DATE_ORDERS, type DateOrder } from "./dates";
import { MAX_COLUMNS, MAX_HEADER_LENGTH } from "./limits";
import { allowedValues, type ValueMap } from "./values";

const MAX_VALUES_PER_FIELD = 500;
export const MAX_ID_COLUMNS = 4;
/** Between the parts of an external id built from several columns. */
export const ID_SEPARATOR = " / ";

/**
 * zod drops a record's "__proto__" key without a word (a plain object cannot hold it), so a
 * mapping naming a column or value "__proto__" would lose it silently: it is refused instead.
 * (The file's own headers never are "__proto__": see uniqueHeaders.)
 */
function withoutProtoKey<S extends z.ZodType>(schema: S, what: string) {
  return z
    .unknown()
    .superRefine((v, ctx) => {
      const keys = typeof v === "object" && v !== null ? Object.keys(v) : [];
      if (keys.some((k) => k.trim() === "__proto__")) ctx.addIssue({ code: "custom", path: ["__proto__"], message: `A ${what} cannot be called “__proto__”; rename it.` });
    })
    .pipe(schema);
}

export const columnMapSchema = withoutProtoKey(
  z
    .record(z.string().trim().min(1).max(MAX_HEADER_LENGTH), z.union([z.enum(IMPORT_FIELD_KEYS), z.literal("")]))
    .refine((m) => Object.keys(m).length <= MAX_COLUMNS, `At most ${MAX_COLUMNS} columns`),
  "column",
);

export const valueMapSchema = z.partialRecord(
  z.enum(VALUE_FIELD_KEYS),
  withoutProtoKey(
    z.record(z.string().max(200), z.string().max(40)).refine((m) => Object.keys(m).length <= MAX_VALUES_PER_FIELD, `At most ${MAX_VALUES_PER_FIELD} values per field`),
    "value",
  ),
);

export const importMappingSchema = z
  .object({
    columns: columnMapSchema,
    values: valueMapSchema.default({}),
    /** How the file writes dates like 05/01/2027; needed only when its values do not settle it. */
    dateOrder: z.enum(DATE_ORDERS, { error: "Choose day first or month first" }).optional(),
    /**
     * The external id built from several columns, in order ("Agency" + "Use Case ID" → "EPA / 25"),
     * for inventories whose ids repeat across agencies. Replaces a column mapped to External id.
     */
    externalIdColumns: z.array(z.string().trim().min(1).max(MAX_HEADER_LENGTH)).max(MAX_ID_COLUMNS, `At most ${MAX_ID_COLUMNS} columns make an id`).optional(),
    /** Repair mojibake ("FBIâ€™s") and stray control characters (U+0092) in text cells. */
    repairText: z.boolean().optional(),
    /** Keep every column not mapped to a field as a named additional field on the use case. */
    keepOthers: z.boolean().optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    // zod runs this check even when parts of the input already failed their own types (and were
    // reported there): only well-formed parts are judged here, and nothing else is turned into text.
    const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
    if (isRecord(m.columns) && Object.values(m.columns).every((v) => typeof v === "string")) {
      for (const key of doublyMappedFields(m.columns as ColumnMap)) {
        ctx.addIssue({ code: "custom", path: ["columns"], message: `Two columns are mapped to ${IMPORT_FIELD_BY_KEY[key].label}; choose one.` });
      }
    }
    if (!isRecord(m.values)) return;
    for (const [key, values] of Object.entries(m.values) as [ImportFieldKey, unknown][]) {
      if (!Object.hasOwn(IMPORT_FIELD_BY_KEY, key) || !isRecord(values)) continue;
      const allowed = allowedValues(key);
      for (const [from, to] of Object.entries(values)) {
        if (typeof to !== "string") continue;
        if (to !== "" && !allowed.includes(to)) {
          ctx.addIssue({ code: "custom", path: ["values", key, from], message: `${IMPORT_FIELD_BY_KEY[key].label} takes ${allowed.join(", ")}, not “${to}”.` });
        }
      }
    }
  });

export type ImportMapping = { columns: ColumnMap; values: ValueMap; dateOrder?: DateOrder; externalIdColumns?: string[]; repairText?: boolean; keepOthers?: boolean };
export type ImportMappingInput = z.input<typeof importMappingSchema>;

export const mappingNameSchema = z.string().trim().min(1, "Give the mapping a name").max(80, "At most 80 characters");

/** Only the value choices (and date order) for columns that are mapped (a saved mapping keeps nothing stale). */
export function pruneValues(mapping: ImportMapping): ImportMapping {
  const mapped = new Set(Object.values(mapping.columns).filter(Boolean));
  const values: ValueMap = {};
  for (const [k, v] of Object.entries(mapping.values) as [ImportFieldKey, Record<string, string>][]) if (mapped.has(k) && v && Object.keys(v).length) values[k] = v;
  const out: ImportMapping = { columns: mapping.columns, values };
  if (mapping.dateOrder && mapped.has("startDate")) out.dateOrder = mapping.dateOrder;
  if (mapping.externalIdColumns?.length) out.externalIdColumns = mapping.externalIdColumns;
  if (mapping.repairText) out.repairText = true;
  if (mapping.keepOthers) out.keepOthers = true;
  return out;
}
