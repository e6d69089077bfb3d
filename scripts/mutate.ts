/**
 * `npm run mutate` — mutation testing with Stryker (stryker.config.mjs), one module at a time so
 * that a run can be scoped and each module keeps its own report and incremental file:
 *
 *   npm run mutate                       every module below, one after the other (long)
 *   npm run mutate -- domain-export rls  just those
 *   npm run mutate -- --summary          only rewrite docs/mutation/README.md from the reports
 *   npm run mutate -- --no-typecheck rls without the TypeScript checker (on a 2-core machine the
 *                                        checker took about nine tenths of the time; without it a
 *                                        mutant that only breaks the types is tested, not skipped)
 *   npm run mutate -- use-cases --part=lib/server/use-cases/read.ts:40-82
 *                                        a part of one module only (Stryker's file:lines ranges,
 *                                        comma-separated), when the whole module takes too long: its
 *                                        report is docs/mutation/<module>.partial.json, shown in the
 *                                        table as partial, never counted in the overall score
 *
 * Each module's report is docs/mutation/<module>.json (mutation-testing-elements schema) and its
 * incremental state docs/mutation/incremental/<module>.json, so a second run tests only mutants
 * in code or tests that changed. The tests that reach the database get a throwaway database on
 * the embedded test cluster (EMBEDDED_TEST_PG_PORT) or on DATABASE_URL's server, as `npm test`.
 * Not part of `npm test`.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dropDatabase, ensureDatabase, ROOT, startEmbedded, testCluster, urlFor } from "./lib/embedded-db";
import { migrate } from "./lib/migrate";

/**
 * Each module: the files mutated, and the test files run against its mutants (Stryker's Vitest
 * runner then keeps, per mutant, only the tests that cover it). The domain modules are measured
 * with the fast unit tests beside them; the server modules with the integration tests that
 * exercise them against PostgreSQL.
 */
export const MODULES: Record<string, { mutate: string[]; tests: string[]; loads?: string }> = {
  "domain-export": { mutate: ["lib/domain/export/**/*.ts"], tests: ["lib/domain/export/*.test.ts", "lib/domain/portfolio/**/*.test.ts"] },
  // The frameworks, costing, import and core modules are mostly module-level tables (rules, labels,
  // schemas): Stryker runs every one of the module's tests for each of those "static" mutants, so
  // each module is measured with the test files written for it (the tests beside it, and those of
  // the modules that read it), not all of lib: a narrower set can only lower a score, never raise it.
  "domain-frameworks": { mutate: ["lib/domain/frameworks/**/*.ts", "!lib/domain/frameworks/data/**"], tests: ["lib/domain/frameworks/*.test.ts", "lib/domain/loads.test.ts"], loads: "^\\./frameworks/" },
  "domain-costing": { mutate: ["lib/domain/costing/**/*.ts"], tests: ["lib/domain/costing/**/*.test.ts", "lib/domain/actuals/unit-costs.test.ts", "lib/domain/loads.test.ts"], loads: "^\\./costing/" },
  "domain-import": { mutate: ["lib/domain/import/**/*.ts"], tests: ["lib/domain/import/*.test.ts", "lib/domain/loads.test.ts"], loads: "^\\./import/" },
  "domain-portfolio": { mutate: ["lib/domain/portfolio/**/*.ts"], tests: ["lib/**/*.test.ts"] },
  "domain-core": { mutate: ["lib/domain/*.ts"], tests: ["lib/domain/*.test.ts", "lib/domain/frameworks/*.test.ts", "lib/domain/import/*.test.ts"], loads: "^\\./[^/]+\\.ts$" }, // lib/domain/loads.test.ts is among lib/domain/*.test.ts
  "domain-accounts": { mutate: ["lib/domain/accounts/**/*.ts"], tests: ["lib/domain/**/*.test.ts"] },
  "domain-actuals": { mutate: ["lib/domain/actuals/**/*.ts"], tests: ["lib/domain/**/*.test.ts"] },
  "domain-audit": { mutate: ["lib/domain/audit/**/*.ts"], tests: ["lib/domain/**/*.test.ts"] },
  "domain-decisions": { mutate: ["lib/domain/decisions/**/*.ts"], tests: ["lib/domain/**/*.test.ts"] },
  "domain-value": { mutate: ["lib/domain/value/**/*.ts"], tests: ["lib/domain/**/*.test.ts"] },
  guard: {
    mutate: ["lib/server/guard.ts", "lib/server/page-guard.ts", "lib/server/action.ts"],
    tests: ["tests/authorization-matrix.test.ts", "tests/session-revocation.test.ts", "tests/cross-organization-reads.test.ts", "tests/guard-edges.test.ts"],
  },
  "use-cases": {
    mutate: ["lib/server/use-cases/read.ts", "lib/server/use-cases/write.ts", "lib/server/use-cases/decision.ts", "lib/server/use-cases/trash.ts", "lib/server/use-cases/overrides.ts"],
    tests: ["tests/use-case-paths.test.ts", "tests/use-cases.test.ts", "tests/concurrency.test.ts", "tests/concurrent-overrides-decisions.test.ts", "tests/cross-organization-reads.test.ts", "tests/authorization-matrix.test.ts"],
  },
  throttle: { mutate: ["lib/server/login-throttle.ts", "lib/server/anonymous-throttle.ts"], tests: ["tests/login-throttle.test.ts", "tests/anonymous-throttle.test.ts", "tests/sign-up.test.ts"] },
  rls: { mutate: ["lib/server/rls.ts"], tests: ["tests/rls.test.ts", "tests/rls-each-read.test.ts"] },
  proxy: { mutate: ["proxy.ts"], tests: ["tests/proxy.test.ts", "tests/proxy-edges.test.ts"] },
  "export-writer": {
    mutate: ["lib/server/export/*.ts"],
    // The actual-spend and benefit columns of both exports are checked in the actuals and value tests.
    tests: ["tests/export.test.ts", "tests/export-stream-edges.test.ts", "tests/copy-text.test.ts", "tests/actuals-variance.test.ts", "tests/value.test.ts", "tests/rls-each-read.test.ts", "lib/domain/export/*.test.ts"],
  },
};

const OUT = path.join(ROOT, "docs", "mutation");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface Report {
  files: Record<string, { mutants: { id: string; status: string; mutatorName: string; location: { start: { line: number } }; replacement?: string }[] }>;
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

function tally(report: Report) {
  let detected = 0;
  let undetected = 0;
  let ignored = 0;
  for (const f of Object.values(report.files)) {
    for (const m of f.mutants) {
      if (DETECTED.has(m.status)) detected++;
      else if (UNDETECTED.has(m.status)) undetected++;
      else ignored++; // CompileError, RuntimeError, Ignored: not counted, as Stryker does
    }
  }
  const total = detected + undetected;
  return { detected, undetected, ignored, score: total ? (100 * detected) / total : 100 };
}

/** docs/mutation/README.md: one row per module report, with its date. */
export function writeSummary(): void {
  const rows: string[] = [];
  let detected = 0;
  let undetected = 0;
  for (const name of Object.keys(MODULES)) {
    const file = path.join(OUT, `${name}.json`);
    if (!existsSync(file)) {
      const partial = path.join(OUT, `${name}.partial.json`);
      if (existsSync(partial)) {
        const report = JSON.parse(readFileSync(partial, "utf8")) as Report & { stamp?: string; part?: string[] };
        const t = tally(report);
        rows.push(`| ${name} | partial, not counted: ${t.score.toFixed(1)}% of ${(report.part ?? []).map((p) => `\`${p}\``).join(", ")} | ${t.detected} | ${t.undetected} | ${report.stamp ?? ""} |`);
      } else rows.push(`| ${name} | not run yet | | | |`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8")) as Report & { stamp?: string };
    const t = tally(report);
    detected += t.detected;
    undetected += t.undetected;
    rows.push(`| ${name} | ${t.score.toFixed(1)}% | ${t.detected} | ${t.undetected} | ${report.stamp ?? ""} |`);
  }
  const total = detected + undetected;
  const overall = total ? ((100 * detected) / total).toFixed(1) : "n/a";
  const text = [
    "# Mutation testing",
    "",
    "Made by `npm run mutate` (scripts/mutate.ts, stryker.config.mjs). Score = killed (or timed out) ÷ (killed + survived + not covered);",
    "mutants that do not compile are left out, as Stryker does. Survivors judged equivalent are listed with reasons in",
    "[equivalent.md](equivalent.md).",
    "",
    "| module | score | detected | undetected | run at (UTC) |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Over the modules run: **${overall}%** (${detected} detected, ${undetected} undetected).`,
    "",
  ].join("\n");
  writeFileSync(path.join(OUT, "README.md"), text);
  console.log(text);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes("--summary")) {
    writeSummary();
    return 0;
  }
  const typecheck = !args.includes("--no-typecheck");
  const partArg = args.find((a) => a.startsWith("--part="));
  const part = partArg ? partArg.slice("--part=".length).split(",").filter(Boolean) : null;
  const unknown = args.filter((a) => !(a in MODULES) && a !== "--no-typecheck" && a !== partArg);
  if (unknown.length) {
    console.error(`Unknown module(s): ${unknown.join(", ")}. Known: ${Object.keys(MODULES).join(", ")}`);
    return 2;
  }
  const named = args.filter((a) => a in MODULES);
  const modules = named.length ? named : Object.keys(MODULES);
  if (part && (modules.length !== 1 || !part.length)) {
    console.error("--part=<file:lines,...> needs exactly one module named.");
    return 2;
  }

  let serverUrl: string;
  let stopCluster = async () => {};
  if (process.env.DATABASE_URL) serverUrl = process.env.DATABASE_URL;
  else {
    const cluster = await startEmbedded(testCluster());
    serverUrl = cluster.serverUrl;
    stopCluster = cluster.stop;
  }
  const dbName = `tradeoff_mutate_${process.pid}_${Date.now()}`;
  await ensureDatabase(serverUrl, dbName);
  const url = urlFor(serverUrl, dbName);
  let failed = 0;
  try {
    await migrate(url);
    const env = { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-secret-not-for-production-0123456789", TRADEOFF_TEST: "1" };
    mkdirSync(path.join(OUT, "incremental"), { recursive: true });
    for (const name of modules) {
      const mutate = part ?? MODULES[name]!.mutate;
      const reportName = part ? `${name}.partial` : name;
      const config = path.join(ROOT, `.stryker-${name}.config.mjs`);
      const vitestConfig = path.join(ROOT, `.stryker-${name}.vitest.config.mts`);
      writeFileSync(
        vitestConfig,
        // One project, isolated, with the database: the module's tests, domain ones included.
        `import base, { DATABASE_SETUP } from "./vitest.config.ts";\n` +
          `const { projects: _projects, ...test } = base.test;\n` +
          `export default { ...base, test: { ...test, ...DATABASE_SETUP, include: ${JSON.stringify(MODULES[name]!.tests)} } };\n`,
      );
      writeFileSync(
        config,
        `import base from "./stryker.config.mjs";\n` +
          `export default { ...base, mutate: ${JSON.stringify([...mutate, "!**/*.test.ts", "!**/*.fixtures.ts"])},\n` +
          `  vitest: { ...base.vitest, configFile: ${JSON.stringify(path.basename(vitestConfig))} },\n` +
          (typecheck ? "" : `  checkers: [],\n`) +
          `  incrementalFile: "docs/mutation/incremental/${reportName}.json", jsonReporter: { fileName: "docs/mutation/${reportName}.json" },\n` +
          `  htmlReporter: { fileName: "reports/mutation/${reportName}.html" } };\n`,
      );
      console.log(`\n=== mutation testing: ${name} (${mutate.join(" ")}; tests ${MODULES[name]!.tests.join(" ")}) ===`);
      try {
        const code = await run(path.join(ROOT, "node_modules", ".bin", "stryker"), ["run", config], { ...env, TRADEOFF_LOADS_MATCH: MODULES[name]!.loads ?? "" });
        if (code !== 0) failed = code;
        const report = path.join(OUT, `${reportName}.json`);
        // A failed run (a failing dry run, say) writes no report: the old one keeps its own date.
        if (code === 0 && existsSync(report)) {
          const json = JSON.parse(readFileSync(report, "utf8")) as Record<string, unknown>;
          json.stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
          if (part) json.part = part;
          writeFileSync(report, JSON.stringify(json));
        }
      } finally {
        rmSync(config, { force: true });
        rmSync(vitestConfig, { force: true });
      }
    }
  } finally {
    await dropDatabase(serverUrl, dbName).catch(() => {});
    await stopCluster();
  }
  writeSummary();
  return failed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().then((code) => process.exit(code), (err) => {
    console.error(err);
    process.exit(1);
  });
}

