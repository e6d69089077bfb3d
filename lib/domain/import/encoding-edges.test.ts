import { describe, expect, it } from "vitest";
import { createChunkDecoder, decodeCsvBytes, describeEncoding, ENCODING_LABELS, encodingEvidence, encodingWarnings, utf8Evidence } from "./encoding";

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe("UTF-8 sequences of four bytes, and the near misses", () => {
  it("an emoji and the last code point are UTF-8", () => {
    expect(utf8Evidence(utf8("a😀b"))).toEqual({ utf8Characters: 1, invalidBytes: 0 });
    expect(utf8Evidence(bytes(0xf4, 0x8f, 0xbf, 0xbf))).toEqual({ utf8Characters: 1, invalidBytes: 0 });
    expect(decodeCsvBytes(utf8("name\nsmile 😀")).encoding).toBe("utf-8");
  });
  it("an overlong form, a code point past U+10FFFF, a surrogate or a cut sequence is not", () => {
    expect(utf8Evidence(bytes(0xf0, 0x80, 0x80, 0x80)).utf8Characters).toBe(0); // overlong
    expect(utf8Evidence(bytes(0xf0, 0x90, 0x80, 0x80)).utf8Characters).toBe(1); // U+10000, the first four-byte one
    expect(utf8Evidence(bytes(0xf4, 0x90, 0x80, 0x80)).utf8Characters).toBe(0); // past U+10FFFF
    expect(utf8Evidence(bytes(0xe0, 0x80, 0x80)).utf8Characters).toBe(0); // overlong
    expect(utf8Evidence(bytes(0xe0, 0xa0, 0x80)).utf8Characters).toBe(1); // U+0800
    expect(utf8Evidence(bytes(0xed, 0xa0, 0x80)).utf8Characters).toBe(0); // a surrogate
    expect(utf8Evidence(bytes(0xed, 0x9f, 0xbf)).utf8Characters).toBe(1); // U+D7FF
    expect(utf8Evidence(bytes(0xf0, 0x9f, 0x98))).toEqual({ utf8Characters: 0, invalidBytes: 3 }); // cut
    expect(utf8Evidence(bytes(0xf5, 0x80, 0x80, 0x80)).utf8Characters).toBe(0); // no such lead byte
    expect(utf8Evidence(bytes(0xc1, 0xbf)).utf8Characters).toBe(0); // overlong two-byte
    expect(utf8Evidence(bytes(0xc2, 0x80)).utf8Characters).toBe(1);
  });
});

describe("what the check says about how the bytes were read", () => {
  it("the encoding and its evidence", () => {
    expect(describeEncoding({ encoding: "windows-1252", evidence: "No UTF-8 character at all." }, [])).toBe("Read as Windows-1252 (Western European). No UTF-8 character at all.");
    // Rows are named only for a mixed file.
    expect(describeEncoding({ encoding: "utf-8", evidence: "All valid." }, [4])).toBe("Read as UTF-8. All valid.");
  });
  it("under the file's summary, which names the encoding, the evidence alone (and a mixed file's rows)", () => {
    expect(encodingEvidence({ encoding: "utf-8", evidence: "All valid." }, [4])).toBe("All valid.");
    expect(encodingEvidence({ encoding: "mixed", evidence: "Both kinds." }, [7])).toBe("Both kinds. Row 7 held Windows-1252 characters, read as such (check their text in the list below).");
    // "UTF-8 (with byte-order mark)" says why already: nothing is added, here or in the import's record.
    const bom = decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, 0x61));
    expect(encodingEvidence(bom, [])).toBe("");
    expect(describeEncoding(bom, [])).toBe("Read as UTF-8 (with byte-order mark).");
  });
  it("a mixed file names its rows read as Windows-1252: one, several, and past twenty", () => {
    const mixed = { encoding: "mixed" as const, evidence: "Both kinds." };
    expect(describeEncoding(mixed, [])).toBe("Read as UTF-8, with some Windows-1252 bytes (each read as what it is). Both kinds.");
    expect(describeEncoding(mixed, [7])).toBe("Read as UTF-8, with some Windows-1252 bytes (each read as what it is). Both kinds. Row 7 held Windows-1252 characters, read as such (check their text in the list below).");
    const rows = Array.from({ length: 1025 }, (_, i) => i + 2);
    expect(describeEncoding(mixed, rows)).toBe(
      `Read as UTF-8, with some Windows-1252 bytes (each read as what it is). Both kinds. Rows ${rows.slice(0, 20).join(", ")} and 1,005 more held Windows-1252 characters, read as such (check their text in the list below).`,
    );
    expect(describeEncoding(mixed, rows.slice(0, 20))).toContain(`Rows ${rows.slice(0, 20).join(", ")} held`);
  });
  it("one warning per such row, so its text gets a look", () => {
    expect(encodingWarnings([3, 9])).toEqual([3, 9].map((row) => ({ row, field: null, column: null, message: "This row held Windows-1252 bytes in a file otherwise UTF-8; they were read as Windows-1252 (not garbled). Check its text." })));
  });
});

describe("a large file read in chunks", () => {
  // The encoding is decided on a sample from the file's start (64 KB in the actuals import), then
  // the chunks are decoded as they arrive, wherever they were cut.
  const readAll = (chunks: Uint8Array[]) => {
    const d = createChunkDecoder(join(...chunks).subarray(0, 65_536));
    const text = chunks.map((c) => d.decode(c)).join("") + d.end();
    return { d, text };
  };

  it("UTF-8: a character split across two chunks comes out whole", () => {
    const all = utf8("café, 😀 ok");
    const { d, text } = readAll([all.subarray(0, 4), all.subarray(4, 9), all.subarray(9)]);
    expect(d.encoding).toBe("utf-8");
    expect(d.evidence).toBe("The first bytes are valid UTF-8.");
    expect(text).toBe("café, 😀 ok");
    expect(d.invalid()).toBe(0);
  });
  it("a first chunk cut inside a character is still UTF-8", () => {
    const all = utf8("ab😀cd");
    expect(createChunkDecoder(all.subarray(0, 4)).encoding).toBe("utf-8");
    expect(createChunkDecoder(all.subarray(0, 5)).encoding).toBe("utf-8");
  });
  it("a byte-order mark is dropped, even one split across chunks", () => {
    const all = join(bytes(0xef, 0xbb, 0xbf), utf8("id,cost"));
    const { d, text } = readAll([all.subarray(0, 2), all.subarray(2, 5), all.subarray(5)]);
    expect(d.encoding).toBe("utf-8-bom");
    expect(d.evidence).toBe("It starts with a byte-order mark.");
    expect(text).toBe("id,cost");
  });
  it("UTF-16, either byte order", () => {
    const le = join(bytes(0xff, 0xfe), ...[..."id€"].map((c) => bytes(c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8)));
    expect(readAll([le.subarray(0, 3), le.subarray(3)]).text).toBe("id€");
    const be = join(bytes(0xfe, 0xff), ...[..."id"].map((c) => bytes(0, c.charCodeAt(0))));
    expect(readAll([be]).d.encoding).toBe("utf-16be");
    expect(readAll([be]).text).toBe("id");
  });
  it("Windows-1252 from the first bytes: each chunk read byte by byte, the euro sign included", () => {
    const { d, text } = readAll([bytes(0x63, 0x61, 0x66), bytes(0xe9, 0x20, 0x80, 0x35)]);
    expect(d.encoding).toBe("windows-1252");
    expect(d.evidence).toBe("The first bytes are not valid UTF-8.");
    expect(text).toBe("café €5");
    expect(d.invalid()).toBe(0);
  });
  it("a later byte that is not UTF-8 (past the sample) is counted, not hidden", () => {
    const d = createChunkDecoder(utf8("ok,"));
    const text = [utf8("ok,"), bytes(0x61, 0xe9, 0x62), utf8(",x")].map((c) => d.decode(c)).join("") + d.end();
    expect(text).toBe("ok,a\ufffdb,x");
    expect(d.invalid()).toBe(1);
  });
});

describe("each lead byte's range, and each continuation byte's", () => {
  it.each([
    [[0xdf, 0xbf], 1], // the last two-byte lead
    [[0xc2, 0x7f], 0], // a continuation below 0x80
    [[0xc2, 0xc0], 0], // a continuation above 0xBF
    [[0xef, 0xbf, 0xbf], 1], // the last three-byte lead
    [[0xe2, 0x82, 0xac], 1], // €
    [[0xe2, 0x82, 0x41], 0], // a third byte that is not a continuation
    [[0xe2, 0x82, 0xc0], 0],
    [[0xf0, 0x9f, 0x98, 0x7f], 0], // a fourth byte that is not a continuation
    [[0xf3, 0xbf, 0xbf, 0xbf], 1],
  ])("%j: %i UTF-8 character(s)", (b, n) => {
    expect(utf8Evidence(bytes(...b)).utf8Characters).toBe(n);
  });
});

describe("a file's byte-order mark, and bytes read as what they are", () => {
  it("a mark is recognised only whole", () => {
    expect(decodeCsvBytes(bytes(0xef, 0xbb)).encoding).toBe("windows-1252");
    expect(decodeCsvBytes(bytes(0xff)).encoding).toBe("windows-1252");
    expect(decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, 0x61))).toMatchObject({ encoding: "utf-8-bom", evidence: "It starts with a UTF-8 byte-order mark.", text: "a" });
    expect(decodeCsvBytes(bytes(0xff, 0xfe, 0x61, 0x00))).toMatchObject({ encoding: "utf-16le", evidence: "It starts with a UTF-16 byte-order mark.", text: "a" });
    expect(decodeCsvBytes(bytes(0xfe, 0xff, 0x00, 0x61))).toMatchObject({ encoding: "utf-16be", evidence: "It starts with a UTF-16 byte-order mark.", text: "a" });
  });
  it("only the first mark is the file's: a second one is text, kept", () => {
    expect(decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61)).text).toBe("\ufeffa");
    expect(decodeCsvBytes(bytes(0xff, 0xfe, 0xff, 0xfe, 0x61, 0x00)).text).toBe("\ufeffa");
    expect(decodeCsvBytes(bytes(0xfe, 0xff, 0xfe, 0xff, 0x00, 0x61)).text).toBe("\ufeffa");
  });
  it("a mixed file: each byte that cannot be UTF-8 read as Windows-1252, where it stands", () => {
    const mixed = join(bytes(0xe9), utf8("té, "), bytes(0x80), utf8("5 ok "), bytes(0x92));
    const d = decodeCsvBytes(mixed);
    expect(d.encoding).toBe("mixed");
    expect(d.text).toBe("été, €5 ok ’");
    expect(d.foreignOffsets).toEqual([0, 5, 11]);
    expect(ENCODING_LABELS).toEqual({
      "utf-8": "UTF-8",
      "utf-8-bom": "UTF-8 (with byte-order mark)",
      "utf-16le": "UTF-16 (little-endian)",
      "utf-16be": "UTF-16 (big-endian)",
      "windows-1252": "Windows-1252 (Western European)",
      mixed: "UTF-8, with some Windows-1252 bytes (each read as what it is)",
    });
  });
});
