import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { exactDollarRange, exactDollars } from "@/lib/domain/money";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { ChartOrTable } from "./chart-or-table";
import { Panel, ScrollTable, td, tdNum, th, thNum } from "./panel";
import { SpendChart } from "./spend-chart";

export function SpendPanel({ d }: { d: Dashboard }) {
  const approaches = d.byApproach.map((a) => a.approach);
  return (
    <Panel
      title="Projected spend per year, as chosen"
      description={`Stacked by approach (base), with the low–high range${d.years.length ? `, ${d.years[0]}–${d.years.at(-1)}` : ""}. A use case's first year of costs counts in the calendar year it starts, whatever the month.`}
      testId="spend"
    >
      {/* Nothing costed as chosen (no approach carries a use case): no years of $0. */}
      {d.years.length === 0 || d.byApproach.every((a) => a.useCases === 0) ? (
        <p className="text-zinc-600">No projected cost in this view: no use case in it is costed as chosen yet (none is counted as $0).</p>
      ) : (
        <ChartOrTable
          label="spend per year"
          chart={<SpendChart points={d.spend} approaches={approaches} />}
          table={
            <ScrollTable caption="Projected spend per year by approach, as chosen (base), with the low and high totals">
              <thead>
                <tr>
                  <th scope="col" className={th}>Year</th>
                  {approaches.map((a) => <th key={a} scope="col" className={thNum}>{APPROACH_LABELS[a]}</th>)}
                  <th scope="col" className={thNum}>Total (base)</th>
                  <th scope="col" className={thNum}>Low – high</th>
                </tr>
              </thead>
              <tbody>
                {d.spend.map((y) => (
                  <tr key={y.calendarYear}>
                    <th scope="row" className={`${td} text-left font-medium`}>{y.calendarYear}</th>
                    {/* To the cent (lib/domain/money.ts): the approaches add up to the year's total, as in the export. */}
                    {approaches.map((a) => <td key={a} className={tdNum}>{exactDollars(y.byApproach[a] ?? 0)}</td>)}
                    <td className={`${tdNum} font-medium`}>{exactDollars(y.base)}</td>
                    <td className={tdNum}>{exactDollarRange(y)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          }
        />
      )}
    </Panel>
  );
}
