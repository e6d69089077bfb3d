/**
 * The customer's source documents (the five seeds and the acceptance vignettes). Beside the
 * project they live in ../shared; a clone elsewhere reads the copies in docs/sources, which
 * tests/source-files.test.ts keeps identical to ../shared whenever that is present.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const SHARED = path.resolve(ROOT, "..", "shared");
export const COPIES = path.resolve(ROOT, "docs", "sources");

/** e.g. sourcePath("seeds") or sourcePath("acceptance", "vignettes.json"). */
export function sourcePath(...parts: string[]): string {
  const shared = path.join(SHARED, ...parts);
  return existsSync(shared) ? shared : path.join(COPIES, ...parts);
}
