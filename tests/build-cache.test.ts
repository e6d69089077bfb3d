/**
 * `npm start` rebuilds the app only when the hash of the build's inputs changes
 * (scripts/lib/build-cache.ts). A source file the build compiles but the hash leaves out would be
 * served stale after a `git pull` with no error anywhere, so this follows every import from the
 * routes and the proxy and checks that each file reached is one of the hashed inputs.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInputFiles } from "../scripts/lib/build-cache";
import { ROOT } from "../scripts/lib/embedded-db";

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g;

function resolve(specifier: string, fromFile: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(fromFile), specifier) : null;
  if (!base) return null; // a package
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, fromFile)} imports ${specifier}, which does not resolve`);
}

/** Every source file reachable from the given entry files through relative and "@/" imports. */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(tsx?|m?js)$/.test(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolve(m[1]!, file);
      // The generated Prisma client is made from prisma/schema.prisma, which is an input.
      if (target && !target.includes(`${path.sep}generated${path.sep}`)) queue.push(target);
    }
  }
  return seen;
}

describe("the build's inputs, for npm start's rebuild check", () => {
  it("cover every file the routes and the proxy import, and the configuration", () => {
    const inputs = new Set(buildInputFiles());
    const routes = buildInputFiles().filter((f) => f.startsWith(path.join(ROOT, "app") + path.sep));
    const compiled = reachable([...routes, path.join(ROOT, "proxy.ts")]);
    expect(compiled.size).toBeGreaterThan(100);
    const missing = [...compiled].filter((f) => !inputs.has(f)).map((f) => path.relative(ROOT, f));
    expect(missing).toEqual([]);
    for (const config of ["next.config.mjs", "package.json", "tsconfig.json", "proxy.ts"]) expect(inputs.has(path.join(ROOT, config))).toBe(true);
  });
});
