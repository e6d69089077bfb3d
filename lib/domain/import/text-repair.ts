/**
 * Text that went through the wrong decoding before it reached us, as public inventories carry it:
 * mojibake (UTF-8 bytes read as Windows-1252 somewhere upstream: "FBIâ€™s" for "FBI’s", "Ã©" for
 * "é") and C1 control characters (U+0080–U+009F: Windows-1252 bytes read as Latin-1, so U+0092
 * stands where an apostrophe belongs). Both are found per cell and can be repaired: a mojibake run
 * is turned back into its bytes and read as the UTF-8 it was; a C1 character becomes the
 * Windows-1252 character its byte stands for.
 *
 * A run is repaired only when its bytes are valid UTF-8 for exactly one character, so ordinary
 * text ("Ã" alone, "Â°" would need a following byte) is left alone.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { CP1252_HIGH } from "./encoding";

/** Windows-1252 character → its byte (0x80–0xFF). */
const BYTE_OF: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (let b = 0xa0; b <= 0xff; b++) m.set(String.fromCharCode(b), b);
  for (const [b, ch] of Object.entries(CP1252_HIGH)) m.set(ch, Number(b));
  // The five bytes Windows-1252 leaves undefined come through as C1 characters.
  for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) m.set(String.fromCharCode(b), b);
  return m;
})();

const CONTINUATION = `[\\u0080-\\u00bf${Object.values(CP1252_HIGH).join("")}]`;
/** A UTF-8 lead byte read as Windows-1252 (Â–ô), then one to three continuation bytes read the same way. */
const MOJIBAKE = new RegExp(`[\\u00c2-\\u00f4]${CONTINUATION}{1,3}`, "g");
const C1 = /[\u0080-\u009f]/g;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function expectedLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
}

function repairRun(run: string): string {
  const bytes = [...run].map((ch) => BYTE_OF.get(ch));
  if (bytes.some((b) => b === undefined)) return run;
  const n = expectedLength(bytes[0]!);
  if (bytes.length < n) return run;
  try {
    const fixed = utf8.decode(new Uint8Array(bytes.slice(0, n) as number[]));
    if ([...fixed].length !== 1) return run;
    return fixed + run.slice([...run].slice(0, n).join("").length);
  } catch {
    return run;
  }
}

function repairMojibakeOnce(s: string): string {
  return s.replace(MOJIBAKE, repairRun);
}

export interface TextFault {
  kind: "mojibake" | "control";
  /** The cell as it would be repaired. */
  repaired: string;
}

/** The cell repaired: mojibake read back as UTF-8 (twice over, for text garbled twice), then C1 characters as Windows-1252. */
export function repairText(s: string): string {
  if (!/[\u0080-\u00ff\u0152-\u2122]/.test(s)) return s;
  let out = repairMojibakeOnce(s);
  if (out !== s) out = repairMojibakeOnce(out);
  return out.replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0)] ?? "");
}

/** What is wrong with a cell's text, if anything, and how it would read repaired. */
export function textFault(s: string): TextFault | null {
  if (!/[\u0080-\u00ff\u0152-\u2122]/.test(s)) return null;
  const repaired = repairText(s);
  if (repaired === s) return null;
  const mojibake = repairMojibakeOnce(s) !== s;
  return { kind: mojibake ? "mojibake" : "control", repaired };
}

/** A short excerpt around the first difference, for a message: “…FBIâ€™s…” → “…FBI’s…”. */
export function faultExcerpt(before: string, after: string, width = 24): { before: string; after: string } {
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  const start = Math.max(0, i - width / 2);
  const cut = (s: string) => `${start > 0 ? "…" : ""}${s.slice(start, start + width)}${s.length > start + width ? "…" : ""}`;
  return { before: cut(before), after: cut(after) };
}

/** A C1 character, shown as its code point (it has no glyph). */
export function showControls(s: string): string {
  return s.replace(C1, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`);
}
