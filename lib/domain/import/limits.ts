/**
 * How big an import may be. 10 MB is counted in decimal megabytes (10,000,000 bytes), as file
 * browsers show sizes; it also keeps the upload (file plus a few kilobytes of form data) under
 * the 10 MiB that the request proxy buffers (Next's proxyClientMaxBodySize default).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
export const MAX_FILE_BYTES = 10_000_000;
/** Data rows, not counting the header and blank rows. */
export const MAX_DATA_ROWS = 10_000;
export const MAX_COLUMNS = 200;
export const MAX_HEADER_LENGTH = 200;
/** Longest cell carried to the server for checking (far above any field's limit, which then reports it). */
export const MAX_CELL_LENGTH = 20_000;
/** Rows per check request from the browser (the progress bar advances per request). */
export const CHECK_CHUNK_ROWS = 1_000;
/** Characters of cells per check request, so a chunk of long descriptions stays far below the request limits. */
export const CHECK_CHUNK_CHARS = 2_000_000;
/** Problems listed in a report; the counts are always complete. */
export const MAX_LISTED_ISSUES = 1_000;

export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
  if (n >= 1_000) return `${Math.round(n / 1_000).toLocaleString("en-US")} KB`;
  return `${n} bytes`;
}

/** Rounded, a file just over the limit reads as the limit ("10 MB … up to 10 MB"): then both are given in bytes. */
export const TOO_LARGE_MESSAGE = (size: number) => {
  const close = formatBytes(size) === formatBytes(MAX_FILE_BYTES);
  const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;
  const [file, limit] = close ? [bytes(size), `${bytes(MAX_FILE_BYTES)} (${formatBytes(MAX_FILE_BYTES)})`] : [formatBytes(size), formatBytes(MAX_FILE_BYTES)];
  return `This file is ${file}; the import takes files up to ${limit}. Split it into smaller files and import them one after another.`;
};

export const TOO_MANY_ROWS_MESSAGE = `This file has more than ${MAX_DATA_ROWS.toLocaleString("en-US")} rows; the import takes up to ${MAX_DATA_ROWS.toLocaleString("en-US")} at a time. Split it into smaller files and import them one after another.`;
