/**
 * The recommendation in one line, as the use case's header and the lists say it
 * (app/o/[org]/use-cases/_components/labels.ts), from a score stored as lib/server/use-cases
 * stores and reads it: the recommended approach, the backing counts, and `defaultStart` only for a
 * provisional score's lean (the sources' default starting approach while key answers are missing). Pure: kept
 * with the domain's tests so it runs without a database.
 */
import { describe, expect, it } from "vitest";
import { backingClause, backingText, recommendationText } from "@/app/o/[org]/use-cases/_components/labels";
import { FINE_TUNING_CASE } from "../../../tests/helpers/answers";
import type { Assessment } from "../assessment";
import { scoreUseCase } from "./score";

/** As derive.ts stores a score and read.ts reads it (scoreFactsOf: provisional, basis default-start, with a leaning). */
function stored(a: Assessment) {
  const s = scoreUseCase(a, { skipSensitivity: true });
  return { s, uc: { recommendedApproach: s.consensus, evidence: s.evidence, agreementVotes: s.backing.votes, agreementVoters: s.backing.voters, defaultStart: s.evidence === "provisional" && s.basis === "default-start" && s.leaning !== null } };
}

describe("the recommendation in one line", () => {
  it("an assessed case whose every pick was held back is the sources' default starting approach because those picks cannot serve it, never 'while key answers are missing'", () => {
    // The prompted baseline untested (since 2.10 RAG alone cannot keep a style one fell short of), so the default start can serve.
    const { s, uc } = stored({ ...FINE_TUNING_CASE, maxLagDays: 14, promptedBaselineMeetsBar: "untested" });
    expect(s).toMatchObject({ evidence: "assessed", basis: "default-start", heldBack: { approach: "FINE_TUNING" }, backing: { votes: 0, voters: 5 } });
    expect(recommendationText(uc)).toBe("Prompting only (the sources' default starting approach: the approaches the frameworks pick cannot serve it or train a model its answers do not justify)");
    expect(backingText(uc)).toBe("the sources' default starting approach");
  });
  it("an assessed case that nothing serves without training a model it is not yet justified is 'No recommendation' (since 2.10)", () => {
    const { s, uc } = stored({ ...FINE_TUNING_CASE, maxLagDays: 14 });
    expect(s).toMatchObject({ evidence: "assessed", consensus: null, heldBack: { approach: "FINE_TUNING" } });
    expect(recommendationText(uc)).toBe("No recommendation");
    // Nothing is recommended, so nothing is backed: never "the sources' default starting approach" beside it.
    expect(backingText(uc)).toBeNull();
    expect(backingClause(uc)).toBeNull();
  });
  it("a provisional one says the picks cannot serve it or wait on missing answers", () => {
    const { s, uc } = stored({ changeFrequency: "quarterly", maxLagDays: 7, coreNeed: "reasoning", needsStyleOrFormat: true });
    expect(s).toMatchObject({ evidence: "provisional", basis: "default-start", leaning: null, heldBack: { approach: "FINE_TUNING" } });
    expect(recommendationText(uc)).toBe("Prompting only · provisional (the sources' default starting approach: the approaches the frameworks pick cannot serve it or train a model its answers do not justify, or wait on missing answers)");
  });
  it("a lean to training held back for missing answers is still said so", () => {
    const { s, uc } = stored({ needsStyleOrFormat: true });
    expect(s).toMatchObject({ evidence: "provisional", basis: "default-start", leaning: { approach: "FINE_TUNING" } });
    expect(recommendationText(uc)).toBe("Prompting only · provisional (the sources' default starting approach while key answers are missing)");
  });
  it("an assessed case whose every pick trains a model it has no retraining budget for is the sources' default starting approach, never 'while key answers are missing'", () => {
    // The style left out: since 2.10 RAG alone cannot keep one a prompted base model fell short of, and nothing would be recommended.
    const { s, uc } = stored({ ...FINE_TUNING_CASE, retrainingBudget: false, promptedBaselineMeetsBar: "untested" });
    expect(s).toMatchObject({ evidence: "assessed", basis: "default-start", leaning: { approach: "FINE_TUNING", missing: ["retrainingBudget"] }, backing: { votes: 0, voters: 5 } });
    expect(recommendationText(uc)).toBe("Prompting only (the sources' default starting approach: the approaches the frameworks pick cannot serve it or train a model its answers do not justify)");
    expect(backingText(uc)).toBe("the sources' default starting approach");
  });
  it("a default start no framework voted for (a deciding answer none of them reads, since 2.12) says so, in the header, the list and the queue", () => {
    const { s, uc } = stored({ retrainingBudget: true });
    expect(s).toMatchObject({ evidence: "provisional", consensus: "PROMPTING", basis: "default-start", leaning: null, backing: { votes: 0, voters: 0 } });
    expect(recommendationText(uc)).toBe("Prompting only · provisional (the sources' default starting approach: no framework votes on the answers so far)");
    expect(backingText(uc)).toBe("the sources' default starting approach: no framework votes on the answers so far");
    expect(backingClause(uc)).toBe("the sources' default starting approach: no framework votes on the answers so far");
  });
  it("a provisional count is said to be on the answers so far, in the list and the queue; an assessed one is not", () => {
    const provisional = { recommendedApproach: "RAG" as const, evidence: "provisional" as const, agreementVotes: 5, agreementVoters: 5, defaultStart: false };
    expect(backingText(provisional)).toBe("5 of 5 on the answers so far");
    expect(backingClause(provisional)).toBe("5 of 5 agree on the answers so far");
    expect(backingClause({ ...provisional, agreementVotes: 1, agreementVoters: 1, abstained: 4 })).toBe("1 of 1 voting agree on the answers so far; 4 abstained");
    const assessed = { ...provisional, evidence: "assessed" as const };
    expect(backingText(assessed)).toBe("5 of 5");
    expect(backingClause(assessed)).toBe("5 of 5 agree");
  });
  it("the frameworks' own pick, or the next they pick after a hold, is their count", () => {
    expect(recommendationText(stored(FINE_TUNING_CASE).uc)).toBe("Fine-tuning (5 of 5 voting agree)");
    // With documents for the hybrid to retrieve (2.15).
    expect(recommendationText(stored({ ...FINE_TUNING_CASE, corpusDocuments: 500, changeFrequency: "monthly", maxLagDays: 14 }).uc)).toBe("Hybrid (1 of 5 voting agree)");
  });
  it("names the frameworks that did not vote with how many for each reason, where the reasons differ", () => {
    const { uc } = stored({ promptedBaselineMeetsBar: "yes", monthlyCalls: 10_000 });
    const abstained = scoreUseCase({ promptedBaselineMeetsBar: "yes", monthlyCalls: 10_000 }, { skipSensitivity: true }).agreement.abstained.map((x) => x.why);
    expect(recommendationText({ ...uc, abstained })).toBe(
      "Prompting only · provisional (1 of 1 voting agree; 4 of 5 abstained — 3: none of their questions is answered yet; 1: nothing they weigh points to an approach)",
    );
    expect(recommendationText({ ...uc, abstained: abstained.slice(0, 1) })).toBe("Prompting only · provisional (1 of 1 voting agree; 1 of 2 abstained: none of their questions is answered yet)");
  });
});
