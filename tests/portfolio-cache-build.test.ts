/**
 * The portfolio cache keys every result by the build that computed it (lib/server/portfolio/cache.ts),
 * so a deploy never serves what another build's code computed. The build is the one this server
 * runs, in NEXT_DIST_DIR when set (`npm test` serves .next-e2e, the bench .next-bench): it once
 * read .next/BUILD_ID whatever the server ran, so servers of a new build in another folder took
 * the old build's id from .next and were served the old build's results.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cacheBuildId } from "@/lib/server/portfolio/cache";

const g = globalThis as { tradeoffPortfolioCacheBuild?: string };
const dirs: string[] = [];
// Other files of this run share the module graph: their id is put back afterwards.
const before = g.tradeoffPortfolioCacheBuild;

function buildIn(id: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tradeoff-build-"));
  writeFileSync(path.join(dir, "BUILD_ID"), `${id}\n`);
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  vi.unstubAllEnvs();
  if (before === undefined) delete g.tradeoffPortfolioCacheBuild;
  else g.tradeoffPortfolioCacheBuild = before;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the build a cached portfolio result belongs to", () => {
  it("is the id of the build in NEXT_DIST_DIR, the one this production server runs", () => {
    delete g.tradeoffPortfolioCacheBuild;
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXT_DIST_DIR", buildIn("build-in-its-own-folder"));
    expect(cacheBuildId()).toBe("build-in-its-own-folder");
  });

  it("is one of this process's own where there is no production build to name", () => {
    delete g.tradeoffPortfolioCacheBuild;
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXT_DIST_DIR", path.join(tmpdir(), "tradeoff-no-build-here"));
    const id = cacheBuildId();
    expect(id).toMatch(/^process-/);
    // Kept for the process: every key it makes names the same build.
    expect(cacheBuildId()).toBe(id);
  });
});
