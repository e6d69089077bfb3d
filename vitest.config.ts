import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

/**
 * Three projects, run one file at a time. Loading a file's modules afresh (Vitest's isolation)
 * took about half of the unit tests' time (342 s with it for every file, 155 s with none), so
 * only the files that need it get it:
 * - "domain": lib/domain's tests, pure functions with no database, session or mock;
 * - "integration": the tests that use the run's throwaway database (globalSetup) with Next's
 *   request-bound helpers replaced (setupFiles), sharing one module graph;
 * - "integration, own modules": the same, each file in a module graph of its own (OWN_MODULES).
 */
const DOMAIN = ["lib/domain/**/*.test.ts"];
/**
 * Integration tests that need a module graph of their own: they depend on state kept at module
 * level (the session double's user, the export and replica pools, the refusal counters, settings
 * read at import, a database swapped under the client) and fail when it is left over from another
 * file (npm test -- --unit --no-isolate). A new such file belongs here.
 */
const OWN_MODULES = [
  "tests/actuals-variance.test.ts",
  "tests/audit-coverage.test.ts",
  "tests/audit-log.test.ts",
  "tests/authorization-matrix.test.ts",
  "tests/backup-atomic.test.ts",
  "tests/backup.test.ts",
  "tests/cost-line-sets-migration.test.ts",
  "tests/evidence.test.ts",
  "tests/export-plan.test.ts",
  "tests/export-stream-edges.test.ts",
  "tests/export.test.ts",
  "tests/health.test.ts",
  "tests/hostile-urls.test.ts",
  "tests/import-undo.test.ts",
  "tests/login-throttle.test.ts",
  "tests/migrate.test.ts",
  "tests/portfolio-cache.test.ts",
  "tests/portfolio-cost-sums.test.ts",
  "tests/read-replica-breaker.test.ts",
  "tests/read-replica.test.ts",
  "tests/rls-each-read.test.ts",
  "tests/rls.test.ts",
  "tests/schema-drift.test.ts",
  "tests/session-lifetimes.test.ts",
  "tests/session-revocation.test.ts",
  "tests/use-cases.test.ts",
  "tests/value.test.ts",
];
/** What a test that may touch the database needs (scripts/mutate.ts runs its tests with it too). */
export const DATABASE_SETUP = { globalSetup: ["tests/global-setup.ts"], setupFiles: ["tests/setup.ts"] };

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "domain", include: DOMAIN, isolate: false } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...DOMAIN, ...OWN_MODULES],
          isolate: false,
          ...DATABASE_SETUP,
        },
      },
      { extends: true, test: { name: "integration, own modules", include: OWN_MODULES, ...DATABASE_SETUP } },
    ],
  },
});
