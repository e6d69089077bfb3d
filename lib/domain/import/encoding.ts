/**
 * Turning an uploaded file's bytes into text. Spreadsheets save CSV as UTF-8 (with or without a
 * byte-order mark), as Windows-1252 ("CSV" in older Excel on Windows), or as UTF-16 ("Unicode
 * text"). The rule: a byte-order mark decides; otherwise bytes that are valid UTF-8 are UTF-8,
 * and anything else is Windows-1252, which gives every byte a character (so é, ü and – from a
 * Windows spreadsheet come through intact). TextDecoder does the work, in the browser and in Node.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 (with byte-order mark)",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252 (Western European)",
};

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
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

/** The file's text, without a byte-order mark, and the encoding it was read as. */
export function decodeCsvBytes(input: Uint8Array | ArrayBuffer): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const encoding = detectEncoding(bytes);
  switch (encoding) {
    case "utf-8-bom":
      return { encoding, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(3)) };
    case "utf-16le":
      return { encoding, text: new TextDecoder("utf-16le", { ignoreBOM: true }).decode(bytes.subarray(2)) };
    case "utf-16be":
      return { encoding, text: new TextDecoder("utf-16be", { ignoreBOM: true }).decode(bytes.subarray(2)) };
    case "utf-8":
      return { encoding, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
    case "windows-1252":
      return { encoding, text: decodeWindows1252(bytes) };
  }
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ);
 * the five bytes it leaves undefined stay as they are.
 */
const CP1252_HIGH: Readonly<Record<number, string>> = {
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
