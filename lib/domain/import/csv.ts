/**
 * Reading CSV text into a header and rows, with papaparse (RFC 4180: quoted cells, doubled
 * quotes, line breaks inside quotes; the delimiter is detected, so semicolon and tab files from
 * European spreadsheets work too). The same function runs in the browser (to map the columns) and
 * on the server (the import itself), so both see the same rows.
 *
 * Row numbers are as a spreadsheet shows them: the header is row 1, and a cell spanning several
 * lines is still one row. Blank rows are skipped but counted, so the numbers stay those of the file.
 * Parsing stops as soon as the file proves to have more than MAX_DATA_ROWS rows.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import Papa from "papaparse";
import { CHECK_CHUNK_CHARS, CHECK_CHUNK_ROWS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_HEADER_LENGTH, TOO_MANY_ROWS_MESSAGE } from "./limits";

export interface CsvRow {
  /** The row number in the file (the header is 1). */
  row: number;
  /** The cells, one per header (missing cells are ""; line endings inside cells are \n). */
  cells: string[];
  /** Non-empty cells beyond the header's columns (ignored; usually an unquoted comma in a cell). */
  extraCells?: number;
}

export interface ParsedCsv {
  /** Column names, unique: an empty one becomes "Column 3", a repeated one "Name (2)". */
  headers: string[];
  rows: CsvRow[];
  /** "," ";" "\t" … as detected. */
  delimiter: string;
  /** Problems with the file as a whole; any of them stops the import. */
  problems: string[];
  /** Stopped early: more than MAX_DATA_ROWS data rows. */
  tooManyRows: boolean;
  /** Rows holding a character at one of the `marks` given (for a mixed-encoding file: its Windows-1252 rows). */
  markedRows: number[];
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

/**
 * Makes column names unique and non-empty. A column called "__proto__" is renamed: a plain object
 * (the column mapping) cannot hold that key, so the column would silently vanish from it.
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = h.replace(/\s+/g, " ").trim().slice(0, MAX_HEADER_LENGTH);
    if (!name) name = `Column ${i + 1}`;
    if (name === "__proto__") name = `__proto__ (column ${i + 1})`;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/**
 * The separator a spreadsheet names on a first line of its own ("sep=;", which Excel writes and
 * reads but never shows), or null. That line is not the header: the readers skip it, so rows keep
 * the numbers the spreadsheet shows.
 */
export function excelSeparator(text: string): string | null {
  return /^\ufeff?sep=([^\r\n])\r?\n/i.exec(text)?.[1] ?? null;
}

/**
 * The delimiter, guessed by papaparse from the first rows with blank lines left out (with them
 * in, a short file's trailing newline defeats the guess).
 */
export function detectDelimiter(text: string): string {
  const sep = excelSeparator(text);
  if (sep) return sep;
  const sample = Papa.parse<string[]>(text.slice(0, 64_000), { preview: 20, skipEmptyLines: "greedy" });
  return sample.meta.delimiter || ",";
}

export function parseCsv(text: string, options: { maxRows?: number; marks?: readonly number[] } = {}): ParsedCsv {
  const maxRows = options.maxRows ?? MAX_DATA_ROWS;
  const marks = options.marks ?? [];
  const markedRows: number[] = [];
  let nextMark = 0;
  let recordNumber = 0;
  let headers: string[] | null = null;
  const rows: CsvRow[] = [];
  const problems: string[] = [];
  let tooManyRows = false;
  /** A header too wide to read: said so, and not also called empty. */
  let tooWide = false;
  const sep = excelSeparator(text);
  const delimiter = sep ?? detectDelimiter(text);
  let sepLine = sep !== null;

  Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    step(results, parser) {
      if (sepLine) {
        sepLine = false;
        return;
      }
      recordNumber++;
      if (nextMark < marks.length && marks[nextMark]! < results.meta.cursor) {
        markedRows.push(recordNumber);
        while (nextMark < marks.length && marks[nextMark]! < results.meta.cursor) nextMark++;
      }
      for (const e of results.errors) {
        if (e.type === "Quotes") {
          problems.push(
            e.code === "MissingQuotes"
              ? `Row ${recordNumber}: a quoted cell is never closed (a closing " is missing), so the rest of the file cannot be read reliably.`
              : `Row ${recordNumber}: a quote inside a quoted cell is not doubled ("" is how a CSV writes a quote inside quotes).`,
          );
        }
      }
      const cells = (results.data as unknown as string[]).map((c) => (c.includes("\r") ? c.replace(/\r\n?/g, "\n") : c));
      if (isBlank(cells)) return;
      if (!headers) {
        if (cells.length > MAX_COLUMNS) {
          problems.push(`The file has ${cells.length} columns; the import reads at most ${MAX_COLUMNS}.`);
          tooWide = true;
          parser.abort();
          return;
        }
        headers = uniqueHeaders(cells);
        return;
      }
      if (rows.length >= maxRows) {
        tooManyRows = true;
        parser.abort();
        return;
      }
      const width = headers.length;
      const aligned = cells.length === width ? cells : Array.from({ length: width }, (_, i) => cells[i] ?? "");
      const extra = cells.length > width ? cells.slice(width).filter((c) => c.trim() !== "").length : 0;
      rows.push(extra ? { row: recordNumber, cells: aligned, extraCells: extra } : { row: recordNumber, cells: aligned });
    },
  });

  // PostgreSQL cannot store a NUL, and a CSV file has none: it is a binary or UTF-16 file.
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    problems.push(`The file contains a NUL character (line ${line}), which a CSV file never has: it may be a spreadsheet or a UTF-16 file renamed to .csv. Save it as “CSV UTF-8” and try again.`);
  }
  if (!headers) {
    // A header too wide to read was said above; nothing more can be said about the rows then.
    if (!tooWide) problems.push("The file is empty: it needs a header row naming the columns, then one row per use case.");
  } else if (rows.length === 0 && !tooManyRows) problems.push("The file has a header row but no data rows.");
  if (tooManyRows) problems.unshift(TOO_MANY_ROWS_MESSAGE);
  return { headers: headers ?? [], rows, delimiter, problems: [...new Set(problems)], tooManyRows, markedRows };
}

/** Rows in consecutive chunks of at most `maxRows` rows and (unless one row alone is larger) `maxChars` characters of cells. */
export function chunkRows<R extends { cells: readonly string[] }>(rows: readonly R[], maxRows = CHECK_CHUNK_ROWS, maxChars = CHECK_CHUNK_CHARS): R[][] {
  const chunks: R[][] = [];
  let current: R[] = [];
  let chars = 0;
  for (const r of rows) {
    const size = r.cells.reduce((n, c) => n + c.length + 3, 0);
    if (current.length && (current.length >= maxRows || chars + size > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(r);
    chars += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
