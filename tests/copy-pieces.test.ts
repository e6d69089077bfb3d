/**
 * The import's COPY text goes to PostgreSQL as UTF-8 buffers of about 256 kB
 * (lib/server/import/copy.ts, pieces): byte for byte the lines as one UTF-8 text, whatever their
 * characters and lengths, each line whole in one buffer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pieces } from "@/lib/server/import/copy";

const joined = (lines: string[]) => Buffer.concat([...pieces(lines)]);

describe("pieces", () => {
  it("gives the lines' UTF-8 bytes in order, for any text (accents, scripts, emoji, lone surrogates as Buffer.from writes them)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 400 }), { maxLength: 300 }), (lines) => {
        expect(joined(lines).equals(Buffer.from(lines.join(""), "utf8"))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("cuts at about 256 kB, never inside a line; a line longer than a piece gets a buffer of its own", () => {
    const line = "é".repeat(1000) + "\n"; // 2,001 bytes
    const lines = Array.from({ length: 1000 }, () => line);
    const out = [...pieces(lines)];
    expect(out.length).toBe(Math.ceil((1000 * 2001) / (1 << 18)));
    for (const b of out) {
      expect(b.length % 2001).toBe(0);
      expect(b.length).toBeLessThan((1 << 18) + 2001);
    }
    const huge = "x".repeat(700_000) + "\n";
    const withHuge = [...pieces(["a\n", huge, "b\n"])];
    expect(withHuge.map((b) => b.length)).toEqual([2, huge.length, 2]);
    expect(Buffer.concat(withHuge).toString("utf8")).toBe(`a\n${huge}b\n`);
  });

  it("gives nothing for no lines, and a piece per call that is never written again", () => {
    expect([...pieces([])]).toEqual([]);
    // Copied as each is handed on, then compared once all are out: a buffer written again would differ.
    const out: Buffer[] = [];
    const copies: Buffer[] = [];
    for (const b of pieces(Array.from({ length: 1200 }, (_, i) => `${i}`.padEnd(1000, "-") + "\n"))) {
      out.push(b);
      copies.push(Buffer.from(b));
    }
    expect(out.length).toBeGreaterThan(3);
    out.forEach((b, i) => expect(b.equals(copies[i]!)).toBe(true));
  });
});
