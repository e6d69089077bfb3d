import { ANSWER_LABELS } from "@/lib/domain/assessment";
import { DECIDING_ANSWERS, EVIDENCE_LABELS, TRAINING_PREREQUISITES } from "@/lib/domain/frameworks";
import { inSentence } from "@/lib/domain/portfolio/format";

/** How much evidence a recommendation needs: the deciding answers and the three levels (PRODUCT.md, "Evidence and honesty"). */
export function EvidenceSection() {
  return (
    <section aria-labelledby="evidence-heading" className="mt-12 min-w-0" data-testid="evidence-section">
      <h2 id="evidence-heading" className="text-lg font-semibold text-zinc-900">The evidence behind a recommendation</h2>
      <p className="mt-1 text-sm text-zinc-600">
        A recommendation is only as good as the answers behind it. These seven deciding answers are the questions every framework turns on;
        how many of them are answered sets the evidence level of a score.
      </p>
      <div className="mt-4 rounded-lg bg-white p-5 text-sm text-zinc-700 shadow-sm ring-1 ring-zinc-200">
        <ol className="list-decimal space-y-2 pl-5" data-testid="deciding-answers">
          {DECIDING_ANSWERS.map((d) => (
            <li key={d.key}>
              <span className="font-medium text-zinc-900">{ANSWER_LABELS[d.key]}.</span> {d.why}{" "}
              <q className="italic text-zinc-600">{d.cite.quote}</q>
            </li>
          ))}
        </ol>
        <dl className="mt-5 grid gap-3 sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-zinc-900">{EVIDENCE_LABELS.none}</dt>
          <dd>
            None of the seven is answered. No recommendation, no agreement count, and the use case&apos;s costs stay out of every total, list
            and export until someone answers.
          </dd>
          <dt className="font-medium text-zinc-900">{EVIDENCE_LABELS.provisional}</dt>
          <dd>
            Some are answered. The recommendation is marked provisional, with the unanswered questions ranked by how much each could change it: a question is said to change it only where an answer would change the recommendation shown, not just how the frameworks vote.
            While {TRAINING_PREREQUISITES.map((k) => inSentence(ANSWER_LABELS[k])).join(", ")} are not all known, fine-tuning and hybrid are
            never recommended: the sources&apos; default starting approach is (RAG where there is knowledge to retrieve, knowledge of its own that
            prompting alone would never see, or a prompted base model was tried and falls short; else prompting only), with what
            fine-tuning would need beside it. <q className="italic text-zinc-600">When in doubt, start with RAG.</q>{" "}
            <q className="italic text-zinc-600">Start with the cheaper option. Add complexity when the cheaper option clearly fails.</q>
          </dd>
          <dt className="font-medium text-zinc-900">{EVIDENCE_LABELS.assessed}</dt>
          <dd>
            All seven are answered (six where the knowledge never changes: with no change to lag behind, the acceptable lag does not
            apply): the frameworks&apos; consensus stands, held to what can serve the use case (below).
          </dd>
          <dt className="font-medium text-zinc-900">Held to what can serve</dt>
          <dd data-testid="held-to-what-serves">
            At every level, the recommendation is never an approach the cost panel says cannot serve the use case: fine-tuning that misses
            the acceptable lag even retraining as often as it can, or prompting alone that never sees the use case&apos;s own knowledge or
            was tried and falls short of the bar. Where the frameworks pick one, the recommendation is the next approach they pick that
            can, else the sources&apos; default starting approach, and the use case&apos;s page says which and why.
          </dd>
        </dl>
      </div>
    </section>
  );
}
