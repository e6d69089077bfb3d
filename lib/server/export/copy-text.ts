/**
 * PostgreSQL's COPY text format (`COPY … TO STDOUT`), read back into rows: one row a line, columns
 * separated by tabs, `\N` for null, and a backslash before a tab, newline, carriage return,
 * backslash and the other control characters it escapes (PostgreSQL's manual, "COPY", File
 * Formats: "COPY TO will never emit an octal or hex-digits backslash sequence").
 *
 * Values are the columns' text, as the cursor path reads them (bigint cents stay exact strings);
 * booleans become booleans. Pure: bytes in, rows out.
 */
export type CopyValue = string | boolean | null;

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
const ESCAPED = /\\(.)/gs;

/** One field's text without its escapes. */
export function unescapeCopyField(field: string): string {
  return field.includes("\\") ? field.replace(ESCAPED, (_, c: string) => ESCAPES[c] ?? c) : field;
}

/**
 * Rows as arrays of their fields, in the query's column order (the caller names them: building
 * an object with names looked up per field cost more than reading the row).
 */
export class CopyTextReader {
  private rest = "";
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  /** `booleans[i]`: column i is a boolean ("t"/"f" in the text). */
  constructor(private readonly booleans: readonly boolean[]) {}

  /** Calls `row` for every whole row in `chunk`; a row cut at the chunk's end waits for the next chunk. */
  push(chunk: Uint8Array, row: (fields: CopyValue[]) => void): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      row(this.parse(text.slice(start, end)));
      start = end + 1;
    }
    this.rest = text.slice(start);
  }

  /** After the last chunk: the data must end with a whole row. */
  end(): void {
    const tail = this.rest + this.decoder.decode();
    if (tail !== "") throw new Error("COPY output ended inside a row");
  }

  private parse(line: string): CopyValue[] {
    // Trailing nulls are counted, not split: a query that puts its often-null columns last (the
    // cost detail sends a use case's own cells on its first row only) spares most of the work.
    let end = line.length;
    while (end >= 3 && line.charCodeAt(end - 1) === 78 /* N */ && line.charCodeAt(end - 2) === 92 /* \ */ && line.charCodeAt(end - 3) === 9 /* tab */) end -= 3;
    const fields: CopyValue[] = (end === line.length ? line : line.slice(0, end)).split("\t");
    const booleans = this.booleans;
    const split = fields.length;
    const total = split + (line.length - end) / 3;
    if (total !== booleans.length) throw new Error(`COPY row has ${total} fields, expected ${booleans.length}`);
    for (let i = 0; i < split; i++) {
      const f = fields[i] as string;
      fields[i] = f === "\\N" ? null : booleans[i] ? f === "t" : unescapeCopyField(f);
    }
    for (let i = split; i < total; i++) fields.push(null);
    return fields;
  }
}
