import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { decodeCsvBytes, decodeWindows1252, describeEncoding, detectEncoding } from "./encoding";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);

describe("reading a file's bytes", () => {
  it.each([
    ["plain ASCII", utf8("title\r\nA\r\n"), "utf-8", "title\r\nA\r\n"],
    ["UTF-8 with accents", utf8("Résumé – München"), "utf-8", "Résumé – München"],
    ["UTF-8 with a byte-order mark (the mark dropped)", bytes(0xef, 0xbb, 0xbf, ...utf8("Titel;Status")), "utf-8-bom", "Titel;Status"],
    ["UTF-16 little-endian with its mark", bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00), "utf-16le", "Aé"],
    ["UTF-16 big-endian with its mark", bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9), "utf-16be", "Aé"],
    ["Windows-1252: é ü (bytes that are not valid UTF-8)", bytes(0x52, 0xe9, 0x73, 0x75, 0x6d, 0xfc), "windows-1252", "Résumü"],
    ["Windows-1252: – ’ “ ” € (the 0x80–0x9F range)", bytes(0x96, 0x92, 0x93, 0x94, 0x80), "windows-1252", "–’“”€"],
    ["a lone UTF-8 lead byte is not UTF-8", bytes(0x41, 0xc3), "windows-1252", "AÃ"],
  ] as const)("%s", (_label, input, encoding, text) => {
    expect(detectEncoding(input)).toBe(encoding);
    expect(decodeCsvBytes(input)).toMatchObject({ encoding, text });
  });

  it("reads a file mixing UTF-8 and Windows-1252 each as what it is, and says which rows held Windows-1252", () => {
    const good = (n: number) => `U-${n},FBI’s résumé tool ${n}\r\n`;
    const parts: Uint8Array[] = [utf8("id,title\r\n")];
    for (let n = 1; n <= 50; n++) parts.push(utf8(good(n)));
    // one row saved by an old spreadsheet: ’ is 0x92, é is 0xE9
    parts.push(bytes(...[..."U-51,FBI"].map((c) => c.charCodeAt(0)), 0x92, 0x73, 0x20, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x0d, 0x0a));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    const decoded = decodeCsvBytes(all);
    expect(decoded.encoding).toBe("mixed");
    expect(decoded.evidence).toMatch(/150 characters are UTF-8 and 3 bytes cannot be/);
    // One of each, in the singular.
    const one = decodeCsvBytes(bytes(...utf8("é,"), 0xe9));
    expect(one.evidence).toMatch(/^1 character is UTF-8 and 1 byte cannot be/);
    const parsed = parseCsv(decoded.text, { marks: decoded.foreignOffsets });
    // never garbled: the UTF-8 rows keep ’ and é, the Windows-1252 row gets its own right
    expect(parsed.rows[0]!.cells[1]).toBe("FBI’s résumé tool 1");
    expect(parsed.rows[49]!.cells[1]).toBe("FBI’s résumé tool 50");
    expect(parsed.rows[50]!.cells[1]).toBe("FBI’s résumé");
    expect(parsed.markedRows).toEqual([52]);
    expect(describeEncoding(decoded, parsed.markedRows)).toMatch(/Row 52 held Windows-1252 characters/);
  });

  it("gives the evidence for its choice", () => {
    expect(decodeCsvBytes(utf8("a,b")).evidence).toMatch(/Plain ASCII/);
    expect(decodeCsvBytes(utf8("é,b")).evidence).toMatch(/Every byte is valid UTF-8 \(1 non-ASCII character\)/);
    expect(decodeCsvBytes(bytes(0x52, 0xe9, 0x73)).evidence).toMatch(/1 byte cannot be UTF-8 and none reads as a UTF-8 character/);
  });

  it("maps every defined Windows-1252 byte the way browsers do (Node 20 decodes them as Latin-1)", () => {
    const all = bytes(...Array.from({ length: 256 }, (_, i) => i));
    const text = decodeWindows1252(all);
    expect(text).toHaveLength(256);
    expect(text[0x96]).toBe("–");
    expect(text[0x9f]).toBe("Ÿ");
    expect(text[0xe9]).toBe("é");
    // the five bytes Windows-1252 leaves undefined pass through as their code points
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) expect(text.charCodeAt(b)).toBe(b);
    // nothing else in 0x80–0x9F stays a control character
    expect([...text.slice(0x80, 0xa0)].filter((c) => c.charCodeAt(0) < 0xa0)).toHaveLength(5);
  });
});
