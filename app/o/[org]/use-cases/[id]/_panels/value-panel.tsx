import { MoneyText } from "@/components/money-text";
import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { dollars, unitPriceOfCents } from "@/lib/domain/money";
import { canEditUseCase } from "@/lib/domain/use-case-permissions";
import {
  benefitBasis, benefitStartText, FEEDBACK_LOOP_NOT_COSTED, NOTHING_TO_PAY_BACK, returnText, scenarioPaybackText, VALUE_SCENARIOS, type ApproachValue, type ScenarioValue,
} from "@/lib/domain/value";
import { requireMember } from "@/lib/server/guard";
import { getUseCaseValue } from "@/lib/server/value/read";
import { BenefitForm } from "./benefit-form";

const rateText = (cents: number, isDefault: boolean) =>
  `${unitPriceOfCents(cents)} an hour${isDefault ? " (the default until finance sets the organization's rate)" : " (the organization's rate)"}`;

function WhyNone({ value }: { value: ApproachValue }) {
  if (value.status === "incomplete") return <>a cost figure is missing, so no net value (never netted against a partial cost)</>;
  if (value.status === "not-costed") return <>not costed</>;
  if (value.status === "feedback-loop-not-costed") return <span className="text-amber-900" data-testid="value-feedback-loop">{FEEDBACK_LOOP_NOT_COSTED}</span>;
  if (value.status === "cannot-serve") return <span className="text-red-800">{value.why}: its benefit would not come, so no net value, payback or return is claimed for it</span>;
  return <>no value entered</>;
}

const triple = (v: Record<(typeof VALUE_SCENARIOS)[number], ScenarioValue>, f: (s: ScenarioValue) => string) => `${f(v.pessimistic)} / ${f(v.base)} / ${f(v.optimistic)}`;

/**
 * Value next to cost (issue 20, item 3): the expected yearly benefit, and per approach the net
 * value over the horizon, the payback and the return, in three paired scenarios
 * (lib/domain/value/value.ts). No benefit entered says so; it is never shown as $0.
 */
export async function ValuePanel({ orgSlug, organizationId, useCaseId }: { orgSlug: string; organizationId: string; useCaseId: string }) {
  const [v, member] = await Promise.all([getUseCaseValue(organizationId, useCaseId), requireMember(orgSlug)]);
  if (!v) return null;
  const canEdit = canEditUseCase({ userId: member.user.id, role: member.role }, { ownerId: v.ownerId });
  const rate = rateText(v.rateCents, v.rateIsDefault);
  // Over the years costed (a retired use case's stop at the year it was retired in): "never within 5 years" was said of 2.
  const years = `${v.costedYears} ${v.costedYears === 1 ? "year" : "years"}`;
  return (
    <section aria-labelledby="value-heading" className="mt-8 rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200" data-testid="value-panel">
      <h2 id="value-heading" className="text-lg font-semibold text-zinc-900">Value against cost</h2>
      {v.benefit && v.yearly ? (
        <p className="mt-2 text-sm" data-testid="benefit-summary">
          Expected benefit: {benefitBasis(v.benefit, v.rateCents)}
          {v.benefit.kind === "HOURS" ? (
            <>
              {v.rateIsDefault ? " (the default rate until finance sets the organization's)" : ""}, that is{" "}
              <span className="font-medium tabular-nums">{dollars(v.yearly.low)} / {dollars(v.yearly.base)} / {dollars(v.yearly.high)}</span> a year (low / base / high).
            </>
          ) : (
            // Revenue is entered in dollars: "that is" the same figures again would say nothing.
            "."
          )}
        </p>
      ) : (
        <p className="mt-2 text-sm text-zinc-700" data-testid="no-value">
          No value entered: nothing says yet what this use case is worth, so there is no net value, payback or return (it is not counted as $0).
          {canEdit ? "" : " Whoever may edit the use case can enter one."}
        </p>
      )}
      {v.benefit && v.notAssessed ? (
        <p className="mt-2 text-sm text-zinc-700" data-testid="value-not-costed">Not costed yet (the use case is not assessed), so there is no cost to net the benefit against.</p>
      ) : null}
      {v.benefit && !v.notAssessed && v.approaches.length > 0 ? (
        <>
          <div className="relative mt-4 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="value-table">
              <caption className="sr-only">Net value, payback and return per approach, pessimistic / base / optimistic</caption>
              <thead>
                <tr className="text-left text-zinc-600">
                  <th className="p-2">Approach</th>
                  <th className="p-2">Net value over {years} (pessimistic / base / optimistic)</th>
                  <th className="p-2">Pays back (base)</th>
                  <th className="p-2">Pays back (pessimistic / optimistic)</th>
                  <th className="p-2">Return on cost (pessimistic / base / optimistic)</th>
                </tr>
              </thead>
              <tbody>
                {v.approaches.map(({ approach, value, chosen, recommended, noBuildTime }) => (
                  <tr key={approach} className="border-t border-zinc-100" data-testid={`value-row-${approach}`}>
                    <th scope="row" className="p-2 text-left font-medium">
                      {APPROACH_LABELS[approach]}
                      {chosen || recommended ? <span className="block text-xs font-normal text-zinc-600">{chosen ? "as chosen" : "recommended"}</span> : null}
                    </th>
                    {value.status === "valued" ? (
                      <>
                        <td className="p-2 tabular-nums" data-testid="net"><MoneyText text={triple(value.scenarios, (s) => dollars(s.netCents))} /></td>
                        <td className="p-2" data-testid="payback">
                          {scenarioPaybackText(value.scenarios.base, v.costedYears)}
                          {value.scenarios.base.nothingToPayBack ? (
                            <span className="block text-xs text-zinc-600" data-testid="payback-none">
                              {NOTHING_TO_PAY_BACK}
                            </span>
                          ) : null}
                          {noBuildTime ? (
                            <span className="block text-xs text-zinc-600" data-testid="payback-from-start">
                              its benefit counted from the start: an estimate gives no time to value
                            </span>
                          ) : null}
                        </td>
                        <td className="p-2" data-testid="payback-range">
                          {scenarioPaybackText(value.scenarios.pessimistic, v.costedYears)} / {scenarioPaybackText(value.scenarios.optimistic, v.costedYears)}
                        </td>
                        <td className="p-2 tabular-nums" data-testid="return">{triple(value.scenarios, (s) => returnText(s.returnPct))}</td>
                      </>
                    ) : (
                      <td className="p-2 text-zinc-600" colSpan={4}>
                        <WhyNone value={value} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-3 text-xs text-zinc-600" data-testid="value-pairing">
            How to read it: the scenarios are paired, not matched. Pessimistic takes the low benefit, the longest time to value and the high cost
            together; optimistic the high benefit, the shortest time to value and the low cost; base is base throughout. We pair them so the range shows
            everything going wrong at once (and right at once), rather than a low benefit beside a low cost.{" "}
            <span data-testid="value-start">{benefitStartText(v.approaches.filter((a) => a.value.status === "valued"))}</span> The benefit accrues by the
            month. For the payback, the one-off build (year 1's build engineering, data curation, training compute, evaluation set and first embedding of the corpus) is paid in the first month and
            the running costs month by month; an approach priced from the owner's yearly estimate has no build cost to pay back, so it shows no
            payback where its benefit covers the estimate each year, and &ldquo;never&rdquo; in a scenario where it does not. Net value is the benefit over the {years} less the lifecycle cost; the return is that net
            value as a share of the cost.
          </p>
        </>
      ) : null}
      {canEdit ? <BenefitForm key={v.version} orgSlug={orgSlug} useCaseId={useCaseId} version={v.version} current={v.benefit} rateText={rate} /> : null}
    </section>
  );
}
