import type { Metadata } from "next";
import { buttonClass } from "@/components/button";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ANSWER_KEYS, ANSWER_LABELS, answerApplies, DOES_NOT_APPLY, missingAnswers } from "@/lib/domain/assessment";
import { ANSWER_HELP, ASSESSMENT_SECTIONS } from "@/lib/domain/assessment-help";
import { SourceCitations } from "@/components/source-link";
import { fieldLabel, flattenFields, formatFieldValue } from "@/lib/domain/use-case-changes";
import { exactDollars } from "@/lib/domain/money";
import { GOVERNANCE_KEYS, GOVERNANCE_LABELS, governanceValueLabel } from "@/lib/domain/governance";
import { formatDateAtPrecision } from "@/lib/domain/use-case";
import { canDeleteUseCase, canEditUseCase, canRecordDecision, canRestoreUseCase, type Actor } from "@/lib/domain/use-case-permissions";
import { guardPage } from "@/lib/server/page-guard";
import { getTitles, getUseCase, getUseCaseHistory, lastDecision, namesOf, type HistoryEvent, type UseCaseDetail } from "@/lib/server/use-cases/read";
import { DecisionForm } from "../_components/decision-form";
import { getDecisionOptionNotes } from "@/lib/server/projections";
import { approachLabel, formatDate, formatDateTime, recommendationText, STATUS_STYLES, statusLabel, useCasePath } from "../_components/labels";
import { DeleteButton, RestoreButton } from "../_components/row-actions";
import { CostPanelSlot, ScorePanelSlot } from "./slots";
import { ValuePanel } from "./_panels/value-panel";
import { ActualsPanel } from "./_panels/actuals-panel";
import { CommentsPanel } from "./_comments/comments-panel";
import { WorkflowPanel } from "./_decision/workflow-panel";
import { DECISION_VERBS } from "./_decision/history-verbs";

export const metadata: Metadata = { title: "Use case" };

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "assessment", label: "Assessment" },
  { id: "decision", label: "Decision" },
  { id: "comments", label: "Comments" },
  { id: "history", label: "History" },
] as const;
type Tab = (typeof TABS)[number]["id"];

const SAVED_MESSAGES: Record<string, string> = {
  created: "Use case saved.",
  updated: "Changes saved.",
  unchanged: "Nothing was changed: the use case is as it was.",
  decision: "Decision recorded.",
  restored: "Restored from the trash.",
};

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function UseCasePage(props: { params: Promise<{ org: string; id: string }>; searchParams: Promise<SearchParams> }) {
  const { org, id } = await props.params;
  const ctx = await guardPage(org, undefined, useCasePath(org, id));
  const sp = await props.searchParams;
  const uc = await getUseCase(ctx.organization.id, id, { includeDeleted: true });
  if (!uc) notFound();
  const actor: Actor = { userId: ctx.user.id, role: ctx.role };

  if (uc.deletedAt) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{uc.fields.title}</h1>
        <div className="rounded border border-zinc-300 bg-zinc-50 p-4 text-sm">
          This use case is in the trash (deleted {formatDateTime(uc.deletedAt)}).{" "}
          {canRestoreUseCase(actor, uc.fields) ? <RestoreButton orgSlug={org} id={uc.id} label="Restore it" /> : "A lead who owns it, an executive or an admin can restore it."}
        </div>
        <Link href={useCasePath(org, "trash")} className="text-sm text-brand-700 underline">
          Go to the trash
        </Link>
      </div>
    );
  }

  const tabParam = one(sp.tab);
  const tab: Tab = TABS.some((t) => t.id === tabParam) ? (tabParam as Tab) : "overview";
  const saved = SAVED_MESSAGES[one(sp.saved) ?? ""];
  const dupIds = (one(sp.dups) ?? "").split(",").filter(Boolean);
  const duplicates = dupIds.length ? await getTitles(ctx.organization.id, dupIds.filter((d) => d !== uc.id)) : [];
  const canEdit = canEditUseCase(actor, uc.fields);

  return (
    <div className="space-y-5">
      {saved && (
        <div role="status" className="rounded border border-green-300 bg-green-50 px-4 py-2 text-sm text-green-900">
          {saved}
        </div>
      )}
      {duplicates.length > 0 && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="duplicates">
          <p className="font-medium">This looks like {duplicates.length === 1 ? "a use case that is" : "use cases that are"} already logged:</p>
          <ul className="mt-1 list-disc pl-5">
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link className="underline" href={useCasePath(org, d.id)}>
                  {d.title}
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-1">It was saved anyway. If it is the same idea, keep one and move the other to the trash.</p>
        </div>
      )}

      <header className="space-y-2">
        <div className="flex flex-wrap items-start gap-3">
          <h1 className="text-2xl font-semibold">{uc.fields.title}</h1>
          <span className={`mt-1 rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[uc.fields.status]}`}>{statusLabel(uc.fields.status)}</span>
          <div className="ml-auto flex flex-wrap gap-2">
            {canEdit && (
              <Link href={useCasePath(org, uc.id, "edit")} className={buttonClass("primary")}>
                Edit
              </Link>
            )}
            {canDeleteUseCase(actor, uc.fields) && <DeleteButton orgSlug={org} id={uc.id} title={uc.fields.title} />}
          </div>
        </div>
        <p className="text-sm text-zinc-600">
          {uc.fields.businessUnit || "No business unit"} · Owner: {uc.owner?.name ?? "a former member"} · Updated {formatDateTime(uc.updatedAt)} · Version {uc.version}
        </p>
      </header>

      {/* On a narrow window the tabs scroll sideways in their own box; the page does not. */}
      <nav aria-label="Sections" className="scroll-cue overflow-x-auto">
        <div className="flex w-max min-w-full gap-1 border-b border-zinc-200">
          {TABS.map((t) => (
            <Link
              key={t.id}
              href={`${useCasePath(org, uc.id)}${t.id === "overview" ? "" : `?tab=${t.id}`}`}
              aria-current={t.id === tab ? "page" : undefined}
              className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm ${t.id === tab ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-zinc-600 hover:text-zinc-900"}`}
            >
              {t.label}
            </Link>
          ))}
        </div>
      </nav>

      {tab === "overview" && <Overview uc={uc} orgSlug={org} organizationId={ctx.organization.id} />}
      {tab === "assessment" && <AssessmentTab uc={uc} orgSlug={org} canEdit={canEdit} />}
      {tab === "decision" && <DecisionTab uc={uc} orgSlug={org} organizationId={ctx.organization.id} actor={actor} />}
      {tab === "comments" && <CommentsPanel orgSlug={org} organizationId={ctx.organization.id} useCaseId={uc.id} />}
      {tab === "history" && <HistoryTab organizationId={ctx.organization.id} useCaseId={uc.id} orgSlug={org} />}
    </div>
  );
}

function Item(props: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{props.label}</dt>
      <dd className="mt-0.5 text-sm">{props.children}</dd>
    </div>
  );
}

function Overview({ uc, orgSlug, organizationId }: { uc: UseCaseDetail; orgSlug: string; organizationId: string }) {
  const f = uc.fields;
  return (
    <div className="space-y-6">
      <section aria-labelledby="summary-heading" className="space-y-3">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        {f.description ? <p className="whitespace-pre-wrap text-sm">{f.description}</p> : <p className="text-sm text-zinc-500">No description yet.</p>}
        <dl className="grid gap-4 sm:grid-cols-3">
          <Item label="Business unit">{f.businessUnit || "—"}</Item>
          <Item label="Owner">{uc.owner?.name ?? "a former member"}</Item>
          <Item label="Status">{statusLabel(f.status)}</Item>
          <Item label="Planned start">
            {f.startDate ? (f.startDatePrecision === "DAY" ? formatDate(f.startDate) : `${formatDateAtPrecision(f.startDate, f.startDatePrecision)} (${f.startDatePrecision === "YEAR" ? "year only" : "month only"})`) : "—"}
          </Item>
          <Item label="Horizon">{f.horizonYears} {f.horizonYears === 1 ? "year" : "years"}</Item>
          <Item label="External id">{f.externalId ?? "—"}</Item>
          <Item label="Recommended">
            <span data-testid="recommended-summary">{recommendationText(uc)}</span>
          </Item>
          <Item label="Chosen">{approachLabel(uc.chosenApproach, "Not decided")}</Item>
          <Item label="Manual yearly estimate">
            {f.manualEstimate ? `${exactDollars(f.manualEstimate.low)} / ${exactDollars(f.manualEstimate.base)} / ${exactDollars(f.manualEstimate.high)} (manual)` : "—"}
          </Item>
        </dl>
        <section aria-labelledby="governance-heading" className="rounded border border-zinc-200 p-3">
          <h3 id="governance-heading" className="text-sm font-semibold text-zinc-900">
            Governance
          </h3>
          <dl className="mt-2 grid gap-4 sm:grid-cols-3" data-testid="governance">
            {GOVERNANCE_KEYS.map((key) => (
              <Item key={key} label={GOVERNANCE_LABELS[key]}>
                {governanceValueLabel(key, f[key])}
              </Item>
            ))}
          </dl>
          {Object.keys(f.additionalFields).length > 0 && (
            <details className="mt-3" open={Object.keys(f.additionalFields).length <= 12}>
              <summary className="cursor-pointer text-sm font-medium text-zinc-900">Additional fields ({Object.keys(f.additionalFields).length}, kept from an import)</summary>
              <dl className="mt-2 grid gap-3 sm:grid-cols-2" data-testid="additional-fields">
                {Object.entries(f.additionalFields).map(([name, value]) => (
                  <Item key={name} label={name}>
                    <span className="whitespace-pre-wrap">{value}</span>
                  </Item>
                ))}
              </dl>
            </details>
          )}
        </section>
        <p className="text-xs text-zinc-500">
          Logged by {uc.createdBy?.name ?? "a former member"} on {formatDateTime(uc.createdAt)}.
        </p>
      </section>
      {/* Slot: the scoring panel (recommendation, frameworks, trace): filled in by the lead in ./slots.tsx */}
      <ScorePanelSlot orgSlug={orgSlug} organizationId={organizationId} useCaseId={uc.id} />
      {/* Slot: the cost panel (projection per approach and year): filled in by the lead in ./slots.tsx */}
      <CostPanelSlot orgSlug={orgSlug} organizationId={organizationId} useCaseId={uc.id} />
      <ValuePanel orgSlug={orgSlug} organizationId={organizationId} useCaseId={uc.id} />
      <ActualsPanel orgSlug={orgSlug} organizationId={organizationId} useCaseId={uc.id} />
    </div>
  );
}

function AssessmentTab({ uc, orgSlug, canEdit }: { uc: UseCaseDetail; orgSlug: string; canEdit: boolean }) {
  const a = uc.fields.assessment;
  const missing = missingAnswers(a);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="missing-answers">
        {missing.length === 0 ? (
          <p>Every answer is given.</p>
        ) : (
          <p>
            <span className="font-medium">
              Still unanswered: {missing.length} of {ANSWER_KEYS.length}.
            </span>{" "}
            {missing.map((k) => ANSWER_LABELS[k]).join("; ")}.
          </p>
        )}
        {canEdit && (
          <Link href={`${useCasePath(orgSlug, uc.id, "edit")}#assessment`} className="ml-auto rounded border border-zinc-300 bg-white px-3 py-1 hover:bg-zinc-50">
            Edit answers
          </Link>
        )}
      </div>
      {ASSESSMENT_SECTIONS.map((section) => (
        <section key={section.id} aria-labelledby={`a-${section.id}`} className="rounded border border-zinc-200 p-4">
          <h2 id={`a-${section.id}`} className="mb-3 text-base font-semibold">
            {section.title}
          </h2>
          <dl className="space-y-3">
            {section.keys.map((k) => (
              <div key={k} className="grid gap-1 sm:grid-cols-[1fr_14rem]">
                <dt className="text-sm">
                  <span className="font-medium">{ANSWER_LABELS[k]}</span>
                  <span className="block text-xs text-zinc-500">
                    {ANSWER_HELP[k].help} <SourceCitations orgSlug={orgSlug} sources={ANSWER_HELP[k].sources} />
                  </span>
                </dt>
                <dd className={`text-sm ${a[k] === undefined ? "text-zinc-500" : ""}`}>{a[k] === undefined ? (answerApplies(a, k) ? "Unanswered" : DOES_NOT_APPLY) : formatFieldValue(`assessment.${k}`, a[k])}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

/** The approval workflow, then the decision as recorded; both offer the options with one reading of their costs. */
async function DecisionTab({ uc, orgSlug, organizationId, actor }: { uc: UseCaseDetail; orgSlug: string; organizationId: string; actor: Actor }) {
  const canDecide = canRecordDecision(actor);
  const [decided, optionNotes] = await Promise.all([lastDecision(organizationId, uc.id), getDecisionOptionNotes(organizationId, uc.id)]);
  return (
    <>
      <WorkflowPanel
        orgSlug={orgSlug}
        organizationId={organizationId}
        actor={actor}
        useCase={{ id: uc.id, ownerId: uc.fields.ownerId, status: uc.fields.status, chosenApproach: uc.chosenApproach, recommendedApproach: uc.recommendedApproach }}
        optionNotes={optionNotes}
      />
      <div className="space-y-4">
        <dl className="grid gap-4 sm:grid-cols-2">
          <Item label="Recommended">{recommendationText(uc)}</Item>
          <Item label="Chosen">
            <span data-testid="chosen-approach">{approachLabel(uc.chosenApproach, "Not decided")}</span>
            {decided ? (
              <span className="block text-xs text-zinc-600" data-testid="decided-by">
                Recorded by {decided.by ?? "the system"} on {formatDateTime(decided.at)}
              </span>
            ) : null}
          </Item>
        </dl>
        <div>
          <h2 className="text-sm font-medium text-zinc-500">Decision notes</h2>
          {uc.decisionNotes ? <p className="mt-1 whitespace-pre-wrap text-sm" data-testid="decision-notes">{uc.decisionNotes}</p> : <p className="mt-1 text-sm text-zinc-500">None yet.</p>}
        </div>
        {canDecide ? (
          <DecisionForm
            key={uc.version}
            orgSlug={orgSlug}
            id={uc.id}
            version={uc.version}
            chosenApproach={uc.chosenApproach}
            decisionNotes={uc.decisionNotes}
            recommended={uc.recommendedApproach}
            optionNotes={optionNotes}
          />
        ) : (
          <p className="text-sm text-zinc-500">Executives and admins record the decision.</p>
        )}
      </div>
    </>
  );
}

const VERBS: Record<string, string> = {
  "use_case.created": "logged this use case",
  "use_case.updated": "edited",
  "use_case.decision_recorded": "recorded the decision",
  "use_case.deleted": "moved it to the trash",
  "use_case.restored": "restored it from the trash",
  "use_case.imported": "imported it",
  "use_case.import_undone": "undid the import that changed it (put back as it was)",
  "use_case.benefit_set": "changed the expected benefit",
  ...DECISION_VERBS,
};

async function HistoryTab({ organizationId, useCaseId, orgSlug }: { organizationId: string; useCaseId: string; orgSlug: string }) {
  const events = await getUseCaseHistory(organizationId, useCaseId);
  const ownerIds = events.flatMap((e) => [e.before?.ownerId, e.after?.ownerId]).filter((v): v is string => typeof v === "string");
  const names = Object.fromEntries(await namesOf(ownerIds));
  if (events.length === 0) return <p className="text-sm text-zinc-500">No recorded changes.</p>;
  return (
    <ol className="space-y-4" data-testid="history">
      {events.map((e) => (
        <HistoryItem key={e.id} event={e} names={names} orgSlug={orgSlug} />
      ))}
    </ol>
  );
}

function HistoryItem({ event, names, orgSlug }: { event: HistoryEvent; names: Record<string, string>; orgSlug: string }) {
  const before = flattenFields(event.before);
  const after = flattenFields(event.after);
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const created = event.before === null;
  return (
    <li className="rounded border border-zinc-200 p-3">
      <p className="text-sm">
        <span className="font-medium">{event.actor?.name ?? "The system"}</span> {VERBS[event.action] ?? event.action}
        <span className="text-zinc-500"> · {formatDateTime(event.at)}</span>
        {event.importId ? (
          <>
            {" · "}
            <Link className="text-brand-700 underline underline-offset-2" href={`/o/${orgSlug}/use-cases/import/${event.importId}`} data-testid="history-import-link">
              the import&apos;s record (undo it as one step)
            </Link>
          </>
        ) : null}
      </p>
      {paths.length > 0 && (
        <table className="mt-2 w-full text-left text-sm">
          {/* Two columns, as each row has: the field, then its value (created) or its change, before → after. */}
          <thead className="sr-only">
            <tr>
              <th>Field</th>
              <th>{created ? "Value" : "Change, before to after"}</th>
            </tr>
          </thead>
          <tbody>
            {paths
              .filter((p) => !(created && (after[p] === null || after[p] === "")))
              .map((p) => (
                <tr key={p} className="border-t border-zinc-100 align-top">
                  <td className="w-1/4 py-1 pr-3 text-zinc-600">{fieldLabel(p)}</td>
                  <td className="py-1">
                    {created ? (
                      <span>{formatFieldValue(p, after[p], names)}</span>
                    ) : (
                      <>
                        <span className="text-zinc-500 line-through decoration-zinc-300">{formatFieldValue(p, before[p], names)}</span>
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only"> changed to </span>
                        <span>{formatFieldValue(p, after[p], names)}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
