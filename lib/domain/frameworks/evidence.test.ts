/** Evidence levels, honest agreement, useful "what would change it", and the version 2 flags (PRODUCT.md, "Evidence and honesty"). */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FINE_TUNING_CASE } from "../../../tests/helpers/answers";
import { sourcePath } from "../../../tests/helpers/source-files";
import { assessmentSchema, type Assessment } from "../assessment";
import { agreementSentence } from "./consensus";
import { DECIDING_ANSWERS, DECIDING_KEYS, defaultStart, EVIDENCE_LABELS, evidenceOf, lackingPrerequisitesText, missingPrerequisites, promptingReachesKnowledge } from "./evidence";
import { CONTRADICTIONS, FLAG_CITES, FLAG_CODES } from "./flags";
import { scoreUseCase } from "./score";
import type { Citation } from "./types";
import { WORKED_CASES } from "../../../tests/helpers/worked-cases";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { DEFAULT_ASSUMPTIONS } from "../costing/assumptions";
import { projectCosts } from "../costing/project";


describe("evidence levels", () => {
  it("counts only the deciding answers: none, then provisional, then assessed", () => {
    expect(evidenceOf({})).toBe("none");
    expect(evidenceOf({ monthlyCalls: 50_000, weeksToProduction: 6, needsToolUse: true })).toBe("none");
    expect(evidenceOf({ coreNeed: "retrieval" })).toBe("provisional");
    const all = Object.fromEntries(DECIDING_KEYS.map((k) => [k, FINE_TUNING_CASE[k]])) as Assessment;
    expect(evidenceOf(all)).toBe("assessed");
    expect(DECIDING_KEYS).toEqual(["changeFrequency", "coreNeed", "maxLagDays", "needsStyleOrFormat", "labeledExamples", "promptedBaselineMeetsBar", "retrainingBudget"]);
  });
  it("with no deciding answer there is no recommendation, no agreement count and no 'agree' in any sentence", () => {
    for (const a of [{}, { monthlyCalls: 50_000 }, { needsToolUse: true }] as Assessment[]) {
      const s = scoreUseCase(a);
      expect(s.evidence).toBe("none");
      expect(s.consensus).toBeNull();
      expect(s.basis).toBeNull();
      expect(s.agreement).toEqual({ votes: 0, voters: 0, abstained: [] });
      expect(s.agreementText).not.toMatch(/agree/);
      expect(s.sensitivity!.sentence).toMatch(/^Not assessed yet\. Answer these first:/);
    }
  });
  it("never recommends fine-tuning or a hybrid on thin evidence: the seeds' default start, with what fine-tuning would need", () => {
    const style = scoreUseCase({ needsStyleOrFormat: true });
    expect(style.evidence).toBe("provisional");
    expect(style.consensus).toBe("PROMPTING");
    expect(style.basis).toBe("default-start");
    expect(style.basisCite?.file).toMatch(/^003_/);
    expect(style.leaning?.approach).toBe("FINE_TUNING");
    expect(style.leaning?.sentence).toBe(
      "The frameworks lean to Fine-tuning, which would be recommended once there are at least 200 curated, labeled examples, a prompted base model is tried and falls short and there is budget and engineering for retraining.",
    );
    expect(style.agreementText).toMatch(/^Held back for now: 4 of 4 voting lean to Fine-tuning/);
    // Knowledge to retrieve: RAG is the default start (001 "When in doubt, start with RAG").
    const knowledge = scoreUseCase({ needsStyleOrFormat: true, changeFrequency: "weekly", coreNeed: "both" });
    expect(["FINE_TUNING", "HYBRID"]).not.toContain(knowledge.consensus);
    expect(knowledge.consensus).toBe("RAG");
  });
  it("a provisional score keeps the frameworks' pick when it trains no model, or when what justifies training is known", () => {
    const rag = scoreUseCase({ changeFrequency: "weekly", coreNeed: "retrieval" });
    expect(rag).toMatchObject({ evidence: "provisional", consensus: "RAG", basis: "frameworks", leaning: null });
    const { maxLagDays: _lag, ...lagUnknown } = FINE_TUNING_CASE;
    const ft = scoreUseCase(lagUnknown);
    expect(ft).toMatchObject({ evidence: "provisional", consensus: "FINE_TUNING", basis: "frameworks" });
  });
  it("the default start is RAG where there is knowledge to retrieve, else prompting", () => {
    expect(defaultStart({ needsCitations: true }).approach).toBe("RAG");
    expect(defaultStart({ corpusDocuments: 12 }).approach).toBe("RAG");
    expect(defaultStart({ coreNeed: "reasoning" }).approach).toBe("PROMPTING");
    expect(defaultStart({}).approach).toBe("PROMPTING");
    // Each sign of knowledge to retrieve is enough on its own; its absence is not.
    for (const a of [{ coreNeed: "retrieval" }, { coreNeed: "both" }, { expertiseDocumented: true }] as Assessment[]) expect(defaultStart(a).approach, JSON.stringify(a)).toBe("RAG");
    for (const a of [{ coreNeed: "neither" }, { expertiseDocumented: false }, { needsCitations: false }, { corpusDocuments: 0 }] as Assessment[]) expect(defaultStart(a).approach, JSON.stringify(a)).toBe("PROMPTING");
    // Knowledge that changes, with no core need given, is knowledge of its own: prompting alone
    // never sees it, so the default start is RAG, unless a prompted baseline already meets the bar.
    expect(defaultStart({ changeFrequency: "weekly" }).approach).toBe("RAG");
    expect(defaultStart({ changeFrequency: "weekly", promptedBaselineMeetsBar: "yes" }).approach).toBe("PROMPTING");
    expect(defaultStart({ changeFrequency: "weekly", promptedBaselineMeetsBar: "untested" }).approach).toBe("RAG");
    // A reasoning use case whose figures change monthly (a month-end commentary) needs no retrieval.
    expect(defaultStart({ coreNeed: "reasoning", changeFrequency: "monthly" }).approach).toBe("PROMPTING");
    // A prompted base model tried and falling short: the cheaper option clearly failed, so the start is the next step up (003).
    expect(defaultStart({ coreNeed: "reasoning", promptedBaselineMeetsBar: "no" })).toEqual({ approach: "RAG", cite: { file: "003_cef81cc6bb37c5d4.txt", quote: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." } });
    expect(defaultStart({ coreNeed: "reasoning", promptedBaselineMeetsBar: "untested" }).approach).toBe("PROMPTING");
    // Each with its seed's words.
    expect(defaultStart({ coreNeed: "retrieval" }).cite).toEqual({ file: "001_882c99e1fd832846.txt", quote: "When in doubt, start with RAG." });
    expect(defaultStart({}).cite).toEqual({ file: "003_cef81cc6bb37c5d4.txt", quote: "Start with the cheaper option. Add complexity when the cheaper option clearly fails." });
  });
  it("an answer stored as null is unanswered, like one left out", () => {
    expect(evidenceOf({ coreNeed: null } as unknown as Assessment)).toBe("none");
    const all = Object.fromEntries(DECIDING_KEYS.map((k) => [k, FINE_TUNING_CASE[k]])) as Assessment;
    expect(evidenceOf({ ...all, retrainingBudget: null } as unknown as Assessment)).toBe("provisional");
  });
  it("each evidence level and deciding answer has the words the pages show", () => {
    expect(EVIDENCE_LABELS).toEqual({ none: "Not assessed", provisional: "Provisional", assessed: "Assessed" });
    for (const d of DECIDING_ANSWERS) {
      expect(d.why, d.key).toMatch(/^[A-Z].{30,}\.$/);
      expect(d.cite.quote.length, d.key).toBeGreaterThan(20);
    }
  });
  it("ranks the unanswered deciding questions by how many different outcomes their answers lead to", () => {
    const s = scoreUseCase({ coreNeed: "reasoning", changeFrequency: "quarterly" });
    const ranked = s.sensitivity!.unanswered;
    expect(ranked.map((q) => q.answer).sort()).toEqual(["labeledExamples", "maxLagDays", "needsStyleOrFormat", "promptedBaselineMeetsBar", "retrainingBudget"]);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.outcomes.length).toBeGreaterThanOrEqual(ranked[i]!.outcomes.length);
    expect(ranked[0]!.outcomes.length).toBeGreaterThan(1);
    // Each outcome really follows from some value of the question: labeled examples decide between RAG and fine-tuning here.
    expect(s.sensitivity!.sentence).toBe(ranked[0]!.sentence);
  });
});

describe("agreement names its abstentions", () => {
  it("says how many voted and why the rest did not, never 'most frameworks'", () => {
    const tools = scoreUseCase({ ...FINE_TUNING_CASE, needsToolUse: true });
    expect(tools.consensus).toBe("AGENT");
    expect(tools.agreementText).toBe("1 of 1 voting agree; 4 abstained (tool use is outside their source)");
    expect(agreementSentence({ votes: 3, voters: 3, abstained: [] })).toBe("3 of 3 voting agree");
    expect(agreementSentence({ votes: 2, voters: 4, abstained: [{ frameworkId: "x", title: "X", why: "turned off by the organization's weights" }] })).toBe(
      "2 of 4 voting agree, two differ; 1 abstained (turned off by the organization's weights)",
    );
    const chosen = scoreUseCase({ ...FINE_TUNING_CASE, needsToolUse: true }, { chosenApproach: "RAG" });
    const differs = chosen.flags.find((f) => f.code === "CHOSEN_DIFFERS_FROM_CONSENSUS")!;
    expect(differs.reason).toBe("The organization chose RAG, but the recommendation is an agent (1 of 1 voting frameworks pick it).");
    expect(differs.reason).not.toMatch(/most frameworks/);
  });
});

describe("what would change it, across the worked cases", () => {
  const sentences = WORKED_CASES.map((c) => scoreUseCase(assessmentSchema.parse(c.answers), { chosenApproach: c.chosen ?? null }).sensitivity!.sentence);
  it("no sentence appears in more than a quarter of the worked cases", () => {
    const counts = new Map<string, number>();
    for (const s of sentences) counts.set(s, (counts.get(s) ?? 0) + 1);
    const [worst, n] = [...counts].sort((x, y) => y[1] - x[1])[0]!;
    expect(n, worst).toBeLessThanOrEqual(Math.floor(WORKED_CASES.length / 4));
  });
  it("no case is told that needing tool use would make it an agent", () => {
    for (const s of sentences) expect(s).not.toMatch(/tool use.*were yes/i);
  });
});

describe("version 2 risk flags", () => {
  const codes = (a: Assessment, chosen: Parameters<typeof scoreUseCase>[1] = {}) => scoreUseCase(a, chosen).flags.map((f) => f.code);
  it("fine-tuning without a retraining budget, before a prompted baseline, or on data that must stay out of training", () => {
    expect(codes({ ...FINE_TUNING_CASE, retrainingBudget: false }, { chosenApproach: "FINE_TUNING" })).toContain("FT_WITHOUT_RETRAINING_BUDGET");
    expect(codes({ ...FINE_TUNING_CASE, promptedBaselineMeetsBar: "untested" }, { chosenApproach: "HYBRID" })).toContain("FT_BEFORE_PROMPTED_BASELINE");
    expect(codes({ ...FINE_TUNING_CASE, sensitiveDataOutOfTraining: true }, { chosenApproach: "FINE_TUNING" })).toContain("SENSITIVE_DATA_IN_TRAINING");
    // Not raised when nothing trains a model.
    const rag = codes({ ...FINE_TUNING_CASE, retrainingBudget: false, promptedBaselineMeetsBar: "untested", sensitiveDataOutOfTraining: true }, { chosenApproach: "RAG" });
    for (const c of ["FT_WITHOUT_RETRAINING_BUDGET", "FT_BEFORE_PROMPTED_BASELINE", "SENSITIVE_DATA_IN_TRAINING"]) expect(rag).not.toContain(c);
    expect(codes(FINE_TUNING_CASE, { chosenApproach: "FINE_TUNING" })).toEqual([]);
  });
  it("answers that contradict each other, each pair with its sentence", () => {
    const f = (a: Assessment) => scoreUseCase(a).flags.find((x) => x.code === "CONTRADICTORY_ANSWERS");
    expect(f({ changeFrequency: "static", maxLagDays: 0 })?.reason).toMatch(/never to change, yet no lag at all/);
    expect(f({ coreNeed: "neither", needsCitations: true, corpusDocuments: 2_000_000 })?.reason).toMatch(/cite sources, which is retrieval.*a million documents/);
    expect(f({ coreNeed: "retrieval", corpusDocuments: 0 })?.reason).toMatch(/no documents/);
    expect(f({ changeFrequency: "static", maxLagDays: 30, coreNeed: "retrieval", corpusDocuments: 10 })).toBeUndefined();
  });
});

describe("latency and volume are read (002)", () => {
  it("high volume under a tight latency budget, with data to train, adds to fine-tuning in 002's framework", () => {
    const fired = (a: Assessment) => scoreUseCase(a).frameworks.find((f) => f.frameworkId === "behaviour-vs-knowledge")!.trace.some((t) => t.ruleId === "latency-constrained-at-volume");
    expect(fired(FINE_TUNING_CASE)).toBe(true);
    expect(fired({ ...FINE_TUNING_CASE, monthlyCalls: 10_000, latencyBudgetMs: 300 })).toBe(true);
    expect(fired({ ...FINE_TUNING_CASE, monthlyCalls: 10_000, latencyBudgetMs: 3000 })).toBe(false);
    expect(fired({ ...FINE_TUNING_CASE, labeledExamples: 50 })).toBe(false);
  });
});

describe("every citation quotes its seed", () => {
  const seedText = (file: string) => readFileSync(path.join(sourcePath("seeds"), file), "utf8").replace(/\s+/g, " ");
  const quoted = (c: Citation) => c.quote.split(/\s*\.\.\.\s*/).every((part) => seedText(c.file).includes(part.replace(/\s+/g, " ")));
  it("deciding answers, flags and contradictions", () => {
    const cites = [...DECIDING_ANSWERS.map((d) => d.cite), ...FLAG_CODES.map((c) => FLAG_CITES[c]), ...CONTRADICTIONS.map((c) => c.cite)];
    for (const c of cites) {
      expect(quoted(c), `${c.file}: ${c.quote}`).toBe(true);
      // A quote is words of the seed, never empty (an empty one is in every seed).
      expect(c.quote.replace(/\W/g, "").length, `${c.file}: ${c.quote}`).toBeGreaterThan(10);
    }
  });
});

describe("the recommendation and the cost panel agree on what prompting can serve", () => {
  const reachesIn = (a: Assessment) => projectCosts({ assessment: a, horizonYears: 1, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS }).approaches.PROMPTING!.reachesKnowledge;
  // Thin evidence, where default starts happen: a few answers of a generated assessment.
  const thinArb = fc
    .tuple(assessmentArb, fc.shuffledSubarray([...DECIDING_KEYS, "corpusDocuments", "needsCitations", "expertiseDocumented"] as (keyof Assessment)[], { minLength: 1, maxLength: 5 }))
    .map(([a, keys]) => Object.fromEntries(keys.filter((k) => a[k] !== undefined).map((k) => [k, a[k]])) as Assessment);
  it("a default start of prompting is never one the cost panel says cannot reach the use case's knowledge", () => {
    fc.assert(
      fc.property(fc.oneof(thinArb, assessmentArb), (a) => {
        const s = scoreUseCase(a, { skipSensitivity: true });
        if (s.basis === "default-start" && s.consensus === "PROMPTING") expect(reachesIn(a)).toBe(true);
        expect(reachesIn(a)).toBe(promptingReachesKnowledge(a));
      }),
      { numRuns: 2000 },
    );
  });
  it("prompting recommended where the cost panel says it cannot reach the knowledge always carries the flag that says why", () => {
    fc.assert(
      fc.property(fc.oneof(thinArb, assessmentArb), (a) => {
        const s = scoreUseCase(a, { skipSensitivity: true });
        if (s.consensus !== "PROMPTING") return;
        expect(s.flags.some((f) => f.code === "PROMPTING_WITHOUT_ITS_KNOWLEDGE")).toBe(reachesIn(a) === false);
      }),
      { numRuns: 2000 },
    );
  });
  it("every worked case the frameworks send to prompting is one prompting can serve", () => {
    const toPrompting = WORKED_CASES.filter((c) => scoreUseCase(c.answers as Assessment, { skipSensitivity: true }).consensus === "PROMPTING");
    // plain-good-chatbot (documented expertise, nothing to look up), style-wanted-but-little-data and
    // stable-reasoning-nothing-else (reasoning, with a corpus or knowledge that changes quarterly),
    // style-only (a voice, nothing else known). The first three were ruled out by cost engine 2.2.
    // style-wanted-but-little-data went to prompting until 2.10, when 002's thin-data rule stopped scoring prompting (its sentence only warns against fine-tuning).
    // ft-case-baseline-untested: since 2.14 no model is trained before a prompted base model is tried, so its default start, prompting.
    // style-wanted-but-little-data again since 2.15: RAG and prompting tie on votes, and prompting (untried, so not known to
    // fall short) is the cheaper option that can serve (003); the voters' fit had given it to RAG.
    expect(toPrompting.map((c) => c.id).sort()).toEqual(["ft-case-baseline-untested", "plain-good-chatbot", "stable-reasoning-nothing-else", "style-only", "style-wanted-but-little-data"]);
    for (const c of toPrompting) expect(reachesIn(c.answers as Assessment), c.id).toBe(true);
  });
});

describe("the training prerequisites known to be missing, in words", () => {
  it("names each as a clause, in the prerequisites' order, and nothing for none or an unknown key", () => {
    expect(lackingPrerequisitesText(["promptedBaselineMeetsBar"])).toBe("a prompted base model already meets the bar");
    expect(lackingPrerequisitesText(["retrainingBudget", "labeledExamples"])).toBe("there are too few labeled examples and there is no budget for retraining");
    expect(lackingPrerequisitesText(["promptedBaselineMeetsBar", "retrainingBudget", "labeledExamples"])).toBe(
      "there are too few labeled examples, a prompted base model already meets the bar and there is no budget for retraining",
    );
    expect(lackingPrerequisitesText([])).toBe("");
    expect(lackingPrerequisitesText(["monthlyCalls", "not-a-key"])).toBe("");
  });

  it("has words for every prerequisite the answers can say is missing", () => {
    const all = missingPrerequisites(assessmentSchema.parse({ labeledExamples: 10, retrainingBudget: false, changeFrequency: "weekly", promptedBaselineMeetsBar: "yes" }));
    expect(all).toHaveLength(3);
    for (const k of all) expect(lackingPrerequisitesText([k])).not.toBe("");
  });
});
