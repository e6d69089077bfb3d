/**
 * Decides whether the production build is current: a hash of every input that shapes it.
 * `npm start` rebuilds only when this hash differs from the one stored beside the build.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./embedded-db";

/** What `next build` compiles or reads: the routes, the code they import, the proxy (Next's middleware) and the configuration. */
const INPUT_DIRS = ["app", "components", "lib", "public", "prisma"];
const INPUT_FILES = ["proxy.ts", "package-lock.json", "package.json", "next.config.mjs", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
}

/** The files the hash covers, absolute and sorted. */
export function buildInputFiles(): string[] {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.join(ROOT, d), files);
  for (const f of INPUT_FILES) if (existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
  return files.sort();
}

export function buildInputsHash(): string {
  const files = buildInputFiles();
  const hash = createHash("sha256");
  for (const f of files) {
    hash.update(path.relative(ROOT, f));
    hash.update(String(statSync(f).size));
    hash.update(readFileSync(f));
  }
  return hash.digest("hex");
}

export function buildStampPath(distDir: string): string {
  return path.join(ROOT, distDir, "tradeoff-build-hash");
}

export function isBuildCurrent(distDir: string, hash: string): boolean {
  const stamp = buildStampPath(distDir);
  return existsSync(path.join(ROOT, distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
}
