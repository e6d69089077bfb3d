import { describe, expect, it } from "vitest";
import type { Assessment } from "../assessment";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { projectCosts } from "./project";
import { smallVolumeNote } from "./volume-note";

const project = (assessment: Assessment) => projectCosts({ assessment, horizonYears: 3, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS });
const inference = (p: ReturnType<typeof project>, ap: string) => p.lines.reduce((n, l) => n + (l.approach === ap && l.category === "INFERENCE" ? (l.base ?? 0) : 0), 0);

describe("where the calls are a sliver of what the approach costs", () => {
  it("says what the rest is, from the lines, and 003's MVP beside a production system's figures", () => {
    // A review's pilot: 100 calls a month quoted at about $243k for RAG, $30 of it the calls.
    const pilot: Assessment = { monthlyCalls: 100, corpusDocuments: 200, coreNeed: "retrieval", needsCitations: true, evaluationSetExists: false, yearlyGrowthPct: 0, changeFrequency: "monthly", maxLagDays: 30 };
    const p = project(pilot);
    const note = smallVolumeNote({ approach: "RAG", monthlyCalls: 100, inferenceCents: inference(p, "RAG"), lifecycleCents: p.approaches.RAG!.lifecycle.base });
    expect(note).toMatch(/^At 100 calls a month, RAG's calls come to \$30 over the lifecycle \(base\), under 0\.1% of its \$243,430: the rest is building, keeping and evaluating it \(the lines above\), which do not shrink with the volume\./);
    expect(note).toContain(`003 puts a RAG MVP at "2-4 weeks engineering, ~$5K in infrastructure for the first year"`);
  });

  it("says nothing where the calls are a real share of it, or the volume is unanswered", () => {
    const busy = project({ monthlyCalls: 2_000_000, corpusDocuments: 200, coreNeed: "retrieval", changeFrequency: "monthly", maxLagDays: 30 });
    expect(smallVolumeNote({ approach: "RAG", monthlyCalls: 2_000_000, inferenceCents: inference(busy, "RAG"), lifecycleCents: busy.approaches.RAG!.lifecycle.base })).toBeNull();
    expect(smallVolumeNote({ approach: "RAG", monthlyCalls: null, inferenceCents: 1, lifecycleCents: 100_000 })).toBeNull();
    // Prompting has no MVP figure in the sources: the first sentence alone.
    expect(smallVolumeNote({ approach: "PROMPTING", monthlyCalls: 10, inferenceCents: 100, lifecycleCents: 5_000_000 })).toBe(
      "At 10 calls a month, Prompting only's calls come to $1 over the lifecycle (base), under 0.1% of its $50,000: the rest is building, keeping and evaluating it (the lines above), which do not shrink with the volume.",
    );
  });

  it("beside 003's fine-tuning MVP, says which figure the training compute line follows", () => {
    const note = smallVolumeNote({ approach: "FINE_TUNING", monthlyCalls: 100, inferenceCents: 100_00, lifecycleCents: 300_000_00 })!;
    expect(note).toContain(`$10-30K in training compute, evaluation budget" (the training compute line above follows the assumptions' fine-tuning method instead: 002 puts LoRA on 5,000 curated examples at "$50–$200 in GPU compute").`);
  });
});
