/**
 * How large a request body may be, by where it goes (issue 16). Checked twice: by the server in
 * front of Next.js (lib/server/body-gate.ts), on the declared Content-Length before a byte of the
 * body is read, and by the proxy (proxy.ts), which also counts the values of what it parses.
 *
 * - A server action: ACTION_BODY_BYTES, and ACTION_BODY_VALUES values once parsed (object keys
 *   and array items, counted together).
 * - A POST to /api (sign-in, sign-out): API_BODY_BYTES.
 * - The CSV import's page, for a signed-in person only (a session cookie that decrypts with this
 *   server's secret; the action's guard then checks it fully): IMPORT_BODY_BYTES (the file,
 *   lib/domain/import/limits.ts, plus the form) and IMPORT_BODY_VALUES (a check request's 1,000
 *   rows of up to 200 cells). Next.js's own serverActions.bodySizeLimit (next.config.mjs) is the
 *   import's, so it is what applies there.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
export const ACTION_BODY_BYTES = 256 * 1024;
export const ACTION_BODY_VALUES = 5_000;
export const API_BODY_BYTES = 64 * 1024;
export const IMPORT_BODY_BYTES = 12 * 1024 * 1024;
export const IMPORT_BODY_VALUES = 250_000;

const IMPORT_PAGE = /^\/o\/[^/]+\/use-cases\/import\/?$/;

export interface BodyLimits {
  bytes: number;
  values: number;
}

/** Whether a path is the CSV import's page, the one place that takes a large body (when signed in). */
export function isImportPage(path: string): boolean {
  return IMPORT_PAGE.test(path);
}

/** The limits for a request with a body: its method, its path, and whether it carries a readable session. */
export function bodyLimitsFor(method: string, path: string, signedIn: boolean): BodyLimits {
  if (method === "POST" && path.startsWith("/api/")) return { bytes: API_BODY_BYTES, values: ACTION_BODY_VALUES };
  if (isImportPage(path) && signedIn) return { bytes: IMPORT_BODY_BYTES, values: IMPORT_BODY_VALUES };
  return { bytes: ACTION_BODY_BYTES, values: ACTION_BODY_VALUES };
}
