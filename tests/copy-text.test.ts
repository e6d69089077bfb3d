/**
 * Reading PostgreSQL's COPY text format back into rows (lib/server/export/copy-text.ts), the cost
 * detail export's reader (issue 22). Pure: the database's side is in export-stream-edges.test.ts.
 */
import { describe, expect, it } from "vitest";
import { CopyTextReader, unescapeCopyField } from "@/lib/server/export/copy-text";

/** id, title (text) and manual (a boolean). */
const BOOLEANS = [false, false, true];
type Row = { id: string | null; title: string | null; manual: boolean | null };
const bytes = (s: string) => new TextEncoder().encode(s);

function read(chunks: Uint8Array[]): Row[] {
  const reader = new CopyTextReader(BOOLEANS);
  const rows: Row[] = [];
  for (const c of chunks)
    reader.push(c, (f) => {
      expect(f).toHaveLength(3);
      rows.push({ id: f[0] as string | null, title: f[1] as string | null, manual: f[2] as boolean | null });
    });
  reader.end();
  return rows;
}

describe("COPY text rows", () => {
  it("splits lines and tabs into named columns; \\N is null; t and f are booleans in a boolean column only", () => {
    expect(read([bytes("a1\tClaims triage\tt\nb2\t\\N\tf\nc3\tt\t\\N\n")])).toEqual([
      { id: "a1", title: "Claims triage", manual: true },
      { id: "b2", title: null, manual: false },
      { id: "c3", title: "t", manual: null },
    ]);
  });

  it("undoes the escapes PostgreSQL writes: tab, newline, carriage return, backslash and the other control characters", () => {
    expect(read([bytes("x\tA\\tB\\nC\\rD\\\\E\\bF\\fG\\vH\tf\n")])[0]!.title).toBe("A\tB\nC\rD\\E\bF\fG\vH");
    // An empty string is not null.
    expect(read([bytes("x\t\tf\n")])[0]!.title).toBe("");
    // A backslash before N inside a longer field is a literal N, not null.
    expect(read([bytes("x\t\\\\N\tf\n")])[0]!.title).toBe("\\N");
    expect(unescapeCopyField("plain")).toBe("plain");
  });

  it("keeps a row (and a character) cut between two chunks whole", () => {
    const all = bytes("a1\tCafé ☕ über\tt\nb2\tZürich\tf\n");
    // Every cut point, including inside the multi-byte characters.
    for (let cut = 1; cut < all.length; cut++) {
      expect(read([all.slice(0, cut), all.slice(cut)])).toEqual([
        { id: "a1", title: "Café ☕ über", manual: true },
        { id: "b2", title: "Zürich", manual: false },
      ]);
    }
  });

  it("reads trailing nulls without splitting them, and never mistakes an escaped backslash-N for one", () => {
    expect(read([bytes("a1\t\\N\t\\N\n\\N\t\\N\t\\N\n")])).toEqual([
      { id: "a1", title: null, manual: null },
      { id: null, title: null, manual: null },
    ]);
    // The title's text is a backslash and N (escaped as two backslashes and N), then a null.
    expect(read([bytes("a1\t\\\\N\t\\N\n")])).toEqual([{ id: "a1", title: "\\N", manual: null }]);
    // A title ending in a backslash, then a null.
    expect(read([bytes("a1\tx\\\\\t\\N\n")])).toEqual([{ id: "a1", title: "x\\", manual: null }]);
    expect(() => read([bytes("a1\t\\N\t\\N\t\\N\n")])).toThrow("COPY row has 4 fields, expected 3");
    expect(() => read([bytes("a1\t\\N\n")])).toThrow("COPY row has 2 fields, expected 3");
  });

  it("takes a last text field that only looks like the end of a null for text", () => {
    const texts = (data: string) => {
      const reader = new CopyTextReader([false, false]);
      const rows: (string | boolean | null)[][] = [];
      reader.push(bytes(data), (f) => rows.push(f));
      reader.end();
      return rows;
    };
    // "aN", a tab (escaped as backslash-t), a backslash then N (escaped as two backslashes then N), and a null.
    expect(texts("a1\taN\na2\t\\t\na3\tx\\\\N\na4\t\\N\n")).toEqual([
      ["a1", "aN"],
      ["a2", "\t"],
      ["a3", "x\\N"],
      ["a4", null],
    ]);
    // An empty row of a one-column query is an empty string, first or not.
    const one = new CopyTextReader([false]);
    const rows: (string | boolean | null)[][] = [];
    one.push(bytes("\n\n"), (f) => rows.push(f));
    expect(rows).toEqual([[""], [""]]);
  });

  it("refuses bytes that are not UTF-8 rather than guessing", () => {
    expect(() => read([new Uint8Array([0x61, 0x09, 0xff, 0x09, 0x74, 0x0a])])).toThrow();
  });

  it("refuses a row with the wrong number of fields, and data that ends inside a row", () => {
    expect(() => read([bytes("a1\tonly two\n")])).toThrow("COPY row has 2 fields, expected 3");
    expect(() => read([bytes("a1\tx\tt\na2\tcut")])).toThrow("COPY output ended inside a row");
  });
});
