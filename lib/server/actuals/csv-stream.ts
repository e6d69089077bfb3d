import "server-only";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { createChunkDecoder, detectDelimiter, ENCODING_LABELS, excelSeparator, uniqueHeaders, type CsvEncoding } from "@/lib/domain/import";

/**
 * A CSV file read as it arrives, for files too large to hold (a year of daily billing rows):
 * the bytes are decoded chunk by chunk (lib/domain/import/encoding.ts, the same rule as the
 * use-case import), papaparse parses the text as a Node stream with back-pressure, and each row
 * is handed on and dropped. Memory stays flat however long the file is.
 *
 * Row numbers are as a spreadsheet shows them (the header is row 1); blank rows are skipped and counted.
 */
export interface CsvStreamHead {
  headers: string[];
  encoding: CsvEncoding;
  encodingLabel: string;
  delimiter: string;
}

async function* bytesOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    for await (const c of source as AsyncIterable<Uint8Array>) yield c;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Calls onHead once, then onRow for every non-blank data row; returns the number of the file's last row. */
export async function streamCsv(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  onHead: (head: CsvStreamHead) => void | "stop",
  onRow: (row: number, cells: string[]) => void | "stop",
): Promise<{ lastRow: number; invalidCharacters: number; empty: boolean }> {
  const it = bytesOf(source)[Symbol.asyncIterator]();
  // Enough of the start to decide the encoding and the delimiter.
  const firstParts: Uint8Array[] = [];
  let firstLength = 0;
  let done = false;
  while (firstLength < 64_000) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    firstParts.push(n.value);
    firstLength += n.value.length;
  }
  const first = new Uint8Array(firstLength);
  let at = 0;
  for (const p of firstParts) {
    first.set(p, at);
    at += p.length;
  }
  const decoder = createChunkDecoder(first);
  const firstText = decoder.decode(first);
  if (!firstText.trim() && done) return { lastRow: 0, invalidCharacters: 0, empty: true };
  const delimiter = detectDelimiter(firstText);
  // A spreadsheet's "sep=;" first line names the delimiter and is not the header (nor a row).
  let sepLine = excelSeparator(firstText) !== null;

  async function* text(): AsyncGenerator<string> {
    if (firstText) yield firstText;
    if (!done) {
      for (;;) {
        const n = await it.next();
        if (n.done) break;
        const s = decoder.decode(n.value);
        if (s) yield s;
      }
    }
    const tail = decoder.end();
    if (tail) yield tail;
  }

  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, header: false, skipEmptyLines: false, dynamicTyping: false }) as NodeJS.ReadWriteStream & AsyncIterable<string[]>;
  const input = Readable.from(text());
  input.pipe(parser);
  let record = 0;
  let headers: string[] | null = null;
  let stopped = false;
  for await (const cells of parser) {
    if (sepLine) {
      sepLine = false;
      continue;
    }
    record++;
    // Parsing is all promise callbacks: let timers and other requests in now and then.
    if (record % 5_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (stopped) continue;
    if (cells.every((c) => c.trim() === "")) continue;
    if (!headers) {
      headers = uniqueHeaders(cells);
      if (onHead({ headers, encoding: decoder.encoding, encodingLabel: ENCODING_LABELS[decoder.encoding], delimiter }) === "stop") {
        stopped = true;
        input.destroy();
        break;
      }
      continue;
    }
    const aligned = cells.length === headers.length ? cells : Array.from({ length: headers.length }, (_, i) => cells[i] ?? "");
    if (onRow(record, aligned) === "stop") {
      stopped = true;
      input.destroy();
      break;
    }
  }
  return { lastRow: record, invalidCharacters: decoder.invalid(), empty: headers === null };
}
