/**
 * For the tests only: where the shared acceptance cases and seed documents are, and a complete,
 * neutral assessment to vary. Not imported by the engine.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Assessment } from "../assessment";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const seedsDir = path.resolve(repoRoot, "../shared/seeds");
export const vignettesPath = path.resolve(repoRoot, "../shared/acceptance/vignettes.json");

export const seedFiles: ReadonlySet<string> = new Set(existsSync(seedsDir) ? readdirSync(seedsDir) : []);

const seedText = new Map<string, string>();
/** A seed document's text. */
export function readSeed(file: string): string {
  let t = seedText.get(file);
  if (t === undefined) seedText.set(file, (t = readFileSync(path.join(seedsDir, file), "utf8")));
  return t;
}

/** A fully answered case that leans nowhere in particular; tests override what they examine. */
export const NEUTRAL: Assessment = {
  changeFrequency: "monthly",
  maxLagDays: 14,
  coreNeed: "retrieval",
  needsStyleOrFormat: false,
  needsCitations: false,
  fitsContextWindow: true,
  corpusDocuments: 1000,
  labeledExamples: 500,
  latencySensitive: false,
  latencyBudgetMs: 2000,
  monthlyCalls: 10000,
  yearlyGrowthPct: 10,
  sensitiveDataOutOfTraining: false,
  retrainingBudget: true,
  expertiseDocumented: true,
  needsToolUse: false,
  transformationAtVolume: false,
  learnsFromFeedback: false,
  promptedBaselineMeetsBar: "no",
  evaluationSetExists: true,
  weeksToProduction: 8,
};
