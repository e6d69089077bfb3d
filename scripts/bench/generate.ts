/**
 * Realistic, varied use cases for benchmarks and the demo: a seeded generator, so every run
 * produces the same portfolio. Each use case is valid input for the use-case schema.
 */
import type { Assessment } from "@/lib/domain/assessment";
import { CHANGE_FREQUENCIES, CORE_NEEDS } from "@/lib/domain/assessment";
import type { UseCaseFieldsInput } from "@/lib/domain/use-case";
import { STATUSES } from "@/lib/domain/use-case";

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = ["Customer Support", "Sales", "Marketing", "Legal", "Finance", "HR", "Engineering", "Operations", "Compliance", "Procurement"];
const SUBJECTS = ["support assistant", "contract reviewer", "ticket classifier", "policy Q&A", "sales email writer", "invoice extractor", "code reviewer", "onboarding guide", "claims triage", "knowledge search", "meeting summariser", "risk analyst", "product copywriter", "compliance checker", "HR helpdesk"];
const QUALIFIERS = ["for EMEA", "for the US market", "v2", "pilot", "for partners", "internal", "for field teams", "multilingual", "for enterprise accounts", "self-service"];

export function generateUseCases(count: number, seed = 42): UseCaseFieldsInput[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
  const out: UseCaseFieldsInput[] = [];
  for (let i = 0; i < count; i++) {
    const assessment: Assessment = {};
    const set = <K extends keyof Assessment>(k: K, v: Assessment[K] | undefined) => {
      if (v !== undefined) assessment[k] = v;
    };
    set("changeFrequency", maybe(0.95, () => pick(CHANGE_FREQUENCIES)));
    set("maxLagDays", maybe(0.85, () => pick([1, 3, 7, 14, 30, 90, 180])));
    set("coreNeed", maybe(0.9, () => pick(CORE_NEEDS)));
    set("needsStyleOrFormat", maybe(0.9, () => r() < 0.4));
    set("needsCitations", maybe(0.9, () => r() < 0.5));
    set("fitsContextWindow", maybe(0.8, () => r() < 0.4));
    set("corpusDocuments", maybe(0.8, () => Math.floor(10 ** (1 + r() * 5))));
    set("labeledExamples", maybe(0.85, () => pick([0, 0, 50, 200, 800, 3000, 10000])));
    set("latencySensitive", maybe(0.85, () => r() < 0.3));
    set("monthlyCalls", maybe(0.9, () => Math.floor(10 ** (3 + r() * 4))));
    set("yearlyGrowthPct", maybe(0.8, () => pick([0, 5, 10, 20, 50])));
    set("sensitiveDataOutOfTraining", maybe(0.8, () => r() < 0.3));
    set("retrainingBudget", maybe(0.8, () => r() < 0.4));
    set("expertiseDocumented", maybe(0.8, () => r() < 0.6));
    set("needsToolUse", maybe(0.85, () => r() < 0.12));
    set("transformationAtVolume", maybe(0.85, () => r() < 0.1));
    set("learnsFromFeedback", maybe(0.85, () => r() < 0.06));
    set("promptedBaselineMeetsBar", maybe(0.8, () => pick(["yes", "no", "untested"] as const)));
    set("evaluationSetExists", maybe(0.85, () => r() < 0.55));
    set("weeksToProduction", maybe(0.7, () => pick([2, 4, 8, 12, 26])));
    const year = 2026 + Math.floor(r() * 3);
    const month = 1 + Math.floor(r() * 12);
    out.push({
      title: `${pick(SUBJECTS)} ${pick(QUALIFIERS)} #${i + 1}`.replace(/^./, (c) => c.toUpperCase()),
      description: "Generated for benchmarks.",
      businessUnit: pick(UNITS),
      status: pick(STATUSES),
      startDate: `${year}-${String(month).padStart(2, "0")}-01`,
      horizonYears: pick([3, 3, 5, 5, 5, 7, 10]),
      assessment,
      externalId: `GEN-${seed}-${i + 1}`,
    });
  }
  return out;
}
