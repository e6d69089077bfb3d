/**
 * The files offered for download on the import page:
 * - the template: a header row only, one column per field, so it can be filled in and imported
 *   as it is (allowed values are not put in a second row, which would be imported as a use case);
 * - an example: the same header and two rows that import cleanly;
 * - the field guide: one row per column saying what it takes (allowed values, bounds, format).
 * UTF-8 with a byte-order mark (so Excel reads accents), CRLF, RFC 4180 quoting.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import Papa from "papaparse";
import { IMPORT_FIELDS } from "./fields";
import { MAX_DATA_ROWS, MAX_FILE_BYTES, formatBytes } from "./limits";

const BOM = "\uFEFF";

/** A spreadsheet must not take a cell for a formula. Our cells never start with these, but hold the line. */
function safe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function toCsv(rows: string[][]): string {
  return BOM + Papa.unparse(rows.map((r) => r.map(safe)), { newline: "\r\n", quotes: false }) + "\r\n";
}

export const TEMPLATE_HEADERS: readonly string[] = IMPORT_FIELDS.map((f) => f.key);

export function templateCsv(): string {
  return toCsv([[...TEMPLATE_HEADERS]]);
}

export function exampleCsv(): string {
  const first = IMPORT_FIELDS.map((f) => f.example);
  const second = IMPORT_FIELDS.map((f) => {
    switch (f.key) {
      case "title":
        return "Contract clause reviewer";
      case "description":
        return "Flags risky clauses in supplier contracts.\nSecond line: cells may span lines when quoted.";
      case "businessUnit":
        return "Legal";
      case "status":
        return "IDEA";
      case "externalId":
        return "INV-2027-002";
      case "changeFrequency":
        return "quarterly";
      case "coreNeed":
        return "reasoning";
      case "needsStyleOrFormat":
        return "yes";
      default:
        return "";
    }
  });
  return toCsv([[...TEMPLATE_HEADERS], first, second]);
}

export const FIELD_GUIDE_HEADERS = ["column", "label", "required", "format", "allowed values", "example", "help"] as const;

export function fieldGuideRows(): string[][] {
  return IMPORT_FIELDS.map((f) => [
    f.key,
    f.label,
    f.required ? "yes (new use cases)" : "no",
    f.format,
    f.options ? f.options.map((o) => (o.label.toLowerCase() === o.value.toLowerCase() ? o.value : `${o.value} (${o.label})`)).join("; ") : "",
    f.example,
    f.help,
  ]);
}

export function fieldGuideCsv(): string {
  return toCsv([[...FIELD_GUIDE_HEADERS], ...fieldGuideRows()]);
}

/** The rules of a file, in words, for the page and the guide. */
export const FILE_RULES: readonly string[] = [
  `CSV with a header row, at most ${formatBytes(MAX_FILE_BYTES)} and ${MAX_DATA_ROWS.toLocaleString("en-US")} rows.`,
  "UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1252 as older Excel saves it.",
  "Commas, semicolons or tabs between cells; a cell may span several lines inside double quotes.",
  "Column names need not match ours: you map them, and the values of status and the choice answers, before anything is imported.",
  "Empty cells leave a field unanswered (a new use case) or unchanged (an update).",
  "A row whose external id is already in the registry updates that use case; any other row adds one.",
  "Row numbers are as a spreadsheet shows them: the header is row 1.",
];
