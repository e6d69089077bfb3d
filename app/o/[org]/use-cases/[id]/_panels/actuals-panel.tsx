import Link from "next/link";
import { ACTUAL_CATEGORY_LABELS, METERED_WORDS, MONTH_NAMES, openMonthsText, projectedOverText, UNMETERED_WORDS, WARNING_LABELS, type Range } from "@/lib/domain/actuals";
import { APPROACH_LABELS, MANUAL_ESTIMATE_APPROACHES } from "@/lib/domain/assessment";
import { exactDollarRange, exactDollars } from "@/lib/domain/money";
import { loadVariances } from "@/lib/server/actuals/read";

const th = "border-b border-zinc-200 px-2 py-2 text-left font-medium text-zinc-600";
const thNum = "border-b border-zinc-200 px-2 py-2 text-right font-medium text-zinc-600";
const td = "border-b border-zinc-100 px-2 py-2";
const tdNum = "border-b border-zinc-100 px-2 py-2 text-right tabular-nums";
// To the cent (lib/domain/money.ts, 3a): the months and the categories each add up to the spend
// the sentence above them gives, and a reader ticks them off against the provider's bill.
const range = (r: Range | null) => (r ? exactDollarRange(r) : "—");

/**
 * Actual spend against the projection (issue 21): the sentence, any early-warning flag, and the
 * year so far by month and by category against the approach as chosen (metered categories).
 */
export async function ActualsPanel({ orgSlug, organizationId, useCaseId }: { orgSlug: string; organizationId: string; useCaseId: string }) {
  const { period, useCases, open } = await loadVariances(organizationId, { useCaseId });
  const u = useCases[0];
  const openText = openMonthsText(open, " for this use case");
  // What the sentence's base projection is: the months it covers at a twelfth of the year each
  // (from its start month in the year it starts), so the months before it read as planned, not saved.
  const over = u ? projectedOverText(u.variance) : null;
  return (
    <section aria-labelledby="actuals-heading" className="rounded border border-zinc-200 p-4" data-testid="actuals-panel">
      <h2 id="actuals-heading" className="text-base font-semibold">
        Actual spend{period ? ` in ${period.year}` : ""}
      </h2>
      {!u ? (
        <p className="mt-2 text-sm text-zinc-600">
          {period
            ? `No actual spend is attributed to this use case in ${period.throughMonth === 1 ? "January" : `January to ${MONTH_NAMES[period.throughMonth - 1]}`} ${period.year}, the months compared: no billing row of those months is tagged with its external id, and no rule gives it a share.`
            : openText ? "" : "No actual spend has been imported yet."}{openText ? ` ${openText}` : ""}{" "}
          <Link className="text-brand-700 underline" href={`/o/${orgSlug}/actuals`}>
            Actual spend
          </Link>
        </p>
      ) : (
        <div className="mt-2 space-y-3">
          <p className="text-sm" data-testid="actuals-sentence">
            {u.variance.sentence}
          </p>
          {openText ? (
            <p className="text-xs text-zinc-600" data-testid="actuals-open">
              {openText}
            </p>
          ) : null}
          <p className="text-xs text-zinc-600">
            {u.approach && (MANUAL_ESTIMATE_APPROACHES as readonly string[]).includes(u.approach)
              ? `${APPROACH_LABELS[u.approach]} (${u.decided ? "as decided" : "as recommended"}) is costed from its owner's yearly estimate, not projected by what a bill measures: its bills are counted${u.variance.runRate.budget !== null ? ", and held to the budget finance approved," : ""} but not set against the estimate${u.variance.runRate.budget !== null ? "" : " (finance has approved no budget for it to be held to)"}.`
              : u.approach
              ? `Against the projection for ${APPROACH_LABELS[u.approach]} (${u.decided ? "as decided" : "as recommended"}), of what a bill measures: ${METERED_WORDS}; ${UNMETERED_WORDS}.`
              : "Against no projection: the use case has no recommendation and no decision yet, so nothing is projected to compare its spend with."}
            {over ? (
              <span data-testid="actuals-over">
                {" "}{over}
              </span>
            ) : null}
          </p>
          {u.variance.flags.length > 0 && (
            <ul className="flex flex-wrap gap-2" data-testid="actuals-flags" aria-label="Early warnings">
              {u.variance.flags.map((f) => (
                <li key={f} className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-200">
                  {WARNING_LABELS[f]}
                </li>
              ))}
            </ul>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="actuals-monthly">
                <caption className="mb-1 text-left text-sm font-medium">By month</caption>
                <thead>
                  <tr>
                    <th className={th}>Month</th>
                    <th className={thNum}>Actual</th>
                    <th className={thNum}>Base</th>
                    <th className={thNum}>Low – high</th>
                  </tr>
                </thead>
                <tbody>
                  {u.variance.monthly.map((m) => (
                    <tr key={m.month}>
                      <td className={td}>{MONTH_NAMES[m.month - 1]}</td>
                      <td className={tdNum}>{exactDollars(m.actual)}</td>
                      <td className={tdNum}>{m.projected ? exactDollars(m.projected.base) : "—"}</td>
                      <td className={tdNum}>{range(m.projected)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="actuals-categories">
                <caption className="mb-1 text-left text-sm font-medium">By category, year so far</caption>
                <thead>
                  <tr>
                    <th className={th}>Category</th>
                    <th className={thNum}>Actual</th>
                    <th className={thNum}>Base</th>
                    <th className={thNum}>Low – high</th>
                  </tr>
                </thead>
                <tbody>
                  {u.variance.byCategory.map((c) => (
                    <tr key={c.category}>
                      <td className={td}>{ACTUAL_CATEGORY_LABELS[c.category]}</td>
                      <td className={tdNum}>{exactDollars(c.actual)}</td>
                      <td className={tdNum}>{c.projected ? exactDollars(c.projected.base) : "not projected"}</td>
                      <td className={tdNum}>{range(c.projected)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
