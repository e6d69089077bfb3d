import { describe, expect, it } from "vitest";
import { DEMO_USE_CASES } from "../../server/seed/demo-portfolio";
import { APPROACHES, type Approach } from "../assessment";
import { dollars } from "../portfolio/format";
import { DEFAULT_WEIGHTS, FRAMEWORKS } from "./registry";
import { scoreUseCase } from "./score";
import { impactSentences, weightsImpact, type ImpactUseCase } from "./weights-impact";

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

describe("what a weights change would do", () => {
  it("changes nothing when the weights stay", () => {
    const i = weightsImpact(cases, DEFAULT_WEIGHTS, { ...DEFAULT_WEIGHTS });
    expect([i.flips, i.lost, i.gained]).toEqual([[], [], []]);
    expect(i.total.after).toBe(i.total.before);
    expect(impactSentences(i, dollars, "would")[0]).toBe(`No recommendation would change among the ${cases.length} use cases.`);
  });

  it("with every framework off, every recommendation is lost and only decided use cases stay in the total", () => {
    const zero = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0]));
    const i = weightsImpact(cases, DEFAULT_WEIGHTS, zero);
    const hadOne = cases.filter((c) => scoreUseCase(c.assessment).consensus !== null);
    expect(i.lost.map((c) => c.id)).toEqual(hadOne.map((c) => c.id));
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

  it("says after a save what changed, in the past tense", () => {
    const i = weightsImpact(cases, DEFAULT_WEIGHTS, off(FRAMEWORKS[0]!.id));
    const text = impactSentences(i, dollars, "did").join(" ");
    expect(text).toMatch(/Use cases with no recommendation: \d+ before, \d+ now\./);
    expect(text).not.toMatch(/would/);
  });
});
