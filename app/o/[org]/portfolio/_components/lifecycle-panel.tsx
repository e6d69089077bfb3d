import { APPROACH_LABELS, APPROACHES, type Approach } from "@/lib/domain/assessment";
import { count, plural } from "@/lib/domain/portfolio/format";
import { dollarRange, dollars } from "@/lib/domain/money";
import { asChosenCounts } from "@/lib/domain/portfolio/assemble";
import type { ApproachTotal, Dashboard } from "@/lib/domain/portfolio/types";
import { ChartOrTable } from "./chart-or-table";
import { APPROACH_COLORS } from "./chart-theme";
import { CountLink, link, Panel, ScrollTable, td, tdNum, th, thNum, type ListHref } from "./panel";
import { RangeBarChart } from "./range-bar-chart";

export function LifecyclePanel({ d, listHref }: { d: Dashboard; listHref: ListHref }) {
  const inView = asChosenCounts(d.matrix);
  // Every use case as chosen on the approach, as its list shows them; the total covers the costed ones.
  const all = (a: ApproachTotal) => Math.max(inView[a.approach] ?? 0, a.useCases);
  const decided = (a: Approach) => d.matrix.filter((m) => m.chosen === a).reduce((s, m) => s + m.count, 0);
  return (
    <Panel title="Lifecycle cost per approach, as chosen" description="Total cost of ownership over each use case's horizon: base, with low and high." testId="lifecycle">
      <ChartOrTable
        label="lifecycle cost per approach"
        chart={<RangeBarChart ariaLabel="Lifecycle cost per approach, as chosen, base with low to high" bars={d.byApproach.map((a) => ({ label: APPROACH_LABELS[a.approach], ...a.lifecycle, color: APPROACH_COLORS[a.approach] }))} />}
        table={
          <ScrollTable caption="Lifecycle cost per approach, as chosen">
            <thead>
              <tr>
                <th scope="col" className={th}>Approach</th>
                <th scope="col" className={thNum}>Base</th>
                <th scope="col" className={thNum}>Low – high</th>
                <th scope="col" className={thNum}>Use cases</th>
              </tr>
            </thead>
            <tbody>
              {d.byApproach.map((a) => (
                <tr key={a.approach}>
                  <th scope="row" className={`${td} text-left font-medium`}>{APPROACH_LABELS[a.approach]}</th>
                  <td className={tdNum}>{dollars(a.lifecycle.base)}</td>
                  <td className={tdNum}>{dollarRange(a.lifecycle)}</td>
                  <td className={tdNum}>
                    <CountLink className={link} href={listHref({ asChosen: [a.approach] })} aria-label={`${plural(all(a), "use case")} as chosen ${APPROACH_LABELS[a.approach]}`}>
                      {count(all(a))}
                    </CountLink>
                    {all(a) > a.useCases ? <span className="block text-xs text-amber-800">{count(all(a) - a.useCases)} not costed</span> : null}
                    {a.incomplete ? <span className="block text-xs text-amber-800">{count(a.incomplete)} {a.incomplete === 1 ? "lacks" : "lack"} figures</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        }
      />
      <p className="mt-3 text-sm text-zinc-600">
        Use cases behind each total:{" "}
        {d.byApproach.map((a, i) => (
          <span key={a.approach}>
            {i > 0 ? ", " : ""}
            <CountLink className={link} href={listHref({ asChosen: [a.approach] })} aria-label={`${APPROACH_LABELS[a.approach]}: ${plural(all(a), "use case")} as chosen`}>
              {APPROACH_LABELS[a.approach]} {count(all(a))}
            </CountLink>
            {all(a) > a.useCases ? ` (${count(all(a) - a.useCases)} not costed)` : ""}
          </span>
        ))}
        {d.byApproach.length === 0 ? "none" : ""}.
      </p>
      <p className="mt-1 text-sm text-zinc-600">
        As chosen counts a decision where one was made, else the recommendation. Decided:{" "}
        {APPROACHES.filter((a) => decided(a) > 0).map((a, i) => (
          <span key={a}>
            {i > 0 ? ", " : ""}
            <CountLink className={link} href={listHref({ chosen: [a] })}>
              {APPROACH_LABELS[a]} {count(decided(a))}
            </CountLink>
          </span>
        ))}
        {APPROACHES.every((a) => decided(a) === 0) ? "none yet" : ""}.
      </p>
    </Panel>
  );
}
