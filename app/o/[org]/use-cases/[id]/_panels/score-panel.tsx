import { ANSWER_LABELS, APPROACH_LABELS, type AnswerKey, type Approach } from "@/lib/domain/assessment";
import { DECIDING_ANSWERS, EVIDENCE_LABELS, FRAMEWORKS, lackingPrerequisitesText, type Evidence } from "@/lib/domain/frameworks";
import { unansweredNotes } from "@/lib/domain/frameworks/unanswered-notes";
import type { TurningRule } from "@/lib/domain/frameworks/sensitivity";
import { sourceTitle } from "@/lib/domain/sources";
import { getStoredScore } from "@/lib/server/projections";
import { riskFlagLabel } from "../../_components/labels";

const label = (a: Approach | null | undefined) => (a ? APPROACH_LABELS[a] : "No recommendation");

function effectsText(effects: Partial<Record<Approach, number>>): string {
  return Object.entries(effects)
    .map(([ap, d]) => `${d! > 0 ? "+" : "−"}${Math.abs(d!)} ${APPROACH_LABELS[ap as Approach]}`)
    .join(", ");
}

const EVIDENCE_STYLES: Record<Evidence, string> = {
  none: "bg-zinc-100 text-zinc-800 ring-zinc-300",
  provisional: "bg-amber-50 text-amber-900 ring-amber-300",
  assessed: "bg-emerald-50 text-emerald-900 ring-emerald-300",
};

const EVIDENCE_EXPLAINED: Record<Evidence, string> = {
  none: "None of the seven deciding questions is answered, so there is no recommendation and no cost in any total yet.",
  provisional: "Some deciding questions are unanswered: this can still change.",
  assessed: "Every deciding question that applies is answered.",
};

/** The recommendation: evidence, consensus and agreement (abstentions named), what would change it, risk flags, and each framework's card. */
export async function ScorePanel({ organizationId, useCaseId }: { organizationId: string; useCaseId: string }) {
  const score = await getStoredScore(organizationId, useCaseId);
  if (!score) return null;
  const scopeOf = new Map(FRAMEWORKS.map((f) => [f.id, f.scope]));
  // Scores stored before evidence levels existed are re-scored at start-up; until then, read them as assessed.
  const evidence: Evidence = score.evidence ?? "assessed";
  const what = score.sensitivity;
  const more = what?.changes?.filter((c) => c.sentence !== what.sentence) ?? [];
  const unanswered = what?.unanswered ?? [];
  const notes = unansweredNotes(unanswered, score.consensus);
  return (
    <section aria-labelledby="recommendation-heading" className="mt-8 space-y-6">
      <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="recommendation-heading" className="text-lg font-semibold text-zinc-900">Recommendation</h2>
          <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${EVIDENCE_STYLES[evidence]}`} data-testid="evidence">
            {EVIDENCE_LABELS[evidence]}
          </span>
        </div>
        <p className="mt-1 text-sm text-zinc-600">{EVIDENCE_EXPLAINED[evidence]}</p>
        <p className="mt-2 text-2xl font-semibold text-brand-700" data-testid="consensus">
          {evidence === "none" ? "Not assessed" : label(score.consensus)}
        </p>
        {score.leaning && ((score.leaning.missing?.length && score.leaning.unknowns.length === 0) || score.consensus === null) ? (
          // Held because the answers say what training needs is missing: the sentence says the lean, what the answers say, and where the recommendation went.
          <p className="mt-1 text-sm text-zinc-800" data-testid="lean">
            {score.leaning.sentence}{" "}
            <span className="text-xs text-zinc-600">
              Source:{" "}
              {DECIDING_ANSWERS.filter((d) => (score.leaning!.missing ?? []).includes(d.key))
                .map((d) => `${sourceTitle(d.cite.file)} — “${d.cite.quote}”`)
                .join("; ")}
            </span>
          </p>
        ) : score.basis === "default-start" && score.leaning ? (
          <p className="mt-1 text-sm text-zinc-800" data-testid="default-start">
            {score.leaning.about === "knowledge"
              ? "The sources' default starting approach where nothing is known to be there to retrieve"
              : evidence === "assessed" && score.leaning.unknowns.includes("promptedBaselineMeetsBar")
                ? "The sources' default starting approach: no prompted base model has been tried yet, and 002 tries one before training any model"
                : lackingPrerequisitesText(score.leaning.missing ?? [])
                ? `The sources' default starting approach: no model is trained while ${lackingPrerequisitesText(score.leaning.missing ?? [])}`
                : "The sources' default starting approach while the answers that would justify training a model are missing"}
            {score.basisCite ? <> (<q className="italic">{score.basisCite.quote}</q>)</> : null}. {score.leaning.sentence}
          </p>
        ) : score.basis === "default-start" && !score.heldBack && score.agreement.voters === 0 ? (
          // A deciding answer given that no framework reads (judgement 2.12): nothing voted, so the default start.
          <p className="mt-1 text-sm text-zinc-800" data-testid="default-start">
            The sources&rsquo; default starting approach: no framework has an answer of its own to vote on yet
            {score.basisCite ? <> (<q className="italic">{score.basisCite.quote}</q>)</> : null}.
          </p>
        ) : null}
        {score.heldBack ? (
          <p className="mt-1 text-sm text-zinc-800" data-testid="held-back">
            {score.heldBack.sentence}{" "}
            <span className="text-xs text-zinc-600">
              Source: {sourceTitle(score.heldBack.cite.file)} — “{score.heldBack.cite.quote}”
            </span>
          </p>
        ) : null}
        <p className="mt-1 text-sm text-zinc-600" data-testid="agreement">
          {score.agreementText ??
            (score.agreement.voters > 0 ? `${score.agreement.votes} of ${score.agreement.voters} voting agree` : "No framework could recommend yet: answer more of the assessment.")}
        </p>
        <div className="mt-4 text-sm text-zinc-800">
          <p>
            {/* Not assessed: the sentence itself says "Not assessed yet. Answer these first: …". */}
            {evidence === "none" ? null : <span className="font-medium">What would change it: </span>}
            <span data-testid="sensitivity">{what?.sentence ?? "—"}</span>
            {what?.change?.because && what.change.sentence === what.sentence ? <TurningReason because={what.change.because} /> : null}
          </p>
          {evidence !== "assessed" && unanswered.length > 0 ? (
            <div className="mt-2">
              <p className="text-zinc-600" data-testid="unanswered-heading">
                {notes.common ? `Unanswered deciding questions (${notes.common}):` : "Unanswered deciding questions, the one the recommendation hangs on most first:"}
              </p>
              <ol className="mt-1 list-decimal space-y-1 pl-5" data-testid="unanswered">
                {unanswered.map((q, i) => (
                  <li key={q.answer}>
                    {q.label}
                    {notes.each[i] ? <span className="text-zinc-600"> — {notes.each[i]}</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          {more.length > 0 && evidence !== "assessed" && unanswered.length > 0 ? (
            // Below the unanswered questions, these would read as more of them without their own heading.
            <p className="mt-2 text-zinc-600" data-testid="more-changes-heading">Answers already given that would change it:</p>
          ) : null}
          {more.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-zinc-700" data-testid="more-changes">
              {more.map((c) => (
                <li key={c.answer}>
                  {c.sentence}
                  {c.because ? <TurningReason because={c.because} /> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {score.flags.length > 0 ? (
          <div className="mt-4">
            <h3 className="text-sm font-semibold text-zinc-900">Risk flags</h3>
            <ul className="mt-2 space-y-2" data-testid="risk-flags">
              {score.flags.map((f) => (
                <li key={f.code} className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
                  <p className="font-medium text-amber-900">{riskFlagLabel(f.code)}</p>
                  <p className="text-amber-900">{f.reason}</p>
                  <p className="mt-1 text-xs text-amber-800">Source: {sourceTitle(f.cite.file)} — “{f.cite.quote}”</p>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="mt-4 text-sm text-zinc-600">No risk flags.</p>
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {score.frameworks.map((fw) => (
          <article key={fw.frameworkId} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200" aria-label={`${fw.title} framework`}>
            <h3 className="font-semibold text-zinc-900">{fw.title}</h3>
            <p className="text-xs text-zinc-500">{sourceTitle(fw.source)} · version {fw.version} · weight {score.weights[fw.frameworkId] ?? 1}</p>
            {fw.abstained ? (
              <p className="mt-3 text-sm text-zinc-700">Abstains: {fw.abstainReason}</p>
            ) : (
              <>
                <p className="mt-3 text-sm" data-testid="framework-pick">
                  {!fw.recommendation ? (
                    // Since 2.12: none of its questions answered, or what it read points nowhere yet (its
                    // unconditional rule alone casts no vote). Rules fired with no pick meant the same before.
                    fw.unanswered ? (
                      "No pick yet: none of its questions is answered."
                    ) : fw.trace.length > 0 ? (
                      `No pick: what it weighs of the answers points to no approach${fw.missing.length > 0 ? " yet; the answers below could change that" : ""}.`
                    ) : (
                      `No pick yet${fw.missing.length > 0 ? ": it needs the answers below" : ""}.`
                    )
                  ) : evidence === "none" ? (
                    // Its pick on the answers given (since 2.12 a framework votes only on an answer of its own), with
                    // no deciding question answered: not a recommendation (the page says "Not assessed").
                    <>Would pick <span className="font-semibold">{label(fw.recommendation)}</span> on the answers given; not a recommendation while no deciding question is answered</>
                  ) : (
                    <>Recommends <span className="font-semibold">{label(fw.recommendation)}</span></>
                  )}
                </p>
                {/* None of its questions answered: no fit to show (its unconditional starting points drew
                    "RAG 20" beside "none of its questions is answered"). */}
                {fw.unanswered && !fw.recommendation ? null : (
                <ul className="mt-3 space-y-1" aria-label="Fit per approach">
                  {(scopeOf.get(fw.frameworkId) ?? []).map((ap) => (
                    <li key={ap} className="text-xs">
                      <div className="flex justify-between"><span>{APPROACH_LABELS[ap]}</span><span>{fw.fit[ap]}</span></div>
                      <div className="h-2 rounded bg-zinc-100" role="presentation"><div className="h-2 rounded bg-brand-500" style={{ width: `${fw.fit[ap]}%` }} /></div>
                    </li>
                  ))}
                </ul>
                )}
                {fw.missing.length > 0 ? (
                  <p className="mt-3 text-xs text-zinc-600">Needs answers to: {fw.missing.map((k) => ANSWER_LABELS[k as AnswerKey] ?? k).join("; ")}</p>
                ) : null}
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-brand-700">Why ({fw.trace.length} rule{fw.trace.length === 1 ? "" : "s"} fired)</summary>
                  <ol className="mt-2 list-decimal space-y-2 pl-5">
                    {fw.trace.map((t) => (
                      <li key={t.ruleId}>
                        <p>{t.text}{Object.keys(t.effects).length > 0 ? <> <span className="text-zinc-500">({effectsText(t.effects)})</span></> : null}</p>
                        <p className="text-xs text-zinc-500">{sourceTitle(t.cite.file)}{t.cite.quote ? <> — “{t.cite.quote}”</> : null}</p>
                      </li>
                    ))}
                  </ol>
                </details>
              </>
            )}
          </article>
        ))}
      </div>
      <p className="text-xs text-zinc-500">
        Scored with framework versions {Object.entries(score.frameworkVersions).map(([id, v]) => `${id} ${v}`).join(", ")}
        {score.judgementVersion ? `, judgement version ${score.judgementVersion}` : ""}
        {score.weightsVersion ? ` and weights version ${score.weightsVersion}` : ""}.
      </p>
    </section>
  );
}

/** Why a changed answer would turn the recommendation: the rule that would read it, and its framework. */
function TurningReason({ because }: { because: TurningRule }) {
  return (
    <span className="text-zinc-600" data-testid="turning-rule">
      {" "}
      Why: {because.framework}, “{because.rule}”
    </span>
  );
}
