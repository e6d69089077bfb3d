/**
 * Turning an uploaded file's bytes into text. Spreadsheets save CSV as UTF-8 (with or without a
 * byte-order mark), as Windows-1252 ("CSV" in older Excel on Windows), or as UTF-16 ("Unicode
 * text"). The rule: a byte-order mark decides; otherwise bytes that are valid UTF-8 are UTF-8,
 * and anything else is Windows-1252, which gives every byte a character (so é, ü and – from a
 * Windows spreadsheet come through intact). TextDecoder does the work, in the browser and in Node.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252" | "mixed";

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 (with byte-order mark)",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252 (Western European)",
  mixed: "UTF-8, with some Windows-1252 bytes (each read as what it is)",
};

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  /** Why this encoding, in words: the evidence counted in the bytes. */
  evidence: string;
  /** For a mixed file: where (character offsets in `text`) a byte was read as Windows-1252. */
  foreignOffsets?: number[];
}

/** Length of the valid UTF-8 sequence starting at i (1 for ASCII), or 0 if the byte there starts none. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let n: number;
  let min = 0x80;
  let max = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) min = 0xa0;
    if (b === 0xed) max = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) min = 0x90;
    if (b === 0xf4) max = 0x8f;
  } else return 0;
  if (i + n > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < min || second > max) return 0;
  for (let k = 2; k < n; k++) {
    const c = bytes[i + k]!;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return n;
}

/** How many multi-byte UTF-8 characters, and how many bytes that cannot be UTF-8, the bytes hold. */
export function utf8Evidence(bytes: Uint8Array): { utf8Characters: number; invalidBytes: number } {
  let utf8Characters = 0;
  let invalidBytes = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n === 0) {
      invalidBytes++;
      i++;
    } else {
      utf8Characters++;
      i += n;
    }
  }
  return { utf8Characters, invalidBytes };
}

/**
 * Bytes that are mostly UTF-8 with some Windows-1252 among them (a row pasted from an old
 * spreadsheet into a UTF-8 file): each valid UTF-8 sequence is read as UTF-8, each byte that
 * cannot be UTF-8 as Windows-1252. Returns the text and where the Windows-1252 characters are.
 */
export function decodeMixed(bytes: Uint8Array): { text: string; foreignOffsets: number[] } {
  const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  const parts: string[] = [];
  const foreignOffsets: number[] = [];
  let length = 0;
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > start) {
      const run = utf8.decode(bytes.subarray(start, i));
      parts.push(run);
      length += run.length;
    }
    const ch = decodeWindows1252(bytes.subarray(i, i + 1));
    foreignOffsets.push(length);
    parts.push(ch);
    length += ch.length;
    i++;
    start = i;
  }
  if (start < bytes.length) parts.push(utf8.decode(bytes.subarray(start)));
  return { text: parts.join(""), foreignOffsets };
}

/** Which encoding the bytes are in (see the rule above). */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8-bom";
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return isValidUtf8(bytes) ? "utf-8" : "windows-1252";
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * The file's text, without a byte-order mark, the encoding it was read as and why. Decided per
 * file from evidence: a byte-order mark; else, counting the bytes: all valid UTF-8 → UTF-8; no
 * UTF-8 character at all → Windows-1252; both UTF-8 characters and bytes that cannot be UTF-8 →
 * mixed, each read as what it is (never the whole file one way, which garbles the other part).
 */
export function decodeCsvBytes(input: Uint8Array | ArrayBuffer): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const encoding = detectEncoding(bytes);
  switch (encoding) {
    case "utf-8-bom":
      return { encoding, evidence: "It starts with a UTF-8 byte-order mark.", text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(3)) };
    case "utf-16le":
      return { encoding, evidence: "It starts with a UTF-16 byte-order mark.", text: new TextDecoder("utf-16le", { ignoreBOM: true }).decode(bytes.subarray(2)) };
    case "utf-16be":
      return { encoding, evidence: "It starts with a UTF-16 byte-order mark.", text: new TextDecoder("utf-16be", { ignoreBOM: true }).decode(bytes.subarray(2)) };
    case "utf-8": {
      const { utf8Characters } = utf8Evidence(bytes);
      const evidence = utf8Characters ? `Every byte is valid UTF-8 (${count(utf8Characters, "non-ASCII character")}).` : "Plain ASCII: every encoding reads it the same.";
      return { encoding, evidence, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
    }
    default: {
      const { utf8Characters, invalidBytes } = utf8Evidence(bytes);
      if (utf8Characters === 0) {
        return { encoding: "windows-1252", evidence: `${count(invalidBytes, "byte")} cannot be UTF-8 and none reads as a UTF-8 character.`, text: decodeWindows1252(bytes) };
      }
      const { text, foreignOffsets } = decodeMixed(bytes);
      return {
        encoding: "mixed",
        evidence: `${count(utf8Characters, "character")} ${utf8Characters === 1 ? "is" : "are"} UTF-8 and ${count(invalidBytes, "byte")} cannot be: those were read as Windows-1252, the rest as UTF-8.`,
        text,
        foreignOffsets,
      };
    }
  }
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ);
 * the five bytes it leaves undefined stay as they are.
 */
export const CP1252_HIGH: Readonly<Record<number, string>> = {
  0x80: "\u20ac", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020", 0x87: "\u2021", 0x88: "\u02c6",
  0x89: "\u2030", 0x8a: "\u0160", 0x8b: "\u2039", 0x8c: "\u0152", 0x8e: "\u017d", 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c",
  0x94: "\u201d", 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122", 0x9a: "\u0161", 0x9b: "\u203a",
  0x9c: "\u0153", 0x9e: "\u017e", 0x9f: "\u0178",
};

/**
 * TextDecoder("windows-1252"), made right everywhere: Node 20's decodes it as ISO-8859-1, turning
 * – ’ “ ” € into invisible control characters; browsers decode it properly. Re-mapping the
 * 0x80–0x9F range afterwards gives the same text in both.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0)] ?? c);
}

/** What an import record keeps about the decoding: the encoding, then encodingEvidence. */
export function describeEncoding(decoded: Pick<DecodedText, "encoding" | "evidence">, markedRows: readonly number[]): string {
  return `Read as ${ENCODING_LABELS[decoded.encoding]}. ${encodingEvidence(decoded, markedRows)}`.trim();
}

/**
 * Why the file was read in its encoding, and the rows read as Windows-1252 in a mixed file: what
 * the check shows under the file's summary, which names the encoding already (with the encoding
 * again, the line read "read as UTF-8. Read as UTF-8."). Empty where the encoding's name says why.
 */
export function encodingEvidence(decoded: Pick<DecodedText, "encoding" | "evidence">, markedRows: readonly number[]): string {
  // "UTF-8 (with byte-order mark)" already says why: "It starts with a UTF-8 byte-order mark" would repeat it.
  if (decoded.encoding === "utf-8-bom") return "";
  if (decoded.encoding !== "mixed" || markedRows.length === 0) return decoded.evidence;
  const shown = markedRows.slice(0, 20).join(", ");
  const more = markedRows.length > 20 ? ` and ${(markedRows.length - 20).toLocaleString("en-US")} more` : "";
  return `${decoded.evidence} Row${markedRows.length === 1 ? "" : "s"} ${shown}${more} held Windows-1252 characters, read as such (check their text in the list below).`;
}

/** One warning per row of a mixed file that held Windows-1252 bytes, so its text gets a look. */
export function encodingWarnings(markedRows: readonly number[]): { row: number; field: null; column: null; message: string }[] {
  return markedRows.map((row) => ({
    row,
    field: null,
    column: null,
    message: "This row held Windows-1252 bytes in a file otherwise UTF-8; they were read as Windows-1252 (not garbled). Check its text.",
  }));
}

/**
 * A decoder for a file read in chunks (a large actual-spend export): the encoding is decided
 * from the first chunk by the same rule as decodeCsvBytes (a byte-order mark; else UTF-8 when the
 * sample is valid UTF-8, a sequence cut at the sample's end allowed; else Windows-1252), then each
 * chunk is decoded in turn, a character split across two chunks included. A mixed file cannot be
 * told from a sample; a later byte that is not UTF-8 becomes U+FFFD and is counted in `invalid`.
 */
export function createChunkDecoder(first: Uint8Array): { encoding: CsvEncoding; evidence: string; decode: (chunk: Uint8Array) => string; end: () => string; invalid: () => number } {
  const encoding = detectStreamEncoding(first);
  let skip = encoding === "utf-8-bom" ? 3 : encoding === "utf-16le" || encoding === "utf-16be" ? 2 : 0;
  let invalid = 0;
  const label = encoding === "utf-8-bom" ? "utf-8" : encoding === "mixed" ? "utf-8" : encoding;
  const decoder = encoding === "windows-1252" ? null : new TextDecoder(label, { ignoreBOM: true });
  const count = (s: string) => {
    for (let i = s.indexOf("\ufffd"); i >= 0; i = s.indexOf("\ufffd", i + 1)) invalid++;
    return s;
  };
  return {
    encoding,
    evidence: encoding === "windows-1252" ? "The first bytes are not valid UTF-8." : encoding === "utf-8" ? "The first bytes are valid UTF-8." : "It starts with a byte-order mark.",
    decode(chunk) {
      const bytes = skip ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
      skip = Math.max(0, skip - chunk.length);
      return decoder ? count(decoder.decode(bytes, { stream: true })) : decodeWindows1252(bytes);
    },
    end: () => (decoder ? count(decoder.decode()) : ""),
    invalid: () => invalid,
  };
}

/** detectEncoding for the first chunk of a longer file: a UTF-8 sequence cut off at its end does not count against UTF-8. */
function detectStreamEncoding(first: Uint8Array): CsvEncoding {
  const e = detectEncoding(first);
  if (e !== "windows-1252") return e;
  // Drop at most three trailing bytes of an unfinished sequence and look again.
  for (let cut = 1; cut <= 3 && cut < first.length; cut++) if (isValidUtf8(first.subarray(0, first.length - cut))) return "utf-8";
  return "windows-1252";
}
