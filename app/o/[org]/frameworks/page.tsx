import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { SourceLink } from "@/components/source-link";
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { CONTRADICTIONS, describe, FLAG_CITES, FLAG_CODES, FLAG_LABELS, FRAMEWORKS, TIE_ORDER, type Framework, type Rule } from "@/lib/domain/frameworks";
import { sourceTitle } from "@/lib/domain/sources";
import { frameworkWeightsView } from "@/lib/server/framework-weights";
import { outdatedScoreCount } from "@/lib/server/rescore";
import { guardPage } from "@/lib/server/page-guard";
import { EvidenceSection } from "./_components/evidence-section";
import { RescoreForm } from "./_components/rescore-form";
import { WeightsForm } from "./_components/weights-form";

export const metadata: Metadata = { title: "Frameworks" };

/** "+30 RAG, −20 Fine-tuning" (a real minus sign). */
function effectsText(effects: Rule["effects"]): string {
  const parts = (Object.entries(effects) as [Approach, number][])
    .filter(([, n]) => n !== 0)
    .map(([ap, n]) => `${n > 0 ? "+" : "−"}${Math.abs(n)} ${APPROACH_LABELS[ap]}`);
  return parts.length ? parts.join(", ") : "no change to the fits";
}

function weightText(w: number): string {
  return w === 0 ? "0 (off)" : w.toLocaleString("en-US");
}

const h2 = "text-lg font-semibold text-zinc-900";
const panel = "mt-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200";
const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600";
const td = "px-4 py-3 align-top text-sm text-zinc-700";

function FrameworkSection({ fw, index, weight, orgSlug }: { fw: Framework; index: number; weight: number; orgSlug: string }) {
  const headingId = `framework-${fw.id}`;
  return (
    <article aria-labelledby={headingId} data-testid={`framework-${fw.id}`} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200 sm:p-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold text-zinc-900">
          {index + 1}. {fw.title}
        </h3>
        <p className="text-sm text-zinc-600">
          Version {fw.version} · Source <SourceLink orgSlug={orgSlug} file={fw.source} /> · Weight here{" "}
          <span className="font-medium text-zinc-900">{weightText(weight)}</span>
        </p>
      </header>
      <p className="mt-3 text-sm text-zinc-700">{fw.summary}</p>

      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-zinc-900">Can recommend</dt>
          <dd className="mt-1 text-zinc-700">{fw.scope.map((ap) => APPROACH_LABELS[ap]).join(", ")}</dd>
        </div>
        <div>
          <dt className="font-medium text-zinc-900">Abstains (no vote) when</dt>
          <dd className="mt-1 text-zinc-700">
            {fw.abstain.length === 0 ? (
              "Never: it gives an answer for every use case."
            ) : (
              <ul className="list-disc space-y-1 pl-5">
                {fw.abstain.map((a, i) => (
                  <li key={i}>
                    {describe(a.when)}. <span className="text-zinc-600">Why: {a.reason}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      <h4 className="mt-5 text-sm font-semibold text-zinc-900">Rules, in the order they are checked</h4>
      <p className="mt-1 text-sm text-zinc-600">
        Each rule whose condition holds adds its effects to the approaches&apos; fit (0–100); a rule that ends the walk stops the checking
        there. The approach with the highest fit is this framework&apos;s recommendation.
      </p>
      <ol className="mt-3 space-y-3">
        {fw.rules.map((r) => (
          <li key={r.id} className="rounded-md border border-zinc-200 p-3 text-sm" data-testid={`rule-${fw.id}-${r.id}`}>
            <p className="font-medium text-zinc-900">
              {r.text}
              {r.stop ? (
                <span className="ml-2 inline-flex rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-200">
                  ends the walk
                </span>
              ) : null}
            </p>
            <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
              <dt className="text-zinc-600">When</dt>
              <dd className="text-zinc-800">{describe(r.when)}</dd>
              <dt className="text-zinc-600">Effect</dt>
              <dd className="text-zinc-800">{effectsText(r.effects)}</dd>
              <dt className="text-zinc-600">Source</dt>
              <dd className="text-zinc-800">
                <blockquote className="inline italic">&ldquo;{r.cite.quote}&rdquo;</blockquote> <span className="text-xs text-zinc-600">(<SourceLink orgSlug={orgSlug} file={r.cite.file} short />)</span>
              </dd>
            </dl>
          </li>
        ))}
      </ol>
    </article>
  );
}

/** Everyone: how each framework decides, how the consensus is formed, and this organization's weights. Admins can change the weights. */
export default async function FrameworksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/frameworks`);
  const view = await frameworkWeightsView(ctx.organization.id);
  const isAdmin = ctx.role === "ADMIN";
  const outdated = isAdmin ? await outdatedScoreCount(ctx.organization.id) : 0;

  return (
    <>
      <PageHeader
        title="Frameworks"
        description="The five decision frameworks that score every use case: what each one asks, its rules in order, and the sentence of its source document every rule comes from."
        actions={
          <Link href={`/o/${ctx.organization.slug}/sources`} className="text-sm font-medium text-brand-700 underline">
            Read the five sources
          </Link>
        }
      />

      <section aria-labelledby="weights-heading" className="min-w-0">
        <h2 id="weights-heading" className={h2}>
          {ctx.organization.name}&apos;s weights
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          Weights version <span data-testid="weights-version" className="font-semibold text-zinc-900">{view.weightsVersion}</span>. Every
          score records the weights version and framework versions it came from.
        </p>
        <div className="relative mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          <table className="min-w-full divide-y divide-zinc-200">
            <caption className="sr-only">Current weight per framework</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={th}>Framework</th>
                <th scope="col" className={th}>Source</th>
                <th scope="col" className={th}>Version</th>
                <th scope="col" className={th}>Weight</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {FRAMEWORKS.map((f) => (
                <tr key={f.id} data-testid={`weight-${f.id}`}>
                  <th scope="row" className="px-4 py-3 text-left text-sm font-medium text-zinc-900">
                    <a href={`#framework-${f.id}`} className="hover:underline">{f.title}</a>
                  </th>
                  <td className={td}><SourceLink orgSlug={ctx.organization.slug} file={f.source} /></td>
                  <td className={td}>{f.version}</td>
                  <td className={td}>{weightText(view.weights[f.id] ?? 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {isAdmin ? (
          <div className={panel}>
            <h3 className="text-base font-semibold text-zinc-900">Change the weights</h3>
            <p className="mt-1 text-sm text-zinc-600">Only admins can change them. Every change is audited and re-scores all use cases.</p>
            <div className="mt-4">
              <WeightsForm
                orgSlug={ctx.organization.slug}
                frameworks={FRAMEWORKS.map((f) => ({ id: f.id, title: f.title, weight: view.weights[f.id] ?? 1 }))}
                weightsVersion={view.weightsVersion}
                useCaseCount={view.useCaseCount}
              />
            </div>
          </div>
        ) : (
          <p className="mt-3 text-sm text-zinc-600">Only an admin can change the weights.</p>
        )}
        {isAdmin ? (
          <div className={panel}>
            <h3 className="text-base font-semibold text-zinc-900">Re-score with the current frameworks</h3>
            <p className="mt-1 text-sm text-zinc-600">
              When the frameworks get a new version, every score keeps the version it came from until it is re-scored. Start-up re-scores
              older scores on its own; this does it now, for every use case. Audited.
            </p>
            <div className="mt-4">
              <RescoreForm orgSlug={ctx.organization.slug} outdated={outdated} total={view.useCaseCount} />
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="consensus-heading" className="mt-12 min-w-0">
        <h2 id="consensus-heading" className={h2}>How the consensus is formed</h2>
        <div className={`${panel} space-y-3 text-sm text-zinc-700`}>
          <ol className="list-decimal space-y-2 pl-5">
            <li>
              Every framework scores the use case on its own. A framework that abstains (the case is outside what its source covers), makes no
              recommendation, has fired only its unconditional rule (such as &ldquo;Start with RAG, almost always&rdquo;, which reads
              nothing of the case), or has weight 0 does not vote. Where a deciding question is answered but no framework votes, the
              recommendation is the sources&rsquo; default starting approach.
            </li>
            <li>
              Each remaining framework votes for its recommendation with its weight. The approach with the most weighted votes is the
              consensus.
            </li>
            <li>
              Agreement counts the frameworks that picked the consensus against all that voted, and names the ones that did not vote and why,
              e.g. &ldquo;3 of 3 voting agree; 2 abstained (tool use is outside their source)&rdquo;. Anything short of all voters raises the
              disagreement flag.
            </li>
            <li>The consensus is then held to the evidence behind it (below): no recommendation without any deciding answer.</li>
            <li>
              Ties go to the approach with the larger summed fit (each voter&apos;s fit times its weight), then to this fixed order:{" "}
              <span data-testid="tie-order">{TIE_ORDER.map((ap) => APPROACH_LABELS[ap]).join(", ")}</span>.
            </li>
          </ol>
        </div>
      </section>

      <EvidenceSection />

      <section aria-labelledby="flags-heading" className="mt-12 min-w-0">
        <h2 id="flags-heading" className={h2}>Risk flags</h2>
        <p className="mt-1 text-sm text-zinc-600">Raised on a use case next to the consensus, each with its reason and source.</p>
        <ul className="mt-4 divide-y divide-zinc-200 rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          {FLAG_CODES.map((code) => (
            <li key={code} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm" data-testid={`flag-${code}`}>
              <span className="font-medium text-zinc-900">{FLAG_LABELS[code]}</span>
              {code === "CONTRADICTORY_ANSWERS" ? (
                // No one sentence of the seeds stands behind this flag: each pair of answers that
                // cannot both hold cites the question of the seed it breaks, and the flag on a use
                // case cites the pair it found.
                <div className="w-full text-zinc-600">
                  Raised when two answers cannot both hold:
                  <ul className="mt-1 list-disc space-y-1 pl-5">
                    {CONTRADICTIONS.map((c) => (
                      <li key={c.id}>
                        {c.sentence} <q className="italic">{c.cite.quote}</q> <span className="text-xs">({sourceTitle(c.cite.file)})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <span className="w-full text-zinc-600">
                  <q className="italic">{FLAG_CITES[code].quote}</q> <span className="text-xs">({sourceTitle(FLAG_CITES[code].file)})</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="frameworks-heading" className="mt-12 min-w-0">
        <h2 id="frameworks-heading" className={h2}>The five frameworks</h2>
        <p className="mt-1 text-sm text-zinc-600">One per source document, in source order. Each is data: rules with conditions, effects and citations.</p>
        <div className="mt-4 space-y-6">
          {FRAMEWORKS.map((fw, i) => (
            <FrameworkSection key={fw.id} fw={fw} index={i} weight={view.weights[fw.id] ?? 1} orgSlug={ctx.organization.slug} />
          ))}
        </div>
      </section>
    </>
  );
}
