/**
 * Mutation testing (Stryker, with its Vitest runner and TypeScript checker): `npm run mutate`
 * (everything below) or `npm run mutate -- <module> …` (see scripts/mutate.ts for the names).
 * Not part of `npm test`: it runs the covering tests once per mutant and takes long on a small
 * machine. Incremental: results of unchanged code and tests are reused from
 * docs/mutation/incremental.json, so a second run only tests what changed.
 */
/** The modules the score is kept for (issue 17). */
export const MUTATE = [
  "lib/domain/**/*.ts",
  "lib/server/guard.ts",
  "lib/server/page-guard.ts",
  "lib/server/action.ts",
  "lib/server/use-cases/read.ts",
  "lib/server/use-cases/list.ts",
  "lib/server/use-cases/write.ts",
  "lib/server/use-cases/decision.ts",
  "lib/server/use-cases/trash.ts",
  "lib/server/use-cases/overrides.ts",
  "lib/server/login-throttle.ts",
  "lib/server/rls.ts",
  "lib/server/export/*.ts",
  "proxy.ts",
  "!**/*.test.ts",
  "!**/*.fixtures.ts",
  "!lib/domain/**/data/**",
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: true },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: MUTATE,
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: "docs/mutation/incremental.json",
  concurrency: 2,
  timeoutMS: 30_000,
  timeoutFactor: 2,
  ignorePatterns: [".next", ".next-*", ".data", "bench-results", "test-results", "playwright-report", "backups", "docs/mutation", "e2e"],
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "docs/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
