/**
 * What a CTO reads under a recommendation, held word for word: for every worked case of the
 * acceptance files and for a fixed sample of generated assessments, the recommendation, how many
 * frameworks back it and who abstains and why, each framework's pick and fit, the rules it fired,
 * the risk flags with their reasons, the leaning held back, and "what would change it" (the
 * sentence, the nearest changes with the rule that would turn each, the unanswered questions in order).
 *
 * The expected text is __snapshots__/explanations.json, reviewed when it was written (a change
 * in it shows in the diff of the commit that makes it). A change to the frameworks' wording or
 * logic that moves any of it fails here until the file is regenerated on purpose with
 * `npx vitest run lib/domain/frameworks/explanations.test.ts -u` and the diff reread.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentArb } from "../../../tests/helpers/assessment-arbitrary";
import { WORKED_CASES } from "../../../tests/helpers/worked-cases";
import { APPROACHES, assessmentSchema, type Assessment } from "../assessment";
import { scoreUseCase, type Score } from "./score";


/** What the use case's page and the decision queue show of a score (citations by seed and rule, not their quotes). */
function shown(s: Score) {
  return {
    consensus: s.consensus,
    evidence: s.evidence,
    basis: s.basis,
    basisCite: s.basisCite && s.basisCite.file,
    disagreement: s.disagreement,
    agreement: s.agreementText,
    backing: `${s.backing.votes} of ${s.backing.voters}`,
    leaning: s.leaning,
    frameworks: s.frameworks.map((f) => ({
      id: f.frameworkId,
      pick: f.recommendation,
      abstained: f.abstained ? `${f.abstainShort} — ${f.abstainReason}` : false,
      fit: Object.fromEntries(APPROACHES.filter((ap) => f.fit[ap] !== 0).map((ap) => [ap, f.fit[ap]])),
      missing: f.missing,
      fired: f.trace.map((t) => `${t.ruleId}: ${t.text} [${t.cite.file}] ${JSON.stringify(t.effects)}`),
    })),
    flags: s.flags.map((f) => `${f.code}: ${f.reason} [${f.cite.file}]`),
    whatWouldChange: s.sensitivity && {
      sentence: s.sensitivity.sentence,
      changes: s.sensitivity.changes.map((c) => `${c.answer} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)} gives ${c.newConsensus}: ${c.sentence}${c.because ? ` Why: ${c.because.framework}, “${c.because.rule}” [${c.because.cite.file}]` : ""}`),
      unanswered: s.sensitivity.unanswered.map((q) => `${q.answer} (${q.label}) → ${q.outcomes.join("/")}: ${q.sentence}`),
    },
    versions: s.frameworkVersions,
  };
}

describe("the explanations a recommendation comes with", () => {
  const cases: [string, Assessment, Parameters<typeof scoreUseCase>[1]][] = [
    ...WORKED_CASES.map((c) => [`${c.file}: ${c.id}`, assessmentSchema.parse(c.answers), { chosenApproach: c.chosen ?? null }] as [string, Assessment, Parameters<typeof scoreUseCase>[1]]),
    ...fc.sample(assessmentArb, { seed: 20261203, numRuns: 40 }).map((a, i) => [`generated ${String(i).padStart(2, "0")}`, a, { chosenApproach: APPROACHES[i % APPROACHES.length] ?? null }] as [string, Assessment, Parameters<typeof scoreUseCase>[1]]),
  ];

  it("are word for word what was reviewed, for the worked cases and a fixed sample", async () => {
    const all = Object.fromEntries(cases.map(([id, a, opts]) => [id, { answers: a, chosen: opts?.chosenApproach ?? null, shown: shown(scoreUseCase(a, opts)) }]));
    await expect(JSON.stringify(all, null, 1) + "\n").toMatchFileSnapshot("./__snapshots__/explanations.json");
  });

  it("covers what it means to: every evidence level, abstentions, flags, leanings and each kind of sentence", () => {
    const scores = cases.map(([, a, opts]) => scoreUseCase(a, opts));
    expect(new Set(scores.map((s) => s.evidence))).toEqual(new Set(["none", "provisional", "assessed"]));
    expect(scores.some((s) => s.frameworks.some((f) => f.abstained))).toBe(true);
    expect(scores.some((s) => s.flags.length > 1)).toBe(true);
    expect(scores.some((s) => s.leaning !== null)).toBe(true);
    expect(scores.some((s) => s.disagreement)).toBe(true);
    const sentences = scores.map((s) => s.sensitivity?.sentence ?? "");
    expect(sentences.some((t) => t.startsWith("Not assessed yet."))).toBe(true);
    expect(sentences.some((t) => t.startsWith("No single answer changes it."))).toBe(true);
    expect(scores.some((s) => (s.sensitivity?.changes.length ?? 0) >= 2)).toBe(true);
  });
});
