import { APPROACH_LABELS, APPROACHES, type Approach } from "@/lib/domain/assessment";
import { ASSUMPTION_CATALOG, assumedAnswersSentence, catalogueModels, COST_CATEGORY_LABELS, explainCosts, firstYearNote, labourNote, missingInWords, pricingSentence, retrievalNote, retiredNote, retrainingCells, retrainingNote, timeToValueNote, whyCannotServe, type AssumptionKey, type CostExplanation } from "@/lib/domain/costing";
import { heldTrainingNote, untrainedNote } from "@/lib/domain/costing/training-notes";
import { retrainingUnbudgeted } from "@/lib/domain/costing/retraining";
import { smallVolumeNote } from "@/lib/domain/costing/volume-note";
import { deadlineNote } from "@/lib/domain/costing/deadline-note";
import { untriedPromptingNote } from "@/lib/domain/costing/untried-prompting";
import { lackingPrerequisitesText } from "@/lib/domain/frameworks";
import { untrainedBecause } from "@/lib/domain/frameworks/evidence";
import { dollars } from "@/lib/domain/money";
import { canEditUseCase } from "@/lib/domain/use-case-permissions";
import { currentAssumptions } from "@/lib/server/assumptions";
import { db } from "@/lib/server/db";
import { requireMember } from "@/lib/server/guard";
import { getStoredProjection, simulationFor } from "@/lib/server/projections";
import { readAssessment } from "@/lib/server/use-cases/mapping";
import { useCaseStartYear } from "@/lib/server/use-cases/start-year";
import { WithSourceLinks } from "@/components/source-link";
import { useCasePath } from "../../_components/labels";
import { CostChart, type ChartYear } from "./cost-chart";
import { OverridesForm, type OverrideRow } from "./overrides-form";

/** The figures a lead most often knows better for one use case. */
const OVERRIDABLE: AssumptionKey[] = [
  "modelInputPricePerMTokens", "modelOutputPricePerMTokens", "inputTokensPerCall", "outputTokensPerCall", "ftInferencePriceFactor", "vectorDbMonthlyUsd", "retrainCostUsd", "ftHostingHourlyUsd", "engineerRate", "maintenanceHoursPerWeek", "promptUpkeepHoursPerMonth",
];

/** A figure's low / base / high as the overrides show them: one number where all three are equal, "—" for one not given. */
function lowBaseHigh(r: { low: number | null; base: number | null; high: number | null }): string {
  return r.low === r.high && r.low === r.base ? `${r.base}` : `${r.low ?? "—"} / ${r.base ?? "—"} / ${r.high ?? "—"}`;
}

async function overridesFor(orgSlug: string, organizationId: string, useCaseId: string) {
  const [member, uc, assumptions] = await Promise.all([
    requireMember(orgSlug),
    db.useCase.findFirst({ where: { id: useCaseId, organizationId, deletedAt: null }, select: { version: true, ownerId: true, overrides: true } }),
    currentAssumptions(db, organizationId),
  ]);
  if (!uc) return null;
  const canEdit = canEditUseCase({ userId: member.user.id, role: member.role }, uc);
  const current = (uc.overrides ?? {}) as Record<string, OverrideRow["current"]>;
  const ownModel = typeof (uc.overrides as { model?: unknown } | null)?.model === "string" ? ((uc.overrides as { model: string }).model) : null;
  const rows: OverrideRow[] = OVERRIDABLE.map((key) => {
    const org = assumptions.set.values[key];
    return {
      key,
      label: ASSUMPTION_CATALOG[key].label,
      unit: ASSUMPTION_CATALOG[key].unit,
      defaultText: org.base === null ? "missing" : lowBaseHigh(org),
      current: current[key] ?? null,
    };
  });
  return { canEdit, version: uc.version, rows, model: { current: ownModel, organization: assumptions.set.model, choices: catalogueModels().map((m) => m.ref) } };
}



/**
 * The use case's own cost figures, for those who may not change them (finance, executives, other
 * leads): what its figures rest on besides the organization's assumptions. A reviewer in finance
 * met a lead's own prices only as their effect on the totals and the export.
 */
function OwnFigures({ rows, model }: { rows: readonly OverrideRow[]; model: { current: string | null; organization: string } }) {
  const set = rows.filter((r) => r.current && (r.current.low !== null || r.current.base !== null || r.current.high !== null));
  if (set.length === 0 && !model.current) return null;
  return (
    <div className="mt-6 rounded-lg px-4 py-3 text-sm ring-1 ring-zinc-200" data-testid="own-figures">
      <p className="font-medium text-zinc-900">This use case's own cost figures, set for it in place of the organization's (low / base / high):</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-zinc-700">
        {model.current ? <li>Model it runs on: {model.current} (organization: {model.organization})</li> : null}
        {set.map((r) => (
          <li key={r.key}>
            {r.label}: {lowBaseHigh(r.current!)} {r.unit} (organization: {r.defaultText})
          </li>
        ))}
      </ul>
    </div>
  );
}

const range = (r: { low: number; base: number; high: number }, f: (n: number) => string) => (r.low === r.high ? f(r.base) : `${f(r.low)} – ${f(r.high)} (base ${f(r.base)})`);

/** A missing figure as the sentences elsewhere name it ("the answer “Monthly LLM calls now”"), the engine's limit with what to check. */
function missingLabel(m: string): string {
  if (m.startsWith("limit:")) return "amounts beyond $1 billion a year in one category, past what the engine projects (check the volume, growth and prices)";
  return missingInWords(m);
}

/** The premium's sentence, its pointer to why the dearer approach is in play a link: the Recommendation section above, or the Decision tab. */
function linkWhy(told: Pick<CostExplanation, "premium" | "premiumWhy">, orgSlug: string, useCaseId: string) {
  const why = told.premiumWhy;
  const at = why ? told.premium!.lastIndexOf(why.words) : -1;
  if (!why || at < 0) return told.premium;
  const href = why.to === "recommendation" ? "#recommendation-heading" : `${useCasePath(orgSlug, useCaseId)}?tab=decision`;
  return (
    <>
      {told.premium!.slice(0, at)}
      <a className="underline" href={href}>{why.words}</a>
      {told.premium!.slice(at + why.words.length)}
    </>
  );
}

/**
 * The approach the yearly chart opens on: the one chosen, else the one recommended, else (neither)
 * the first. Where the one in play has no years in the chart, the other of the two if it has, else
 * the first that can serve the use case, else the first.
 */
export function chartApproach(charted: readonly Approach[], chosen: Approach | null, recommended: Approach | null, canServe: (a: Approach) => boolean): Approach | undefined {
  if (chosen === null && recommended === null) return charted[0];
  return [chosen, recommended].find((a): a is Approach => a !== null && charted.includes(a)) ?? charted.find(canServe) ?? charted[0];
}

/** The cost projection: lifecycle totals, stale days and time to value side by side, and the yearly chart. */
export async function CostPanel({ orgSlug, organizationId, useCaseId }: { orgSlug: string; organizationId: string; useCaseId: string }) {
  const [p, editable, uc] = await Promise.all([
    getStoredProjection(organizationId, useCaseId),
    overridesFor(orgSlug, organizationId, useCaseId),
    db.useCase.findFirst({ where: { id: useCaseId, organizationId }, select: { evidence: true, chosenApproach: true, decisionNotes: true, recommendedApproach: true, assessment: true, startDate: true, createdAt: true, retiredAt: true, score: true } }),
  ]);
  if (uc?.evidence === "none") {
    return (
      <section aria-labelledby="costs-heading" className="mt-8 rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200" data-testid="not-costed">
        <h2 id="costs-heading" className="text-lg font-semibold text-zinc-900">Lifecycle cost</h2>
        <p className="mt-2 text-sm text-zinc-700">
          Not costed: the use case is not assessed yet. A cost needs at least one deciding answer (see above); until then it is in no
          total, list or export, rather than counted as $0 or guessed.
        </p>
      </section>
    );
  }
  if (!p.summary) return null;
  const s = p.summary;
  const byApproach: Record<string, ChartYear[]> = {};
  for (const y of p.years) {
    const cats: Record<string, number> = {};
    for (const l of p.lines) if (l.approach === y.approach && l.yearIndex === y.yearIndex && l.base !== null) cats[l.category] = l.base;
    (byApproach[y.approach] ??= []).push({ calendarYear: y.calendarYear, low: y.low, high: y.high, categories: cats });
  }
  // One order for the table and the chart's choices (the stored summary's keys come in jsonb's order).
  const approaches = APPROACHES.filter((a) => s.approaches[a] !== undefined);
  const chartByApproach = Object.fromEntries(approaches.filter((a) => byApproach[a]).map((a) => [a, byApproach[a]!]));
  // Said from the side of the cheapest approach that meets the lag, scenario by scenario. A use
  // case imported in bulk has no stored Monte Carlo: it is run here, from the same stored figures.
  const simulation = s.simulation !== undefined ? s.simulation : await simulationFor(organizationId, useCaseId);
  const inPlay = uc?.chosenApproach ?? uc?.recommendedApproach ?? null;
  const chartOpensOn = chartApproach(Object.keys(chartByApproach) as Approach[], uc?.chosenApproach ?? null, uc?.recommendedApproach ?? null, (a) => whyCannotServe(s.approaches[a]!, s.maxLagDays).length === 0);
  const answers = uc ? readAssessment(uc.assessment) : null;
  const assumed = answers ? assumedAnswersSentence(answers) : null;
  const labour = labourNote(s.labour, approaches.filter((a) => !s.approaches[a]!.manual));
  const retrieval = retrievalNote(s.retrieval, approaches.filter((a) => !s.approaches[a]!.manual));
  const ttvNote = timeToValueNote(approaches.filter((a) => s.approaches[a]!.timeToValueWeeks || s.approaches[a]!.manual));
  // The figures the stored projection used; one stored before they were kept names the lag assumption without its value.
  const ftStored = s.approaches.FINE_TUNING;
  const ft = ftStored && !ftStored.manual && ftStored.staleDaysPerYear ? { ...ftStored, staleDaysPerYear: ftStored.staleDaysPerYear } : null;
  const cyclesNote = retrainingNote({
    changeFrequency: s.retraining ? (s.retraining.changeFrequency ?? undefined) : answers?.changeFrequency,
    shown: approaches,
    fineTuning: ft ? { cycles: ft.retrainingCyclesPerYear, staleDays: ft.staleDaysPerYear, worstDelayDays: ft.worstDelayDays } : null,
    maxLagDays: s.maxLagDays !== undefined ? s.maxLagDays : (answers?.maxLagDays ?? null),
    lag: s.retraining ?? null,
  });
  // Retired: the projection stops at the end of that year (lib/domain/costing/retired.ts).
  const retired = uc ? retiredNote(uc.retiredAt?.getUTCFullYear() ?? null, useCaseStartYear(uc)) : null;
  const told = explainCosts({ ...s, simulation, inPlay: inPlay ? { approach: inPlay, chosen: uc?.chosenApproach != null, notes: (uc?.decisionNotes.trim() ?? "") !== "" } : null });
  // Nothing recommended until a model can be trained (the score's lean, held for what training lacks): said beside the comparison.
  const held = (uc?.score as { leaning?: { missing?: string[] } | null } | null)?.leaning;
  const untrained = uc && uc.chosenApproach === null ? untrainedNote(s, uc.recommendedApproach, lackingPrerequisitesText(held?.missing ?? []), retrainingUnbudgeted(answers)) : null;
  // The cheapest trains a model the answers do not justify yet, and something else is recommended: why, beside the premium.
  const curation = !!s.labour && (s.labour.examplesInHand ?? 0) < (s.labour.examplesNeeded.base ?? 0);
  // A use case whose calls are a sliver of the approach in play's cost: what the rest is.
  const played = inPlay ? s.approaches[inPlay] : undefined;
  const smallVolume = inPlay && played && !played.manual && played.lifecycle.complete
    ? smallVolumeNote({ approach: inPlay, monthlyCalls: answers?.monthlyCalls ?? null, lifecycleCents: played.lifecycle.base, inferenceCents: p.lines.reduce((n, l) => n + (l.approach === inPlay && l.category === "INFERENCE" ? (l.base ?? 0) : 0), 0) })
    : null;
  // A deadline some approaches miss: which would be ready in time, beside the comparison.
  const deadline = deadlineNote(answers?.weeksToProduction, s.approaches as Parameters<typeof deadlineNote>[1]);
  const untriedPrompt = untriedPromptingNote(told.cheapest, answers ?? null);
  const heldTraining = uc && answers ? heldTrainingNote(told.cheapest, uc.recommendedApproach, untrainedBecause(answers, uc.evidence), curation, retrainingUnbudgeted(answers)) : null;
  return (
    <section aria-labelledby="costs-heading" className="mt-8 rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
      <h2 id="costs-heading" className="text-lg font-semibold text-zinc-900">Lifecycle cost</h2>
      <p className="mt-1 text-xs text-zinc-500">
        Assumptions version {s.assumptionVersion === 0 ? "0 (built-in defaults)" : s.assumptionVersion} · <a className="underline" href={`/o/${orgSlug}/assumptions`}>see or change the assumptions</a>
      </p>
      {s.pricing ? (
        <p className="mt-1 text-xs text-zinc-500" data-testid="pricing">
          {pricingSentence(s.pricing)}
        </p>
      ) : null}
      {retired ? (
        <p className="mt-3 rounded-md bg-zinc-50 p-3 text-sm text-zinc-800 ring-1 ring-zinc-200" data-testid="projection-retired">
          {retired}
        </p>
      ) : null}
      {!s.complete ? (
        <p className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="projection-missing">
          Incomplete: some figures are missing, so the totals leave those costs out (they are not $0). Missing: {[...new Set(s.missing)].map(missingLabel).join("; ")}.
        </p>
      ) : null}
      {assumed ? (
        <p className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="projection-assumed">
          <WithSourceLinks orgSlug={orgSlug} text={assumed} />
        </p>
      ) : null}
      <div className="scroll-cue relative mt-4 overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="lifecycle-table">
          <caption className="sr-only">Lifecycle cost, stale days and time to value per approach</caption>
          <thead>
            <tr className="text-left text-zinc-600"><th className="p-2">Approach</th><th className="p-2">Lifecycle cost (low – high)</th><th className="p-2">Stale days a year</th><th className="p-2">Time to value</th><th className="p-2">Retraining cycles a year</th></tr>
          </thead>
          <tbody>
            {approaches.map((ap) => {
              const x = s.approaches[ap]!;
              const [why, ...also] = whyCannotServe(x, s.maxLagDays);
              const cells = retrainingCells(ap, x);
              return (
                <tr key={ap} className="border-t border-zinc-100">
                  <th scope="row" className="p-2 text-left font-medium">
                    {APPROACH_LABELS[ap]}{x.manual ? " (manual estimate)" : ""}
                    {why ? <span className="block text-xs font-normal text-red-700" data-testid={`${why.kind}-${ap}`}>{why.text}</span> : null}
                    {also.map((w) => (
                      <span key={w.kind} className="block text-xs font-normal text-red-700" data-testid={`${w.kind}-${ap}`}>
                        and {w.text}
                      </span>
                    ))}
                  </th>
                  <td className="p-2 tabular-nums">{range(x.lifecycle, dollars)}{x.lifecycle.complete ? "" : " + missing"}</td>
                  <td className="p-2 tabular-nums">{cells.stale}</td>
                  <td className="p-2 tabular-nums">{x.timeToValueWeeks ? range(x.timeToValueWeeks, (n) => `${n} wk`) : "—"}</td>
                  <td className="p-2 tabular-nums">{cells.cycles}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cyclesNote ? <p className="mt-2 text-xs text-zinc-600" data-testid="retraining-note"><WithSourceLinks orgSlug={orgSlug} text={cyclesNote} /></p> : null}
      {ttvNote ? <p className="mt-2 text-xs text-zinc-600" data-testid="time-to-value-note"><WithSourceLinks orgSlug={orgSlug} text={ttvNote} /></p> : null}
      {labour ? <p className="mt-2 text-xs text-zinc-600" data-testid="labour-note"><WithSourceLinks orgSlug={orgSlug} text={labour} /></p> : null}
      {retrieval ? <p className="mt-2 text-xs text-zinc-600" data-testid="retrieval-note"><WithSourceLinks orgSlug={orgSlug} text={retrieval} /></p> : null}
      {smallVolume ? <p className="mt-3 text-sm" data-testid="small-volume">{smallVolume}</p> : null}
      {told.savings ? <p className="mt-3 text-sm" data-testid="savings">{told.savings}</p> : null}
      {untriedPrompt ? <p className="mt-1 text-sm" data-testid="untried-prompting">{untriedPrompt}</p> : null}
      {deadline ? <p className="mt-1 text-sm" data-testid="deadline-note">{deadline}</p> : null}
      {untrained ? <p className="mt-1 text-sm text-zinc-700" data-testid="untrained">{untrained}</p> : null}
      {told.simulation ? <p className="mt-1 text-sm" data-testid="simulation">{told.simulation}</p> : null}
      {told.premium ? <p className="mt-1 text-sm" data-testid="premium">{linkWhy(told, orgSlug, useCaseId)}</p> : null}
      {heldTraining ? <p className="mt-1 text-sm text-zinc-700" data-testid="training-held">{heldTraining}</p> : null}
      {told.inPlayNotCompared ? <p className="mt-1 text-sm" data-testid="in-play-not-compared">{told.inPlayNotCompared}</p> : null}
      {told.infeasible.map((t) => <p key={t} className="mt-1 text-sm text-red-800" data-testid="infeasible"><WithSourceLinks orgSlug={orgSlug} text={t} /></p>)}
      <p className="mt-2 text-xs text-zinc-600" data-testid="ranges-note">{told.rangesNote}</p>
      <p className="mt-2 text-sm" data-testid="break-even">Break-even volume: <WithSourceLinks orgSlug={orgSlug} text={s.breakEven.reason} /></p>
      <div className="mt-6">
        <CostChart key={chartOpensOn} initial={chartOpensOn} byApproach={chartByApproach} labels={{ ...APPROACH_LABELS, ...COST_CATEGORY_LABELS }} yearsNote={uc ? firstYearNote(uc.startDate, uc.createdAt) : undefined} />
      </div>
      {editable?.canEdit ? (
        <OverridesForm orgSlug={orgSlug} useCaseId={useCaseId} version={editable.version} rows={editable.rows} model={editable.model} />
      ) : editable ? (
        <OwnFigures rows={editable.rows} model={editable.model} />
      ) : null}
    </section>
  );
}
