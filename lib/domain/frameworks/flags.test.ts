/**
 * Each risk flag as the use case's page shows it: its label, the sentence that explains it, and the
 * seed it cites, raised by the answers that should raise it and by no others; each contradiction
 * between two answers named in its own words.
 */
import { describe, expect, it } from "vitest";
import { APPROACHES, type Approach, type Assessment } from "../assessment";
import { CONTRADICTIONS, FLAG_CODES, FLAG_LABELS, riskFlags, type FlagContext } from "./flags";
import { retrainingCyclesPerYear } from "../costing/retraining";

const ONE = "000_2a5380ca2875bd0d.txt";
const TWO = "001_882c99e1fd832846.txt";
const THREE = "002_eb871f56c24eca94.txt";
const FOUR = "003_cef81cc6bb37c5d4.txt";
const FIVE = "004_b4720be0fbd1a961.txt";

const raised = (a: Assessment, ctx: FlagContext) => riskFlags(a, ctx).map((f) => [f.code, f.reason, f.cite.file]);

describe("risk flags", () => {
  it("each has its label, in words", () => {
    expect(FLAG_LABELS).toEqual({
      FT_ON_FAST_CHANGING_KNOWLEDGE: "Fine-tuning on fast-changing knowledge",
      FT_WITHOUT_ENOUGH_LABELED_DATA: "Fine-tuning without enough labeled data",
      FT_WITHOUT_RETRAINING_BUDGET: "Fine-tuning without a retraining budget",
      FT_BEFORE_PROMPTED_BASELINE: "Fine-tuning before a prompted baseline was tried",
      FT_THOUGH_PROMPTING_MEETS_BAR: "Fine-tuning though a prompted base model meets the bar",
      SENSITIVE_DATA_IN_TRAINING: "Sensitive data would go into model training",
      NO_EVALUATION_SET: "No evaluation set",
      CHOSEN_DIFFERS_FROM_CONSENSUS: "Chosen approach differs from the recommendation",
      STALENESS_EXCEEDS_ACCEPTABLE_LAG: "Staleness beyond the acceptable lag",
      PROMPTING_WITHOUT_ITS_KNOWLEDGE: "Prompting alone on knowledge it never sees",
      PROMPTING_BELOW_BAR: "Prompting alone though a prompted base model falls short",
      NOTHING_TO_RETRIEVE: "Retrieval with nothing to retrieve",
      LEARNING_WITHOUT_FEEDBACK_LOOP: "Learning from users without a feedback loop",
      TIME_TO_VALUE_PAST_DEADLINE: "Not in production by the deadline",
      CONTRADICTORY_ANSWERS: "Answers that contradict each other",
    });
    expect(Object.keys(FLAG_LABELS).sort()).toEqual([...FLAG_CODES].sort());
  });

  it("fine-tuning chosen on weekly knowledge, few labels, no budget, no baseline, sensitive data, no evaluation set, a lag shorter than a retraining: every flag, each with its sentence and seed", () => {
    const a: Assessment = { changeFrequency: "weekly", maxLagDays: 7, labeledExamples: 150, retrainingBudget: false, promptedBaselineMeetsBar: "untested", sensitiveDataOutOfTraining: true, evaluationSetExists: false };
    expect(raised(a, { consensus: "RAG", chosen: "FINE_TUNING", agreement: { votes: 4, voters: 5 } })).toEqual([
      ["FT_ON_FAST_CHANGING_KNOWLEDGE", "The chosen approach is fine-tuning, but the knowledge changes weekly, so a trained model falls behind between retrainings.", ONE],
      ["FT_WITHOUT_ENOUGH_LABELED_DATA", "The chosen approach trains a model on 150 labeled examples; fine-tuning needs hundreds to low thousands of curated pairs.", THREE],
      ["FT_WITHOUT_RETRAINING_BUDGET", "The chosen approach is fine-tuning, but there is no budget or engineering team for the retraining cycles a trained model needs.", ONE],
      ["FT_BEFORE_PROMPTED_BASELINE", "The chosen approach is fine-tuning, but nobody has tried a prompted base model yet; try that first, it may already be enough.", THREE],
      ["SENSITIVE_DATA_IN_TRAINING", "The chosen approach is fine-tuning, which puts the training data into the model, but sensitive data must stay out of model training.", FIVE],
      ["NO_EVALUATION_SET", "There is no evaluation set, so nobody can tell whether the approach works or a change made it worse.", THREE],
      ["CHOSEN_DIFFERS_FROM_CONSENSUS", "The organization chose fine-tuning, but the recommendation is RAG (4 of 5 voting frameworks pick it).", FOUR],
      ["STALENESS_EXCEEDS_ACCEPTABLE_LAG", "Trained once and never brought up to date (there is no budget for retraining), the fine-tuned model never learns a change to its knowledge, where the business accepts 7 days of lag.", ONE],
    ]);
  });

  it("a recommended hybrid is named as one that fine-tunes a model; an unknown baseline is said to be unknown; the retraining lag is the organization's", () => {
    const a: Assessment = { changeFrequency: "monthly", maxLagDays: 20, labeledExamples: 5_000, retrainingBudget: false, sensitiveDataOutOfTraining: true };
    expect(raised(a, { consensus: "HYBRID", chosen: null, retrainLagDays: 30 })).toEqual([
      ["FT_WITHOUT_RETRAINING_BUDGET", "The recommendation is a hybrid, which fine-tunes a model, but there is no budget or engineering team for the retraining cycles a trained model needs.", ONE],
      ["FT_BEFORE_PROMPTED_BASELINE", "The recommendation is a hybrid, which fine-tunes a model, but whether a prompted base model meets the bar is not known; try that first, it may already be enough.", THREE],
      ["SENSITIVE_DATA_IN_TRAINING", "The recommendation is a hybrid, which fine-tunes a model, which puts the training data into the model, but sensitive data must stay out of model training.", FIVE],
    ]);
    // Fine-tuning itself: the lag flag needs the retraining to be longer than the lag accepted.
    const ft = (maxLagDays: number, retrainLagDays: number, changeFrequency: Assessment["changeFrequency"] = "monthly") =>
      riskFlags({ changeFrequency, maxLagDays, promptedBaselineMeetsBar: "no" }, { consensus: "FINE_TUNING", chosen: undefined, retrainLagDays }).map((f) => f.code);
    expect(ft(29, 30)).toEqual(["STALENESS_EXCEEDS_ACCEPTABLE_LAG"]);
    expect(ft(30, 30)).toEqual([]);
    expect(ft(5, 30, "static")).toEqual([]);
  });

  it("the lag flag follows the cost panel's rule: a change batched for the next retraining waits longer than one cycle", () => {
    // Weekly changes, a 30-day lag, 21-day cycles: at most 17 cycles a year back to back, so a change
    // waits up to 365 / 17 + 21 = 42.47 days, said rounded up as 43, as the cost panel says ("does not meet the 30-day lag").
    const weekly: Assessment = { changeFrequency: "weekly", maxLagDays: 30, promptedBaselineMeetsBar: "no" };
    expect(riskFlags(weekly, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: 21 }).find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG")?.reason).toBe(
      "Retraining as often as it can (17 times a year), a change still waits up to 43 days for the fine-tuned model, longer than the 30 days of lag the business accepts.",
    );
    expect(riskFlags({ ...weekly, maxLagDays: 45 }, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: 21 }).map((f) => f.code)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
    // No budget for retraining: trained once, never brought up to date, whatever the lag; said so, as the cost panel says it.
    for (const maxLagDays of [14, 45, 365]) {
      expect(riskFlags({ ...weekly, maxLagDays, retrainingBudget: false }, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: 21 }).find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG")?.reason).toBe(
        `Trained once and never brought up to date (there is no budget for retraining), the fine-tuned model never learns a change to its knowledge, where the business accepts ${maxLagDays} days of lag.`,
      );
    }
    expect(riskFlags({ ...weekly, changeFrequency: "static", retrainingBudget: false }, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: 21 }).map((f) => f.code)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
    // Monthly changes with a 25-day lag: one cycle after each change keeps up (21 days).
    expect(riskFlags({ changeFrequency: "monthly", maxLagDays: 25 }, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: 21 }).map((f) => f.code)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
    expect(riskFlags({ changeFrequency: "monthly", maxLagDays: 1 }, { consensus: "FINE_TUNING", chosen: null, retrainLagDays: 21 }).find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG")?.reason).toBe(
      "Each retraining takes about 21 days, longer than the 1 day of lag the business accepts.",
    );
  });

  it("raises nothing for a prompted approach with every answer favourable, or for fine-tuning with everything in place", () => {
    const good: Assessment = { changeFrequency: "quarterly", maxLagDays: 90, labeledExamples: 200, retrainingBudget: true, promptedBaselineMeetsBar: "no", sensitiveDataOutOfTraining: false, evaluationSetExists: true };
    expect(raised(good, { consensus: "FINE_TUNING", chosen: "FINE_TUNING" })).toEqual([]);
    expect(raised({ ...good, coreNeed: "reasoning", labeledExamples: 0, retrainingBudget: false, sensitiveDataOutOfTraining: true, promptedBaselineMeetsBar: "untested" }, { consensus: "PROMPTING", chosen: null })).toEqual([]);
    // A prompted base model that meets the bar is no untried baseline: only the flag for training anyway.
    expect(raised({ ...good, promptedBaselineMeetsBar: "yes" }, { consensus: "FINE_TUNING", chosen: null }).map((f) => f[0])).toEqual(["FT_THOUGH_PROMPTING_MEETS_BAR"]);
  });

  it("flags training a model when a prompted base model already meets the bar (002), and only then", () => {
    const meets: Assessment = { promptedBaselineMeetsBar: "yes" };
    expect(riskFlags(meets, { consensus: "HYBRID", chosen: null }).map((f) => [f.code, f.reason, f.cite.file])).toEqual([
      [
        "FT_THOUGH_PROMPTING_MEETS_BAR",
        "The recommendation is a hybrid, which fine-tunes a model, but a prompted base model already meets the bar; 002 puts that check before any training, and training adds cost and retraining for no gain it has shown.",
        "002_eb871f56c24eca94.txt",
      ],
    ]);
    expect(riskFlags(meets, { consensus: "RAG", chosen: "FINE_TUNING" }).map((f) => f.code)).toContain("FT_THOUGH_PROMPTING_MEETS_BAR");
    for (const ap of ["RAG", "PROMPTING", "AGENT"] as const) expect(riskFlags(meets, { consensus: ap, chosen: null }), ap).toEqual([]);
    for (const b of ["no", "untested", undefined] as const) expect(riskFlags({ promptedBaselineMeetsBar: b }, { consensus: "FINE_TUNING", chosen: null }).map((f) => f.code), String(b)).not.toContain("FT_THOUGH_PROMPTING_MEETS_BAR");
  });

  it("names each chosen approach in the sentence, with or without the backing", () => {
    const names: Record<Approach, string> = { RAG: "RAG", FINE_TUNING: "fine-tuning", HYBRID: "a hybrid", PROMPTING: "prompting", AGENT: "an agent", PIPELINE: "a pipeline", FEEDBACK_LEARNING: "feedback learning" };
    for (const chosen of APPROACHES) {
      const consensus: Approach = chosen === "PIPELINE" ? "AGENT" : "PIPELINE";
      const f = riskFlags({}, { consensus, chosen, agreement: { votes: 0, voters: 0 } }).find((x) => x.code === "CHOSEN_DIFFERS_FROM_CONSENSUS")!;
      expect(f.reason).toBe(`The organization chose ${names[chosen]}, but the recommendation is ${names[consensus]}.`);
    }
    expect(riskFlags({}, { consensus: "RAG", chosen: "RAG" })).toEqual([]);
    expect(riskFlags({}, { consensus: null, chosen: "RAG" })).toEqual([]);
  });
});

describe("which answers raise a flag, edge by edge", () => {
  const codes = (a: Assessment, ctx: FlagContext) => riskFlags(a, ctx).map((f) => f.code);
  const ft: FlagContext = { consensus: "FINE_TUNING", chosen: "FINE_TUNING" };
  it("fine-tuning on knowledge that changes in real time, daily or weekly, not monthly", () => {
    for (const changeFrequency of ["realtime", "daily", "weekly"] as const) expect(codes({ changeFrequency, maxLagDays: 60 }, ft), changeFrequency).toContain("FT_ON_FAST_CHANGING_KNOWLEDGE");
    expect(codes({ changeFrequency: "monthly", maxLagDays: 60 }, ft)).not.toContain("FT_ON_FAST_CHANGING_KNOWLEDGE");
  });
  it("says how fast the knowledge changes in words: in real time, daily, weekly", () => {
    // A lag shorter than a retraining: the staleness flag says what is missed, this one only how fast.
    const reason = (changeFrequency: Assessment["changeFrequency"]) => riskFlags({ changeFrequency, maxLagDays: 7 }, ft).find((f) => f.code === "FT_ON_FAST_CHANGING_KNOWLEDGE")?.reason;
    expect(reason("realtime")).toBe("The chosen approach is fine-tuning, but the knowledge changes in real time, so a trained model falls behind between retrainings.");
    expect(reason("daily")).toBe("The chosen approach is fine-tuning, but the knowledge changes daily, so a trained model falls behind between retrainings.");
    expect(reason("weekly")).toBe("The chosen approach is fine-tuning, but the knowledge changes weekly, so a trained model falls behind between retrainings.");
  });
  it("within the lag the business accepts, says what keeping within it takes: the retrainings a year and the longest wait, as the cost panel counts them", () => {
    const flag = (a: Assessment) => riskFlags(a, { consensus: "FINE_TUNING", chosen: null }).find((f) => f.code === "FT_ON_FAST_CHANGING_KNOWLEDGE")?.reason;
    // Real-time knowledge with a 60-day lag: fine-tuning can serve it (the recommendation may be it), at a price.
    expect(flag({ changeFrequency: "realtime", maxLagDays: 60 })).toBe(
      "The recommendation is fine-tuning, but the knowledge changes in real time, so a trained model falls behind between retrainings. It stays within the 60 days of lag the business accepts only by retraining 10 times a year (a change waits up to 58 days), each retraining a cost of its own.",
    );
    expect(retrainingCyclesPerYear("realtime", 60, 21)).toBe(10);
    // Beyond the lag, the staleness flag says so instead; with no lag answered, nothing is claimed of it.
    expect(flag({ changeFrequency: "daily", maxLagDays: 30 })).toBe("The recommendation is fine-tuning, but the knowledge changes daily, so a trained model falls behind between retrainings.");
    expect(flag({ changeFrequency: "weekly" })).toBe("The recommendation is fine-tuning, but the knowledge changes weekly, so a trained model falls behind between retrainings.");
  });
  it("a lag shorter than a retraining is judged only when how often the knowledge changes is known", () => {
    expect(codes({ maxLagDays: 7 }, ft)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
    expect(codes({ maxLagDays: 7, changeFrequency: "static" }, ft)).not.toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
    expect(codes({ maxLagDays: 7, changeFrequency: "quarterly" }, ft)).toContain("STALENESS_EXCEEDS_ACCEPTABLE_LAG");
  });
});

describe("contradictory answers", () => {
  const cases: [string, Assessment, string][] = [
    ["static-but-no-lag", { changeFrequency: "static", maxLagDays: 0 }, "The knowledge is said never to change, yet no lag at all is acceptable after a change: one of the two answers is wrong."],
    ["retrieval-without-a-corpus", { coreNeed: "both", corpusDocuments: 0 }, "The need is to retrieve information, but the corpus to retrieve it from has no documents."],
    ["citations-without-a-corpus", { needsCitations: true, corpusDocuments: 0, coreNeed: "reasoning" }, "Answers must cite their sources, but there are no documents to cite."],
    ["neither-but-citations", { coreNeed: "neither", needsCitations: true }, "The core need is said to be neither retrieval nor reasoning, yet answers must cite sources, which is retrieval."],
    ["neither-but-large-corpus", { coreNeed: "neither", corpusDocuments: 1_000_000 }, "The core need is said to be neither retrieval nor reasoning, yet the answers draw on a corpus of a million documents or more."],
    [
      "prompted-baseline-cannot-cite",
      { promptedBaselineMeetsBar: "yes", needsCitations: true, fitsContextWindow: false, corpusDocuments: 50_000 },
      "A prompted base model is said to meet the bar, yet its answers must cite a corpus too large to fit in a prompt: with nothing retrieved, it has none of those documents to cite.",
    ],
    [
      "realtime-with-nothing-to-draw-on",
      { changeFrequency: "realtime", maxLagDays: 1, corpusDocuments: 0, expertiseDocumented: false },
      "The knowledge changes in real time, but there are no documents to retrieve it from, the expertise cannot be documented and no tools are called: nothing would bring the changes into the answers.",
    ],
    ["volume-without-calls", { transformationAtVolume: true, monthlyCalls: 0 }, "Documents are to be transformed at volume, but no calls a month are expected."],
  ];

  it("lists each pair once, in the order it is checked", () => {
    expect(CONTRADICTIONS.map((c) => c.id)).toEqual(cases.map(([id]) => id));
    expect(CONTRADICTIONS.map((c) => c.cite.file)).toEqual([ONE, TWO, THREE, THREE, TWO, TWO, ONE, THREE]);
  });

  it.each(cases)("%s: said in its own words, citing its seed", (id, a, sentence) => {
    const c = CONTRADICTIONS.find((x) => x.id === id)!;
    expect(riskFlags(a, { consensus: null, chosen: null })).toEqual([{ code: "CONTRADICTORY_ANSWERS", reason: sentence, cite: c.cite }]);
  });

  it("just short of each pair, nothing is said", () => {
    for (const a of [
      { changeFrequency: "static", maxLagDays: 1 },
      { changeFrequency: "annually", maxLagDays: 0 },
      { coreNeed: "retrieval", corpusDocuments: 1 },
      { coreNeed: "reasoning", corpusDocuments: 0 },
      { needsCitations: true, corpusDocuments: 3, coreNeed: "reasoning" },
      { needsCitations: false, corpusDocuments: 0, coreNeed: "reasoning" },
      { coreNeed: "reasoning", needsCitations: true, corpusDocuments: 5 },
      { coreNeed: "neither", corpusDocuments: 999_999 },
      { promptedBaselineMeetsBar: "yes", needsCitations: true, fitsContextWindow: true, corpusDocuments: 50_000 },
      { promptedBaselineMeetsBar: "untested", needsCitations: true, fitsContextWindow: false, corpusDocuments: 50_000 },
      { promptedBaselineMeetsBar: "yes", needsCitations: false, fitsContextWindow: false, corpusDocuments: 50_000 },
      { transformationAtVolume: true, monthlyCalls: 1 },
      { transformationAtVolume: false, monthlyCalls: 0 },
    ] as Assessment[]) {
      expect(riskFlags(a, { consensus: null, chosen: null }), JSON.stringify(a)).toEqual([]);
    }
  });

  it("citations with no corpus are the retrieval pair's alone when the need is retrieval or both", () => {
    for (const coreNeed of ["retrieval", "both"] as const) {
      expect(riskFlags({ needsCitations: true, corpusDocuments: 0, coreNeed }, { consensus: null, chosen: null }).map((f) => f.reason), coreNeed).toEqual([cases[1]![2]]);
    }
  });

  it("several at once are said together, citing the first", () => {
    const a: Assessment = { changeFrequency: "static", maxLagDays: 0, transformationAtVolume: true, monthlyCalls: 0 };
    expect(riskFlags(a, { consensus: null, chosen: null })).toEqual([
      { code: "CONTRADICTORY_ANSWERS", reason: `${cases[0]![2]} ${cases[7]![2]}`, cite: CONTRADICTIONS[0]!.cite },
    ]);
  });
});

describe("prompting alone though a prompted base model was tried and falls short", () => {
  const codes = (a: Assessment, consensus: Approach | null, chosen: Approach | null = null) => riskFlags(a, { consensus, chosen }).map((f) => f.code);
  it("is raised where prompting is in play (recommended or chosen) and the baseline failed (003: add complexity when the cheaper option clearly fails)", () => {
    const failed: Assessment = { coreNeed: "neither", promptedBaselineMeetsBar: "no" };
    expect(riskFlags(failed, { consensus: "PROMPTING", chosen: null }).map((f) => [f.code, f.reason, f.cite.file])).toEqual([
      ["PROMPTING_BELOW_BAR", "The recommendation is prompting alone, but a prompted base model was tried and falls short of the bar; 003 adds complexity when the cheaper option clearly fails, and the cost panel never offers it as a saving.", "003_cef81cc6bb37c5d4.txt"],
    ]);
    expect(codes(failed, "RAG", "PROMPTING")).toContain("PROMPTING_BELOW_BAR");
  });
  it("is not raised for another approach in play, nor where the baseline meets the bar, is untested or unanswered", () => {
    expect(codes({ promptedBaselineMeetsBar: "no" }, "PROMPTING", "RAG")).not.toContain("PROMPTING_BELOW_BAR");
    for (const ap of ["RAG", "FINE_TUNING", "AGENT"] as const) expect(codes({ promptedBaselineMeetsBar: "no" }, ap), ap).not.toContain("PROMPTING_BELOW_BAR");
    for (const b of ["yes", "untested", undefined] as const) expect(codes({ promptedBaselineMeetsBar: b }, "PROMPTING"), String(b)).not.toContain("PROMPTING_BELOW_BAR");
  });
});

describe("learning from users with an agent or a structured pipeline in play", () => {
  const codes = (a: Assessment, consensus: Approach | null, chosen: Approach | null = null) => riskFlags(a, { consensus, chosen }).map((f) => f.code);
  const learns: Assessment = { learnsFromFeedback: true };
  it("is raised for a recommended pipeline or agent, each saying what is missing and what to do, citing 002's sentence on learning from user interactions", () => {
    const flag = (consensus: Approach) => riskFlags(learns, { consensus, chosen: null }).map((f) => [f.code, f.reason, f.cite.file, f.cite.quote]);
    const quote = "systems that need to learn from user interactions on an ongoing basis — require reinforcement learning from human feedback (RLHF) or similar approaches that go beyond static fine-tuning or static retrieval indexes";
    expect(flag("PIPELINE")).toEqual([
      ["LEARNING_WITHOUT_FEEDBACK_LOOP", "The recommendation is a structured pipeline, but the use case must learn from its users' interactions, which 002 says takes RLHF or a similar feedback loop; a structured pipeline learns only if such a loop is built into it, so plan and cost one, or consider feedback learning.", THREE, quote],
    ]);
    expect(flag("AGENT")).toEqual([
      ["LEARNING_WITHOUT_FEEDBACK_LOOP", "The recommendation is an agent, but the use case must learn from its users' interactions, which 002 says takes RLHF or a similar feedback loop; an agent learns only if such a loop is built into it, so plan and cost one, or consider feedback learning.", THREE, quote],
    ]);
  });
  it("is raised for a chosen pipeline or agent, whatever the recommendation, and said of the choice", () => {
    expect(codes(learns, "FEEDBACK_LEARNING", "PIPELINE")).toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
    expect(codes(learns, null, "AGENT")).toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
    expect(riskFlags(learns, { consensus: "PIPELINE", chosen: "PIPELINE" }).find((f) => f.code === "LEARNING_WITHOUT_FEEDBACK_LOOP")?.reason).toMatch(/^The chosen approach is a structured pipeline, but/);
  });
  it("is not raised for feedback learning in play, nor for the approaches the capability rule already rules out, nor with no approach in play", () => {
    expect(codes(learns, "FEEDBACK_LEARNING")).not.toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
    expect(codes(learns, "PIPELINE", "FEEDBACK_LEARNING")).not.toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
    for (const ap of ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"] as const) expect(codes(learns, ap), ap).not.toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
    expect(codes(learns, null)).not.toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
  });
  it("is not raised where the use case need not learn from its users, or has not said", () => {
    for (const learnsFromFeedback of [false, undefined]) {
      for (const ap of ["PIPELINE", "AGENT"] as const) {
        expect(codes({ learnsFromFeedback }, ap), `${ap} ${learnsFromFeedback}`).not.toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
        expect(codes({ learnsFromFeedback }, "RAG", ap), `chosen ${ap} ${learnsFromFeedback}`).not.toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
      }
    }
  });
});

describe("no retraining budget", () => {
  it("is no risk where the knowledge never changes: the cost panel plans no retraining at all", () => {
    const codes = (a: Assessment) => riskFlags(a, { consensus: "FINE_TUNING", chosen: null }).map((f) => f.code);
    expect(codes({ retrainingBudget: false, changeFrequency: "static" })).not.toContain("FT_WITHOUT_RETRAINING_BUDGET");
    expect(codes({ retrainingBudget: false, changeFrequency: "annually" })).toContain("FT_WITHOUT_RETRAINING_BUDGET");
    expect(codes({ retrainingBudget: false })).toContain("FT_WITHOUT_RETRAINING_BUDGET");
  });
});

describe("counts of one, in the singular", () => {
  it("one labeled example, one retraining a year, a lag of one day", () => {
    const reason = (a: Assessment, code: string) => riskFlags(a, { consensus: null, chosen: "FINE_TUNING", retrainLagDays: 1 }).find((f) => f.code === code)?.reason;
    expect(reason({ labeledExamples: 1 }, "FT_WITHOUT_ENOUGH_LABELED_DATA")).toBe("The chosen approach trains a model on 1 labeled example; fine-tuning needs hundreds to low thousands of curated pairs.");
    expect(reason({ changeFrequency: "annually", maxLagDays: 0 }, "STALENESS_EXCEEDS_ACCEPTABLE_LAG")).toBe("Each retraining takes about 1 day, longer than the 0 days of lag the business accepts.");
    // Weekly knowledge, a 200-day lag, retraining in 199 days: once a year, so a change waits 365 + 199 days.
    expect(riskFlags({ changeFrequency: "weekly", maxLagDays: 200 }, { consensus: null, chosen: "FINE_TUNING", retrainLagDays: 199 }).find((f) => f.code === "STALENESS_EXCEEDS_ACCEPTABLE_LAG")?.reason).toBe(
      "Retraining as often as it can (1 time a year), a change still waits up to 564 days for the fine-tuned model, longer than the 200 days of lag the business accepts.",
    );
  });
});

describe("prompting alone on knowledge it never sees", () => {
  const reason = (a: Assessment, consensus: Approach | null = "PROMPTING", chosen: Approach | null = null) =>
    riskFlags(a, { consensus, chosen }).find((f) => f.code === "PROMPTING_WITHOUT_ITS_KNOWLEDGE")?.reason;
  it("is raised exactly where the cost panel says prompting does not reach the use case's knowledge, saying why", () => {
    expect(reason({ needsCitations: true, coreNeed: "reasoning" })).toBe(
      "The recommendation is prompting alone, but its answers must cite sources, which a prompted model never sees: nothing is retrieved or trained, and no prompted base model has been shown to meet the bar.",
    );
    expect(reason({ coreNeed: "retrieval" })).toMatch(/^The recommendation is prompting alone, but its core need is to know documented things,/);
    expect(reason({ coreNeed: "both" })).toMatch(/, but its core need includes knowing documented things,/);
    expect(reason({ corpusDocuments: 2_500 })).toMatch(/, but it answers from 2,500 documents of its own,/);
    expect(reason({ corpusDocuments: 1 })).toMatch(/, but it answers from 1 document of its own,/);
    expect(reason({ expertiseDocumented: true })).toMatch(/, but it answers from documented expertise of its own,/);
    expect(reason({ changeFrequency: "weekly" }, "RAG", "PROMPTING")).toMatch(/^The chosen approach is prompting alone, but it answers from knowledge that changes weekly,/);
    expect(reason({ changeFrequency: "realtime" })).toMatch(/^The recommendation is prompting alone, but it answers from knowledge that changes in real time,/);
    for (const changeFrequency of ["daily", "monthly", "quarterly", "annually"] as const) expect(reason({ changeFrequency })).toMatch(new RegExp(`, but it answers from knowledge that changes ${changeFrequency},`));
  });
  it("is not raised where prompting can serve, nor for another approach", () => {
    expect(reason({ coreNeed: "reasoning", changeFrequency: "weekly", corpusDocuments: 40 })).toBeUndefined();
    expect(reason({ coreNeed: "retrieval", promptedBaselineMeetsBar: "yes" })).toBeUndefined();
    expect(reason({ changeFrequency: "static" })).toBeUndefined();
    expect(reason({ coreNeed: "retrieval" }, "RAG")).toBeUndefined();
    expect(reason({ coreNeed: "retrieval" }, "PROMPTING", "RAG")).toBeUndefined();
  });
});
