import Link from "next/link";
import { OwnerEstimateMark } from "@/components/owner-estimate";
import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { FLAG_LABELS, FRAMEWORKS } from "@/lib/domain/frameworks";
import { averageOver, count, lagWait, oneDecimal, plural, weeks, withRange } from "@/lib/domain/portfolio/format";
import { picksByApproach } from "@/lib/domain/portfolio/picks";
import { dollarRange, dollars } from "@/lib/domain/money";
import { timeToValueNote } from "@/lib/domain/costing/time-to-value";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { CountLink, link, Panel, ScrollTable, td, tdNum, th, thNum, type ListHref, type UseCaseHref } from "./panel";

export function TopPanel({ d, useCaseHref }: { d: Dashboard; useCaseHref: UseCaseHref }) {
  return (
    <Panel title="The ten most expensive use cases" description="Lifecycle cost, as chosen (base)." testId="top-panel">
      <ol className="divide-y divide-zinc-100 text-sm" data-testid="top-ten">
        {d.top.map((t, i) => (
          <li key={t.id} className="flex items-baseline justify-between gap-3 py-2">
            <span className="min-w-0">
              <span className="mr-2 tabular-nums text-zinc-500">{`${i + 1}.`}</span>
              <Link className={`${link} break-words`} href={useCaseHref(t.id)}>
                {t.title}
              </Link>
              <span className="text-zinc-600">{` · ${APPROACH_LABELS[t.approach]}${t.businessUnit ? ` · ${t.businessUnit}` : ""}${t.complete ? "" : " · lacks figures"}`}</span>
            </span>
            <span className="shrink-0 text-right tabular-nums">
              <span className="font-medium">{dollars(t.base)}</span>
              {t.manual ? <OwnerEstimateMark className="block" /> : null}
              <span className="block text-xs text-zinc-500">{dollarRange(t)}</span>
            </span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

export function FreshnessPanel({ d, useCaseHref }: { d: Dashboard; useCaseHref: UseCaseHref }) {
  const f = d.freshness;
  const ttvNote = timeToValueNote(f.byApproach.map((a) => a.approach));
  return (
    <Panel
      title="Freshness and time to value, as chosen"
      description="Whether each use case's approach keeps its answers within the lag it accepts; stale days are the days a year a fine-tuned model answers from knowledge that has since changed."
      testId="freshness"
    >
      <p className="mb-3 text-sm text-zinc-800" data-testid="lag-summary">
        {f.exceedingLag === 0
          ? "As chosen, no use case exceeds its acceptable lag, and none answers without its own knowledge."
          : `${plural(f.exceedingLag, "use case")} cannot be kept current as chosen: the approach cannot bring a change into its answers within the lag the use case accepts, however often it retrains, never sees the use case's own knowledge, or cannot do what the use case needs (call tools, learn from its users).`}
      </p>
      {f.worstLag.length > 0 ? (
        <ol className="mb-4 divide-y divide-zinc-100 text-sm" data-testid="worst-lag" aria-label="Use cases their approach cannot keep current, the longest wait first">
          {f.worstLag.map((w) => (
            <li key={w.useCase.id} className="py-1.5">
              <Link className={link} href={useCaseHref(w.useCase.id)}>{w.useCase.title}</Link>
              <span className="text-zinc-600">{`${w.useCase.approach ? ` · ${APPROACH_LABELS[w.useCase.approach]}` : ""} · ${lagWait(w.worstDelayDays, w.maxLagDays, w.lacksCapability)}`}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <ScrollTable caption="Stale days a year and time to value per approach, as chosen">
        <thead>
          <tr>
            <th scope="col" className={th}>Approach</th>
            <th scope="col" className={thNum}>Use cases</th>
            <th scope="col" className={thNum}>Stale days a year, average per use case (low–high)</th>
            <th scope="col" className={thNum}>Time to value, weeks, average (low–high)</th>
          </tr>
        </thead>
        <tbody>
          {f.byApproach.map((a) => (
            <tr key={a.approach}>
              <th scope="row" className={`${td} text-left font-medium`}>{APPROACH_LABELS[a.approach]}</th>
              <td className={tdNum}>{count(a.useCases)}</td>
              <td className={tdNum}>
                {a.staleDaysPerYear ? withRange(a.staleDaysPerYear, (n) => count(Math.round(n))) : "—"}
                <span className="block text-xs text-zinc-600">{averageOver(a.staleUseCases, a.useCases, "without a figure")}</span>
              </td>
              <td className={tdNum}>
                {a.timeToValueWeeks ? withRange(a.timeToValueWeeks, oneDecimal) : "—"}
                <span className="block text-xs text-zinc-600">{averageOver(a.timeToValueUseCases, a.useCases, "without a time to value")}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="mt-3 text-sm text-zinc-700">
        Each average is over the use cases with a figure for their approach as chosen: one that is not costed (an agent or
        pipeline with no estimate, or lacking a deciding answer) has none, and neither has stale days where it is priced from its
        owner&apos;s estimate or is prompting that never sees its knowledge; each is left out, not counted as 0 days.{" "}
        {f.useCasesWithStaleness === 0
          ? "No use case is stale any day of the year (base)."
          : `${plural(f.useCasesWithStaleness, "use case")} ${f.useCasesWithStaleness === 1 ? "is" : "are"} stale some days a year (base).`}
        {f.longestTimeToValueWeeks !== null ? ` The longest time to value is ${weeks(f.longestTimeToValueWeeks)}.` : ""}
      </p>
      {ttvNote ? <p className="mt-2 text-xs text-zinc-600" data-testid="time-to-value-note">{ttvNote}</p> : null}
    </Panel>
  );
}

export function FlagsPanel({ d, listHref, useCaseHref }: { d: Dashboard; listHref: ListHref; useCaseHref: UseCaseHref }) {
  const flagged = d.flags.filter((f) => f.useCases > 0);
  return (
    <Panel title="Risk flags" description={`${plural(d.riskFlagged, "use case")} with a risk flag; ${plural(d.flaggedTotal, "use case")} with a flag or a disagreement.`} testId="flags-panel">
      {flagged.length === 0 ? (
        <p className="text-zinc-600">No risk flags in this view.</p>
      ) : (
        <ul className="flex flex-wrap gap-2 text-sm" aria-label="Use cases per risk flag">
          {flagged.map((f) => (
            <li key={f.code}>
              <CountLink className="inline-block rounded-full bg-amber-100 px-3 py-1 text-amber-950 underline-offset-2 hover:underline" href={listHref({ flag: [f.code] })}>
                {FLAG_LABELS[f.code]}: {count(f.useCases)}
              </CountLink>
            </li>
          ))}
        </ul>
      )}
      <ul className="mt-4 space-y-3 text-sm" data-testid="flagged">
        {d.flagged.map((u) => (
          <li key={u.id} className="border-b border-zinc-100 pb-3">
            <Link className={`${link} font-medium`} href={useCaseHref(u.id)}>
              {u.title}
            </Link>
            <span className="text-zinc-600">{`${u.businessUnit ? ` · ${u.businessUnit}` : ""} · recommended ${u.recommended ? APPROACH_LABELS[u.recommended] : "—"}, chosen ${u.chosen ? APPROACH_LABELS[u.chosen] : "none"}`}</span>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-amber-950">
              {u.riskFlags.map((f) => (
                <li key={f.code}>{f.reason}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {d.riskFlagged > d.flagged.length ? (
        <p className="mt-2 text-sm text-zinc-600">
          The {count(d.flagged.length)} with the most flags, of {count(d.riskFlagged)}; follow a flag above for all of them.
        </p>
      ) : null}
    </Panel>
  );
}

export function DisagreementPanel({ d, useCaseHref, listHref }: { d: Dashboard; useCaseHref: UseCaseHref; listHref: ListHref }) {
  return (
    <Panel title="Where the frameworks disagree" description={`${plural(d.disagreements, "use case")} where the voting frameworks split; the narrowest agreement first.`} testId="disagreements" id="disagreements">
      {d.disagreeing.length === 0 ? (
        <p className="text-zinc-600">The frameworks agree on every use case in this view.</p>
      ) : (
        <ul className="space-y-3 text-sm">
          {d.disagreeing.map((u) => (
            <li key={u.id} className="border-b border-zinc-100 pb-3">
              <Link className={`${link} font-medium`} href={useCaseHref(u.id)}>
                {u.title}
              </Link>
              {/* The score's own words where it has them: "2 of 5 voting agree, three differ; tied with Hybrid on votes; RAG fits better…", or a pick held back. */}
              <span className="text-zinc-600">
                {` ${u.agreementText
                  ? ` · recommended ${u.recommended ? APPROACH_LABELS[u.recommended] : "nothing"}: ${u.agreementText}`
                  : ` · ${u.agreement.votes} of ${u.agreement.voters} voting frameworks pick ${u.recommended ? APPROACH_LABELS[u.recommended] : "the consensus"}`}${u.chosen ? `; chosen ${APPROACH_LABELS[u.chosen]}` : ""}`}
              </span>
              {u.picks.length ? (
                <p className="mt-1 text-zinc-700">
                  {picksByApproach(u.picks, u.recommended)}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {d.disagreements > d.disagreeing.length ? (
        <p className="mt-2 text-sm text-zinc-600">
          Showing {count(d.disagreeing.length)} of {count(d.disagreements)}:{" "}
          <CountLink className={link} href={listHref({ disagreement: ["yes"] })}>
            all {count(d.disagreements)} in the use-case list
          </CountLink>
          .
        </p>
      ) : null}
    </Panel>
  );
}

const FRAMEWORK_TITLES = new Map(FRAMEWORKS.map((f) => [f.id, f.title]));

export function VersionsPanel({ d }: { d: Dashboard }) {
  const v = d.versions;
  return (
    <Panel title="What these numbers reflect" testId="versions">
      <div className="grid gap-4 text-sm md:grid-cols-2">
        <div>
          <h3 className="font-medium text-zinc-900">Cost assumptions</h3>
          <ul className="mt-1 text-zinc-700">
            {v.assumptionVersions.map((a) => (
              <li key={a.version ?? "defaults"}>
                {a.version === null ? "The built-in defaults (no saved version)" : `Version ${a.version}`}: {plural(a.useCases, "use case")}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="font-medium text-zinc-900">Frameworks</h3>
          <ul className="mt-1 text-zinc-700">
            {v.frameworkVersions.map((f) => (
              <li key={JSON.stringify(f)}>
                {/* Each framework by its title, as the rest of the page names it (an id it no longer holds stays an id). */}
                {Object.entries(f.versions).map(([id, version]) => `${FRAMEWORK_TITLES.get(id) ?? id} ${version}`).join(", ")}
                {f.weightsVersion !== null ? `; weights version ${f.weightsVersion}` : ""}: {plural(f.useCases, "use case")}
              </li>
            ))}
            {v.unscored ? <li>Not scored yet: {plural(v.unscored, "use case")}</li> : null}
          </ul>
        </div>
      </div>
    </Panel>
  );
}
