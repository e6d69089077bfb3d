import { COMPARED_AGAINST, count, differingText, savingText, sharedCoverageNotes } from "@/lib/domain/portfolio/format";
import { dollarRange, dollars, exactDollars } from "@/lib/domain/money";
import { SCENARIO_LABELS, type Dashboard, type ScenarioName } from "@/lib/domain/portfolio/types";
import { APPROACH_COLORS } from "./chart-theme";
import { Panel, ScrollTable, td, tdNum, th, thNum } from "./panel";
import { RangeBarChart } from "./range-bar-chart";

const SCENARIO_COLORS: Record<ScenarioName, string> = { chosen: "#4338ca", recommended: "#71717a", RAG: APPROACH_COLORS.RAG, FINE_TUNING: APPROACH_COLORS.FINE_TUNING, HYBRID: APPROACH_COLORS.HYBRID };

export function ScenariosPanel({ d }: { d: Dashboard }) {
  const find = (scenario: ScenarioName, against: ScenarioName) => d.savings.find((s) => s.scenario === scenario && s.against === against);
  // Only the pairs the table shows: every scenario against as chosen and as recommended.
  const shown = d.savings.filter((s) => COMPARED_AGAINST.includes(s.against));
  const anyCaveat = shown.some((s) => savingText(s).endsWith("*"));
  const anyInfeasible = shown.some((s) => savingText(s).endsWith("†"));
  const shared = sharedCoverageNotes(d.scenarioSummaries, d.savings);
  const saving = (scenario: ScenarioName, against: ScenarioName) => {
    if (scenario === against) return "—";
    const s = find(scenario, against);
    const differs = differingText(s);
    return (
      <>
        {savingText(s)}
        {differs ? <span className="block text-xs text-amber-800" data-testid={`differs-${scenario}-${against}`}>{differs}</span> : null}
      </>
    );
  };
  // Nothing costed in any scenario: no figures to set side by side, and none is $0 (a new
  // organization's one unassessed idea read "$0" in every row, cell and year).
  if (d.scenarioSummaries.every((s) => s.costed === 0)) {
    return (
      <Panel title="Scenarios side by side" description="The same use cases costed as decided, as recommended, and as if every one used one approach." testId="scenarios-panel">
        <p className="text-sm text-zinc-600" data-testid="scenarios-none-costed">
          No use case in this view is costed in any scenario yet, so there is nothing to set side by side; none is counted as $0. A use case is costed once the questions that decide it are answered.
        </p>
      </Panel>
    );
  }
  return (
    <Panel title="Scenarios side by side" description="The same use cases costed as decided, as recommended, and as if every one used one approach." testId="scenarios-panel">
      {/* The chart's figures are the first columns of the table below it, which is its text view (no toggle to a second copy). */}
      <div role="group" aria-describedby="scenarios-chart-note">
        <RangeBarChart ariaLabel="Lifecycle cost per scenario, base with low to high" bars={d.scenarioSummaries.map((s) => ({ label: SCENARIO_LABELS[s.scenario], ...s.lifecycle, color: SCENARIO_COLORS[s.scenario] }))} />
        <p id="scenarios-chart-note" className="mt-1 text-xs text-zinc-600">
          Each scenario&apos;s figures, with what it covers and saves, are in the table below.
        </p>
      </div>
      <div className="mt-6">
        <ScrollTable caption="Scenarios: lifecycle cost, coverage and savings against as chosen and as recommended" testId="scenarios">
          <thead>
            <tr>
              <th scope="col" className={th}>Scenario</th>
              <th scope="col" className={thNum}>Lifecycle (base)</th>
              <th scope="col" className={thNum}>Low – high</th>
              <th scope="col" className={thNum}>Use cases costed</th>
              <th scope="col" className={thNum}>Against as chosen</th>
              <th scope="col" className={thNum}>Against as recommended</th>
            </tr>
          </thead>
          <tbody>
            {d.scenarioSummaries.map((s) => (
              <tr key={s.scenario} data-scenario={s.scenario}>
                <th scope="row" className={`${td} whitespace-nowrap text-left font-medium`}>{SCENARIO_LABELS[s.scenario]}</th>
                {/* A scenario that costs no use case has no figure, not $0. */}
                <td className={`${tdNum} whitespace-nowrap font-medium`}>{s.costed === 0 ? "—" : dollars(s.lifecycle.base)}</td>
                <td className={`${tdNum} whitespace-nowrap`}>{s.costed === 0 ? "—" : dollarRange(s.lifecycle)}</td>
                <td className={tdNum}>
                  {count(s.costed)}
                  {s.notCosted ? <span className="block text-xs text-amber-800">{count(s.notCosted)} not costed</span> : null}
                  {s.incomplete ? <span className="block text-xs text-amber-800">{count(s.incomplete)} {s.incomplete === 1 ? "lacks" : "lack"} figures</span> : null}
                  {s.infeasible ? <span className="block text-xs text-red-800" data-testid={`infeasible-${s.scenario}`}>{count(s.infeasible)} it cannot serve</span> : null}
                </td>
                <td className={`${tdNum} whitespace-nowrap`}>{saving(s.scenario, "chosen")}</td>
                <td className={`${tdNum} whitespace-nowrap`}>{saving(s.scenario, "recommended")}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        <p className="mt-2 text-sm text-zinc-600">
          “Saves” means the scenario in the row costs less over the lifecycle (base) than the one named in the column.
          {shared.length ? <span data-testid="scenarios-same-left-out">{shared.map((note) => ` ${note}`).join("")}</span> : null}
          {anyCaveat ? " * The two do not cover the same use cases alike (one costs, or has every figure for, a use case the other does not; how many is under the figure), so part of the difference is coverage, not cost." : ""}
          {anyInfeasible ? " † Cheaper on paper, but it puts use cases on an approach that cannot serve them: it cannot keep their answers within the lag they accept, never sees their knowledge, is a prompted model that was tried and fell short, has nothing to retrieve, or cannot do what they need (call tools, learn from their users, keep the style a prompted model fell short of, cite their sources), so it is no saving." : ""}
        </p>
      </div>
      <div className="mt-6">
        <h3 className="text-base font-semibold text-zinc-900">Year by year (base)</h3>
        <ScrollTable caption="Scenarios: projected spend per calendar year, base" testId="scenario-years">
          <thead>
            <tr>
              <th scope="col" className={th}>Scenario</th>
              {d.years.map((y) => <th key={y} scope="col" className={thNum}>{y}</th>)}
              <th scope="col" className={`${thNum} whitespace-nowrap`}>Total (base)</th>
            </tr>
          </thead>
          {/* No cell of these rows wraps: said once here rather than on each of their cells. */}
          <tbody className="whitespace-nowrap">
            {d.scenarioSummaries.map((s) => (
              <tr key={s.scenario} data-scenario={s.scenario}>
                <th scope="row" className={`${td} text-left font-medium`}>{SCENARIO_LABELS[s.scenario]}</th>
                {s.years.map((y) => (
                  <td key={y.calendarYear} className={tdNum}>
                    {exactDollars(y.base)}
                  </td>
                ))}
                <td className={`${tdNum} font-medium`}>
                  {exactDollars(s.years.reduce((t, y) => t + y.base, 0))}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </div>
    </Panel>
  );
}
