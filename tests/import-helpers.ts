/** Helpers for the import's tests: the template's rows and mapping, CSV text, Windows-1252 bytes, the browser's check loop, and committing a file and reading back what it wrote. */
import Papa from "papaparse";
import { checkImportRows, importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { db } from "@/lib/server/db";
import type { TestOrg } from "./helpers/factory";
import {
  buildReport,
  chunkRows,
  claimAcrossChunks,
  crossRowChecks,
  decodeCsvBytes,
  describeEncoding,
  encodingWarnings,
  fileRowsOf,
  fileVolumeOutliers,
  IMPORT_FIELD_KEYS,
  parseCsv,
  prepareRows,
  suggestColumns,
  TEMPLATE_HEADERS,
  type FieldChange,
  type ImportMapping,
  type ImportReport,
  type RowIssue,
  type RowMatch,
  type RowAction,
  type RowVolume,
} from "@/lib/domain/import";

/** The template's header row. */
export const H = [...TEMPLATE_HEADERS];

/** A row of the template from a few fields; the rest empty. */
export function tRow(values: Partial<Record<(typeof IMPORT_FIELD_KEYS)[number], string>>): string[] {
  return H.map((h) => values[h as keyof typeof values] ?? "");
}

/** The mapping the import suggests for the template's own headers. */
export const templateMapping = (): ImportMapping => ({ columns: suggestColumns(H), values: {} });

export function csv(rows: readonly (readonly string[])[], newline = "\r\n"): string {
  return Papa.unparse(rows.map((r) => [...r]), { newline }) + newline;
}

/** Windows-1252 bytes for text in Latin-1 plus the few cp1252 extras used in tests. */
const CP1252_EXTRAS: Record<string, number> = { "–": 0x96, "—": 0x97, "’": 0x92, "‘": 0x91, "“": 0x93, "”": 0x94, "€": 0x80 };
export function windows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = CP1252_EXTRAS[ch] ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in windows-1252: ${ch}`);
    out[i] = code;
  }
  return out;
}

export function fileOf(content: string | Uint8Array, name = "use-cases.csv"): File {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return new File([new Uint8Array(bytes)], name, { type: "text/csv" });
}

/** What the import page does before the import: parse, then check the rows a chunk at a time, and merge. */
export async function checkLikeTheBrowser(orgSlug: string, bytes: Uint8Array, mapping: ImportMapping): Promise<{ report: ImportReport; chunks: number; failed?: unknown }> {
  const decoded = decodeCsvBytes(bytes);
  const { encoding } = decoded;
  const parsed = parseCsv(decoded.text, { marks: decoded.foreignOffsets });
  const encodingNote = describeEncoding(decoded, parsed.markedRows);
  const { plan, converted } = prepareRows(parsed.headers, parsed.rows, mapping);
  const cross = crossRowChecks(converted, plan, { closeTitles: true });
  const actions = new Map<number, RowAction>();
  const changes = new Map<number, FieldChange[]>();
  const errors: RowIssue[] = [...cross.errors];
  const warnings: RowIssue[] = [...cross.warnings, ...encodingWarnings(parsed.markedRows)];
  const notes: string[] = [...cross.notes];
  let chunks = 0;
  const claimed = new Map<string, RowMatch>();
  const volumes: RowVolume[] = [];
  let registry: [string, number][] = [];
  for (const chunk of chunkRows(parsed.rows)) {
    const res = await checkImportRows(orgSlug, { headers: parsed.headers, rows: chunk, mapping, ...(chunks === 0 ? { registry: true } : {}) });
    chunks++;
    if (!res.ok) return { report: buildReport({ actions, rows: 0, errors, warnings, problems: [res.message] }), chunks, failed: res };
    for (const [row, action] of res.data.actions) actions.set(row, action);
    for (const [row, c] of res.data.changes) changes.set(row, c);
    errors.push(...res.data.errors, ...claimAcrossChunks(claimed, res.data.matches));
    warnings.push(...res.data.warnings);
    notes.push(...res.data.notes);
    volumes.push(...res.data.volumes);
    if (res.data.registry) registry = res.data.registry;
  }
  warnings.push(...fileVolumeOutliers(volumes, registry, claimed, errors, plan));
  const fileRows = fileRowsOf(converted);
  return { report: buildReport({ actions, changes, rows: parsed.rows.length, errors, warnings, notes, problems: parsed.problems, encoding, encodingNote, fileRows }), chunks };
}

/** The organization's use cases, by external id. */
export async function useCasesOf(org: TestOrg) {
  return db.useCase.findMany({ where: { organizationId: org.id }, orderBy: { externalId: "asc" } });
}
/** What an import that is refused must leave as it was. */
export async function footprint(org: TestOrg) {
  const [useCases, audits, lines, mappings] = await Promise.all([
    db.useCase.count({ where: { organizationId: org.id } }),
    db.auditEvent.count({ where: { organizationId: org.id } }),
    db.costLine.count({ where: { organizationId: org.id } }),
    db.importMapping.count({ where: { organizationId: org.id } }),
  ]);
  return { useCases, audits, lines, mappings };
}

/** Imports a file through the server action as the signed-in person; throws if the action itself refuses. */
export async function commit(org: TestOrg, content: string | Uint8Array, mapping: ImportMapping, name = "use-cases.csv") {
  const res = await importUseCases(org.slug, { file: fileOf(content, name), fileName: name, mapping });
  if (!res.ok) throw new Error(`import refused: ${res.code} ${res.message} ${JSON.stringify(res.fieldErrors)}`);
  return res.data;
}
