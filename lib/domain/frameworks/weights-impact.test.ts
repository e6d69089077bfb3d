import { describe, expect, it } from "vitest";
import { DEMO_USE_CASES } from "../../server/seed/demo-portfolio";
import { APPROACHES, type Approach } from "../assessment";
import { dollars } from "../money";
import { missingPrerequisites, trainsAModel } from "./evidence";
import { DEFAULT_WEIGHTS, FRAMEWORKS } from "./registry";
import { scoreUseCase } from "./score";
import { impactSentences, weightsImpact, type ImpactUseCase, type WeightsImpact } from "./weights-impact";

// The demo portfolio, each approach priced at a known figure: RAG $1,000, fine-tuning $2,000, …
const PRICE = Object.fromEntries(APPROACHES.map((a, i) => [a, (i + 1) * 100_000])) as Record<Approach, number>;
const cases: ImpactUseCase[] = DEMO_USE_CASES.map((u, i) => ({
  id: `u${i}`,
  title: u.title,
  assessment: u.assessment,
  chosen: u.decision && u.decision !== "recommended" ? u.decision : null,
  lifecycleBase: { RAG: PRICE.RAG, FINE_TUNING: PRICE.FINE_TUNING, HYBRID: PRICE.HYBRID },
}));
const off = (id: string) => ({ ...DEFAULT_WEIGHTS, [id]: 0 });
/**
 * Recommended prompting with every framework on, RAG without the two prompting-leaning ones. Its
 * need is to retrieve (since judgement 2.14 a provisional RAG with nothing to retrieve is prompting,
 * whatever the weights).
 */
const CHATBOT = { changeFrequency: "static", coreNeed: "retrieval", needsStyleOrFormat: false, fitsContextWindow: true, promptedBaselineMeetsBar: "yes" } as const;

describe("what a weights change would do", () => {
  it("changes nothing when the weights stay", () => {
    const i = weightsImpact(cases, DEFAULT_WEIGHTS, { ...DEFAULT_WEIGHTS });
    expect([i.flips, i.lost, i.gained]).toEqual([[], [], []]);
    expect(i.total.after).toBe(i.total.before);
    expect(impactSentences(i, dollars, "would")[0]).toBe(`No recommendation would change among the ${cases.length} use cases.`);
    expect(impactSentences(weightsImpact([], DEFAULT_WEIGHTS, { ...DEFAULT_WEIGHTS }), dollars, "would")[0]).toBe("There are no use cases yet: no recommendation to change.");
  });

  it("with every framework off, every recommendation is lost and only decided use cases stay in the total", () => {
    const zero = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0]));
    const i = weightsImpact(cases, DEFAULT_WEIGHTS, zero);
    const hadOne = cases.filter((c) => scoreUseCase(c.assessment).consensus !== null);
    expect(i.lost.map((c) => c.id).sort()).toEqual(hadOne.map((c) => c.id).sort());
    expect(i.unscored.after).toBe(cases.length);
    const decidedPriced = cases.filter((c) => c.chosen && c.lifecycleBase[c.chosen] !== undefined);
    expect(i.total.costedAfter).toBe(decidedPriced.length);
    expect(i.total.after).toBe(decidedPriced.reduce((s, c) => s + c.lifecycleBase[c.chosen!]!, 0));
    const text = impactSentences(i, dollars, "would").join(" ");
    expect(text).toContain(`${hadOne.length} use cases would lose their recommendation`);
    expect(text).toContain(`to ${dollars(i.total.after)} (${decidedPriced.length} use cases costed)`);
  });

  it("names each flip with the approach before and after, as a re-score would give it", () => {
    const all = FRAMEWORKS.map((f) => ({ id: f.id, impact: weightsImpact(cases, DEFAULT_WEIGHTS, off(f.id)) }));
    const flips = all.flatMap((x) => x.impact.flips.map((c) => ({ ...c, weights: off(x.id) })));
    expect(flips.length).toBeGreaterThan(0);
    for (const f of flips) {
      const uc = cases.find((c) => c.id === f.id)!;
      expect(f.from).toBe(scoreUseCase(uc.assessment).consensus);
      expect(f.to).toBe(scoreUseCase(uc.assessment, { weights: f.weights }).consensus);
      expect(f.to).not.toBe(f.from);
    }
    // The total moves by the price difference of the undecided use cases that flipped.
    for (const { id, impact } of all) {
      const moved = impact.flips.concat(impact.lost, impact.gained).filter((c) => !cases.find((u) => u.id === c.id)!.chosen);
      const priced = (a: Approach | null) => (a && a in cases[0]!.lifecycleBase ? PRICE[a] : 0);
      expect(impact.total.after - impact.total.before, id).toBe(moved.reduce((s, c) => s + priced(c.to) - priced(c.from), 0));
    }
  });

  it("lists and names the use cases by title as people read them (case and accents second), not in the order they came in", () => {
    // The order a byte-order ORDER BY "title" gives: uppercase first, accents last.
    const titles = ["Zebra triage", "apple pricing", "banana routing", "Éclair menu", "éclair menu"];
    const chatbots: ImpactUseCase[] = titles.map((title, i) => ({ id: `c${i}`, title, assessment: CHATBOT, chosen: null, lifecycleBase: {} }));
    const twoOff = { ...DEFAULT_WEIGHTS, "behaviour-vs-knowledge": 0, "start-with-rag": 0 };
    const flipped = weightsImpact(chatbots, DEFAULT_WEIGHTS, twoOff);
    expect(flipped.flips.map((c) => c.title)).toEqual(["apple pricing", "banana routing", "éclair menu", "Éclair menu", "Zebra triage"]);
    expect(impactSentences(flipped, dollars, "would")[0]).toBe(
      "5 recommendations would change to another approach (apple pricing: Prompting only → RAG; banana routing: Prompting only → RAG; éclair menu: Prompting only → RAG; and 2 more).",
    );
    const zero = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0]));
    const lost = weightsImpact([...chatbots].reverse(), DEFAULT_WEIGHTS, zero);
    expect(lost.lost.map((c) => c.title)).toEqual(["apple pricing", "banana routing", "éclair menu", "Éclair menu", "Zebra triage"]);
    expect(weightsImpact(chatbots, zero, DEFAULT_WEIGHTS).gained.map((c) => c.title)).toEqual(["apple pricing", "banana routing", "éclair menu", "Éclair menu", "Zebra triage"]);
  });

  it("never shows a trained model as the outcome where the answers say what training needs is missing: the score's own hold", () => {
    // The demo's interview question generator has no labeled examples: with only 000's three
    // questions voting, the frameworks pick fine-tuning; the recommendation would be RAG, the
    // seeds' default start (before 2.7 the preview said "Prompting only → Fine-tuning").
    const only000 = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, f.id === "three-questions" ? 1 : 0]));
    const interview = weightsImpact(cases, DEFAULT_WEIGHTS, only000).flips.find((c) => c.title === "Interview question generator");
    expect(interview).toMatchObject({ from: "PROMPTING", to: "RAG" });
    // The demo's contract redlining (no retraining budget) is not a hybrid before or after any change of weights.
    const ids = FRAMEWORKS.map((f) => f.id);
    for (let m = 0; m < 2 ** ids.length; m++) {
      const weights = Object.fromEntries(ids.map((id, i) => [id, (m >> i) & 1 ? 0 : 1]));
      const i = weightsImpact(cases, DEFAULT_WEIGHTS, weights);
      for (const c of [...i.flips, ...i.gained]) {
        const uc = cases.find((u) => u.id === c.id)!;
        if (missingPrerequisites(uc.assessment).length) expect(trainsAModel(c.to), `${c.title} ${JSON.stringify(weights)}`).toBe(false);
        if (missingPrerequisites(uc.assessment).length) expect(trainsAModel(c.from), c.title).toBe(false);
      }
    }
  });

  it("says after a save what changed, in the past tense", () => {
    const i = weightsImpact(cases, DEFAULT_WEIGHTS, off(FRAMEWORKS[0]!.id));
    const text = impactSentences(i, dollars, "did").join(" ");
    expect(text).toMatch(/Use cases with no recommendation: \d+ before, \d+ now\./);
    expect(text).not.toMatch(/would/);
  });
});

describe("the impact in words, sentence by sentence", () => {
  const change = (i: number, from: Approach | null, to: Approach | null) => ({ id: `c${i}`, title: `Case ${i}`, from, to });
  const impact = (over: Partial<WeightsImpact>): WeightsImpact => ({
    useCases: 12,
    flips: [],
    lost: [],
    gained: [],
    unscored: { before: 0, after: 0 },
    total: { before: 100_000, after: 100_000, costedBefore: 3, costedAfter: 3 },
    ...over,
  });

  it("names at most three examples, counts the rest, and words one and many apart, before and after saving", () => {
    const i = impact({
      flips: [change(1, "RAG", "FINE_TUNING"), change(2, "HYBRID", "RAG"), change(3, "PROMPTING", "AGENT"), change(4, "RAG", "HYBRID"), change(5, "RAG", "PIPELINE")],
      lost: [change(6, "RAG", null)],
      gained: [change(7, null, "RAG"), change(8, null, "HYBRID")],
      unscored: { before: 1, after: 2 },
      total: { before: 100_000, after: 250_000, costedBefore: 1, costedAfter: 2 },
    });
    expect(impactSentences(i, dollars, "would")).toEqual([
      "5 recommendations would change to another approach (Case 1: RAG → Fine-tuning; Case 2: Hybrid → RAG; Case 3: Prompting only → Agent with tools; and 2 more).",
      "1 use case would lose its recommendation: no framework left voting (Case 6: RAG → none).",
      "2 use cases would gain a recommendation.",
      "Use cases with no recommendation: 1 now, 2 after saving.",
      `The as-chosen lifecycle total would move from ${dollars(100_000)} (1 use case costed) to ${dollars(250_000)} (2 use cases costed).`,
    ]);
    expect(impactSentences(i, dollars, "did")).toEqual([
      "5 recommendations changed to another approach (Case 1: RAG → Fine-tuning; Case 2: Hybrid → RAG; Case 3: Prompting only → Agent with tools; and 2 more).",
      "1 use case lost its recommendation: no framework left voting (Case 6: RAG → none).",
      "2 use cases gained a recommendation.",
      "Use cases with no recommendation: 1 before, 2 now.",
      `The as-chosen lifecycle total moved from ${dollars(100_000)} (1 use case costed) to ${dollars(250_000)} (2 use cases costed).`,
    ]);
  });

  it("lists exactly three without 'and more', two lost as 'their', and nothing changed as one sentence", () => {
    const three = impact({ flips: [change(1, "RAG", "HYBRID"), change(2, "RAG", "HYBRID"), change(3, "RAG", "HYBRID")], lost: [change(4, "RAG", null), change(5, "HYBRID", null)] });
    const text = impactSentences(three, dollars, "would");
    expect(text[0]).toBe("3 recommendations would change to another approach (Case 1: RAG → Hybrid; Case 2: RAG → Hybrid; Case 3: RAG → Hybrid).");
    expect(text[1]).toBe("2 use cases would lose their recommendation: no framework left voting (Case 4: RAG → none; Case 5: Hybrid → none).");
    expect(text).toHaveLength(4);
    const one = impact({ flips: [change(1, "RAG", "HYBRID")], useCases: 1 });
    expect(impactSentences(one, dollars, "did")[0]).toBe("1 recommendation changed to another approach (Case 1: RAG → Hybrid).");
    expect(impactSentences(impact({ useCases: 1 }), dollars, "did")).toEqual([
      "The one use case's recommendation did not change.",
      "Use cases with no recommendation: 0 before, 0 now.",
      `The as-chosen lifecycle total stayed at ${dollars(100_000)}.`,
    ]);
  });

  it("only gains: one sentence for them, none for changes or losses, and a total that would stay", () => {
    expect(impactSentences(impact({ gained: [change(1, null, "RAG"), change(2, null, "HYBRID")], unscored: { before: 2, after: 0 } }), dollars, "would")).toEqual([
      "2 use cases would gain a recommendation.",
      "Use cases with no recommendation: 2 now, 0 after saving.",
      `The as-chosen lifecycle total would stay at ${dollars(100_000)}.`,
    ]);
    expect(impactSentences(impact({ gained: [change(1, null, "RAG")] }), dollars, "did")[0]).toBe("1 use case gained a recommendation.");
  });

  it("only losses: no sentence about changes to another approach", () => {
    expect(impactSentences(impact({ lost: [change(1, "RAG", null)] }), dollars, "did").slice(0, 2)).toEqual([
      "1 use case lost its recommendation: no framework left voting (Case 1: RAG → none).",
      "Use cases with no recommendation: 0 before, 0 now.",
    ]);
  });

  it("calls the total moved when only the number of costed use cases changes, or only the sum", () => {
    expect(impactSentences(impact({ total: { before: 100_000, after: 100_000, costedBefore: 3, costedAfter: 4 } }), dollars, "would").at(-1)).toBe(
      `The as-chosen lifecycle total would move from ${dollars(100_000)} (3 use cases costed) to ${dollars(100_000)} (4 use cases costed).`,
    );
    expect(impactSentences(impact({ total: { before: 100_000, after: 90_000, costedBefore: 3, costedAfter: 3 } }), dollars, "would").at(-1)).toBe(
      `The as-chosen lifecycle total would move from ${dollars(100_000)} (3 use cases costed) to ${dollars(90_000)} (3 use cases costed).`,
    );
  });
});

describe("counting use cases with and without a recommendation", () => {
  const answered = DEMO_USE_CASES.find((u) => scoreUseCase(u.assessment).consensus !== null)!;
  const rag = scoreUseCase(answered.assessment).consensus!;
  const blank: ImpactUseCase = { id: "blank", title: "Nothing answered", assessment: {}, chosen: null, lifecycleBase: { RAG: 5_00 } };
  const scored: ImpactUseCase = { id: "scored", title: answered.title, assessment: answered.assessment, chosen: null, lifecycleBase: { [rag]: 7_00 } };
  const zero = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0]));

  it("a use case with nothing answered has no recommendation before or after, and costs nothing in either total", () => {
    const i = weightsImpact([blank, scored], DEFAULT_WEIGHTS, zero);
    expect(i.unscored).toEqual({ before: 1, after: 2 });
    expect(i.lost.map((c) => c.id)).toEqual(["scored"]);
    expect(i.gained).toEqual([]);
    expect(i.total).toEqual({ before: 7_00, after: 0, costedBefore: 1, costedAfter: 0 });
  });

  it("turning the frameworks back on gives the recommendation back: gained, and costed again", () => {
    const i = weightsImpact([blank, scored], zero, DEFAULT_WEIGHTS);
    expect(i.unscored).toEqual({ before: 2, after: 1 });
    expect(i.gained).toEqual([{ id: "scored", title: answered.title, from: null, to: rag }]);
    expect([i.flips, i.lost]).toEqual([[], []]);
    expect(i.total).toEqual({ before: 0, after: 7_00, costedBefore: 0, costedAfter: 1 });
  });
});
