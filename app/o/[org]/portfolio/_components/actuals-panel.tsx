import Link from "next/link";
import { againstBaseText, METERED_WORDS, MONTH_NAMES, openMonthsText, STARTED_DEFINITION, unbilledText, UNMETERED_WORDS } from "@/lib/domain/actuals";
import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { plural } from "@/lib/domain/portfolio/format";
import { dollars, exactDollarRange, exactDollars } from "@/lib/domain/money";
import type { PortfolioActuals } from "@/lib/server/actuals/portfolio";
import { link, Panel, ScrollTable, td, tdNum, th, thNum, type UseCaseHref } from "./panel";


/**
 * Projected against actual (issue 21): the year so far for the use cases with actual spend, by
 * business unit and by approach as chosen, the use cases furthest outside their range, and the
 * spend no use case carries (shown as such, never spread).
 */
export function ActualsPanel({ a, useCaseHref, actualsHref, filtered = false }: { a: PortfolioActuals; useCaseHref: UseCaseHref; actualsHref: string; filtered?: boolean }) {
  if (!a.period) return null;
  // A view whose use cases have no actual spend: said in words, not "$0 against $0 (—)" over empty tables.
  const none = a.actual === 0 && a.byBusinessUnit.length === 0;
  const months = a.period.throughMonth === 1 ? "January" : `January to ${MONTH_NAMES[a.period.throughMonth - 1]}`;
  const unattributed = a.unattributed.reduce((n, u) => n + u.cents, 0);
  // The organization's bills of a month not over yet: kept, compared once the month closes (whatever the view).
  const open = openMonthsText(a.open, filtered ? " of the whole organization" : "");
  // Set against the projection: only what use cases with a projection for these months spent.
  const projectedPart = (r: { actual: number; unprojected: number }) => r.actual - r.unprojected;
  const rows = (label: string, list: { key: string; name: string; actual: number; unprojected: number; projected: { low: number; base: number; high: number }; useCases: number }[]) => (
    // To the cent (lib/domain/money.ts, 3a): the rows add up to the spend the sentence above gives,
    // as the use case's own months do; rounded one by one they could miss it by a dollar.
    <ScrollTable caption={label} testId={`actuals-by-${label === "By business unit" ? "unit" : "approach"}`}>
      <thead>
        <tr>
          <th className={th}>{label === "By business unit" ? "Business unit" : "Approach as chosen"}</th>
          <th className={thNum}>Actual</th>
          <th className={thNum}>Projected (base)</th>
          <th className={thNum}>Low – high</th>
          <th className={thNum}>Against base</th>
        </tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.key}>
            <td className={td}>
              {`${r.name} `}<span className="text-zinc-500">{`(${plural(r.useCases, "use case")})`}</span>
            </td>
            <td className={tdNum}>
              {exactDollars(r.actual)}
              {r.unprojected > 0 ? (
                <span className="block text-xs text-zinc-500" data-testid="actuals-unprojected">
                  {r.unprojected === r.actual ? "none of it projected" : `${exactDollars(r.unprojected)} of it not projected`}
                </span>
              ) : null}
            </td>
            {/* Spend with no projection at all (an owner's estimate, a use case not started by its plan) was "$0.00" and "$0.00 – $0.00", read as a projection of nothing. */}
            <td className={tdNum}>{r.unprojected === r.actual ? "—" : exactDollars(r.projected.base)}</td>
            <td className={tdNum}>
              {r.unprojected === r.actual ? "—" : exactDollarRange(r.projected)}
            </td>
            <td className={tdNum}>{r.unprojected === r.actual ? "—" : againstBaseText(projectedPart(r), r.projected.base)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
  return (
    <Panel
      id="actuals"
      title={`Projected against actual, ${a.period.year} so far`}
      testId="actuals-panel"
      description={`${months}, for the use cases with actual spend, against their projections of what a bill measures (${METERED_WORDS}; ${UNMETERED_WORDS}; nor an owner's yearly estimate, which counts people's time too).`}
    >
      <p className="text-sm text-zinc-800" data-testid="actuals-summary">
        {none ? (
          <>No use case {filtered ? "in this view " : ""}has actual spend in {a.period.year} so far. </>
        ) : a.unprojected > 0 ? (
          <>
            Spent {dollars(a.actual)} so far this year: {dollars(projectedPart(a))} in months a projection covers, against a base
            projection of {dollars(a.projected.base)} ({againstBaseText(projectedPart(a), a.projected.base)}), and {dollars(a.unprojected)} in months none does
            (billed before a use case's planned start, by one not assessed, or by one costed from its owner's yearly estimate), set against nothing;{" "}
          </>
        ) : (
          <>
            Spent {dollars(a.actual)} so far this year against a base projection of {dollars(a.projected.base)} ({againstBaseText(a.actual, a.projected.base)});{" "}
          </>
        )}
        {none ? null : a.flagged === 0 ? "no use case is flagged. " : `${plural(a.flagged, "use case")} flagged. `}
        {a.unbilled.count > 0 ? (
          <>
            <span data-testid="actuals-unbilled">{unbilledText(a.unbilled, none)}</span>{" "}
          </>
        ) : null}
        {unattributed !== 0 ? (
          <>
            {/* The organization's, whatever the view: it belongs to no use case, so no filter can place it. */}
            <span data-testid="actuals-unattributed">
              {dollars(unattributed)} {filtered ? "of the organization's spend this year (not only this view's) " : ""}belongs to no use case yet
            </span>{" "}
            (<Link className={link} href={actualsHref}>attribute it</Link>).
          </>
        ) : none ? null : (
          "All of it is attributed."
        )}
      </p>
      {open ? (
        <p className="mt-1 text-sm text-zinc-600" data-testid="actuals-open">
          {open}
        </p>
      ) : null}
      {a.unbilled.count > 0 ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-zinc-700">Started, with no bills yet</summary>
          <p className="mt-1 text-xs text-zinc-600">{STARTED_DEFINITION}</p>
          <ul className="mt-1 divide-y divide-zinc-100" data-testid="actuals-unbilled-list">
            {a.unbilled.useCases.map((u) => (
              <li key={u.id} className="flex justify-between gap-4 py-1">
                <Link className={link} href={useCaseHref(u.id)}>
                  {u.title}
                </Link>
                <span className="tabular-nums text-zinc-700">{dollars(u.base)} projected so far</span>
              </li>
            ))}
          </ul>
          {a.unbilled.count > a.unbilled.useCases.length ? (
            <p className="mt-1 text-zinc-600">
              {plural(a.unbilled.count - a.unbilled.useCases.length, "other")} (<Link className={link} href={`${actualsHref}#unbilled`}>the full list{filtered ? ", of the whole organization" : ""}</Link>).
            </p>
          ) : null}
        </details>
      ) : null}
      {none ? null : <div className="mt-4 grid gap-6 xl:grid-cols-2">
        {rows("By business unit", a.byBusinessUnit.map((b) => ({ key: b.businessUnit, name: b.businessUnit || "No business unit", ...b })))}
        {rows("By approach", a.byApproach.map((b) => ({ key: b.approach ?? "none", name: b.approach ? APPROACH_LABELS[b.approach] : "No approach", ...b })))}
      </div>}
      {a.outside.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-zinc-900">Furthest outside their range</h3>
          <ol className="mt-1 divide-y divide-zinc-100 text-sm" data-testid="actuals-outside">
            {a.outside.map((o) => (
              <li key={o.id} className="py-2">
                <Link className={link} href={useCaseHref(o.id)}>
                  {o.title}
                </Link>
                <span className="block text-zinc-600">{o.sentence}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Panel>
  );
}

