/**
 * The benchmark's organization, written through the bulk CSV import's server functions (the
 * same ones the import page's actions call, lib/server/import/run.ts): the generated use cases
 * as template CSV files of at most MAX_DATA_ROWS rows, each checked a chunk at a time as the
 * browser does (checkRows), then imported (importFile: decode, parse, plan, derive, write, audit,
 * all or nothing).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import Papa from "papaparse";
import { CHECK_CHUNK_ROWS, MAX_DATA_ROWS, parseCsv, suggestColumns, TEMPLATE_HEADERS, type ImportMapping } from "@/lib/domain/import";
import type { UseCaseFieldsInput } from "@/lib/domain/use-case";
import { checkRows, importFile } from "@/lib/server/import/run";
import type { ImportActor } from "@/lib/server/import/plan";
import { ownCpuSeconds, postgresCpuSeconds } from "./cpu";

export interface ImportBench {
  useCases: number;
  files: number;
  megabytes: number;
  /** checkRows over every chunk (what the browser does before importing). */
  checkSeconds: number;
  checkRowsPerSecond: number;
  /** importFile: the whole server work of the import, all files. */
  importSeconds: number;
  rowsPerSecond: number;
  /** Where importFile's time went, seconds per phase over all files (lib/server/import/phases.ts). */
  phases: Record<string, number>;
  /** CPU seconds during importFile: this process's, and the local PostgreSQL's (null when it is not on this machine). */
  cpu: { process: number; postgres: number | null };
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

/** One CSV (template headers) for the use cases, owners given by email. */
export function toCsv(cases: readonly UseCaseFieldsInput[], ownerEmail: (i: number) => string, offset = 0): string {
  const rows = cases.map((c, i) =>
    TEMPLATE_HEADERS.map((h) => {
      if (h === "ownerEmail") return ownerEmail(offset + i);
      if (h in (c.assessment ?? {})) return cell((c.assessment as Record<string, unknown>)[h]);
      return cell((c as Record<string, unknown>)[h]);
    }),
  );
  return Papa.unparse([[...TEMPLATE_HEADERS], ...rows], { newline: "\r\n" }) + "\r\n";
}

/**
 * BENCH_IMPORT_CPU_PROF=<file prefix>: a CPU profile of this process over each importFile call
 * alone (not the generation or the check), written as <prefix>-<file>.cpuprofile for Chrome's
 * DevTools or any .cpuprofile reader.
 */
async function startProfile(): Promise<{ stop(file: number): Promise<void> } | null> {
  const prefix = process.env.BENCH_IMPORT_CPU_PROF;
  if (!prefix) return null;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(`${prefix}-${file}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

export async function importThroughCsv(actor: ImportActor, cases: readonly UseCaseFieldsInput[], ownerEmail: (i: number) => string): Promise<ImportBench> {
  const mapping: ImportMapping = { columns: suggestColumns(TEMPLATE_HEADERS), values: {} };
  let checkMs = 0;
  let importMs = 0;
  let bytes = 0;
  let files = 0;
  const phases: Record<string, number> = {};
  const port = Number(new URL(process.env.DATABASE_URL!).port || 5432);
  let processCpu = 0;
  let postgresCpu: number | null = 0;
  for (let i = 0; i < cases.length; i += MAX_DATA_ROWS) {
    const text = toCsv(cases.slice(i, i + MAX_DATA_ROWS), ownerEmail, i);
    const file = new File([text], `bench-${files + 1}.csv`, { type: "text/csv" });
    bytes += file.size;
    files++;

    const parsed = parseCsv(text);
    let t = performance.now();
    for (let r = 0; r < parsed.rows.length; r += CHECK_CHUNK_ROWS) {
      const check = await checkRows(actor, { headers: parsed.headers, rows: parsed.rows.slice(r, r + CHECK_CHUNK_ROWS), mapping });
      if (check.errors.length) throw new Error(`The bench CSV does not check cleanly: ${JSON.stringify(check.errors.slice(0, 3))}`);
    }
    checkMs += performance.now() - t;

    t = performance.now();
    const [cpu0, pg0] = [ownCpuSeconds(), postgresCpuSeconds(port)];
    const profiler = await startProfile();
    const outcome = await importFile(actor, { file, fileName: file.name, mapping }, phases);
    await profiler?.stop(files);
    importMs += performance.now() - t;
    const pg1 = postgresCpuSeconds(port);
    processCpu += ownCpuSeconds() - cpu0;
    postgresCpu = postgresCpu === null || pg0 === null || pg1 === null ? null : postgresCpu + (pg1 - pg0);
    if (!outcome.committed) throw new Error(`The bench import was refused: ${JSON.stringify(outcome.report).slice(0, 500)}`);
    process.stderr.write(`  imported ${Math.min(cases.length, i + MAX_DATA_ROWS)} / ${cases.length} use cases\n`);
  }
  return {
    useCases: cases.length,
    files,
    megabytes: Math.round((bytes / 2 ** 20) * 10) / 10,
    checkSeconds: Math.round(checkMs / 100) / 10,
    checkRowsPerSecond: Math.round(cases.length / (checkMs / 1000)),
    importSeconds: Math.round(importMs / 100) / 10,
    rowsPerSecond: Math.round(cases.length / (importMs / 1000)),
    phases: Object.fromEntries(Object.entries(phases).map(([k, ms]) => [k, Math.round(ms / 10) / 100])),
    cpu: { process: Math.round(processCpu * 10) / 10, postgres: postgresCpu === null ? null : Math.round(postgresCpu * 10) / 10 },
  };
}
