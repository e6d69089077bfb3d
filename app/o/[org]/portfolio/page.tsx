import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { APPROACH_LABELS, APPROACHES, type Approach } from "@/lib/domain/assessment";
import { FLAG_LABELS } from "@/lib/domain/frameworks";
import { filterToSearchParams, FILTER_PARAMS, parsePortfolioFilter, RISK_FLAGS, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { STATUS_LABELS, STATUSES } from "@/lib/domain/use-case";
import { guardPage } from "@/lib/server/page-guard";
import { loadDashboard, SCENARIOS, total, type Money3, type ScenarioName } from "@/lib/server/portfolio/dashboard";
import { listBusinessUnits, listMembers } from "@/lib/server/use-cases/read";
import { SpendChart, type SpendYear } from "./spend-chart";

export const metadata: Metadata = { title: "Portfolio" };

const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString("en-US")}`;
const range = (m: Money3) => `${dollars(m.low)} – ${dollars(m.high)}`;
const SCENARIO_LABELS: Record<ScenarioName, string> = { chosen: "As chosen", recommended: "As recommended", RAG: "Everything RAG", FINE_TUNING: "Everything fine-tuned", HYBRID: "Everything hybrid" };

/** The portfolio dashboard: every panel follows the URL's filter, and every number links to the use cases behind it. */
export default async function PortfolioPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/portfolio`);
  const filter = parsePortfolioFilter(await searchParams);
  const [d, units, members] = await Promise.all([loadDashboard(ctx.organization.id, filter), listBusinessUnits(ctx.organization.id), listMembers(ctx.organization.id)]);
  const base = `/o/${ctx.organization.slug}`;
  const listLink = (extra: Partial<PortfolioFilter>) => {
    const sp = filterToSearchParams({ ...filter, ...extra });
    return `${base}/use-cases?${sp.toString()}`;
  };

  const years = [...new Set(d.yearly.map((r) => r.calendarYear))].sort();
  const spend: SpendYear[] = years.map((y) => {
    const rows = d.yearly.filter((r) => r.calendarYear === y);
    const t = total(rows);
    return { calendarYear: y, low: t.low, high: t.high, byApproach: Object.fromEntries(rows.map((r) => [APPROACH_LABELS[r.approach], r.base])) };
  });
  const byApproach = APPROACHES.map((a) => ({ approach: a, ...total(d.yearly.filter((r) => r.approach === a)), useCases: Math.max(0, ...d.yearly.filter((r) => r.approach === a).map((r) => r.useCases)) })).filter((r) => r.base > 0 || r.high > 0);
  const scenarioTotals = SCENARIOS.map((s) => ({ scenario: s, ...total(d.scenarios.filter((r) => r.scenario === s)) }));
  const asChosen = scenarioTotals[0]!;
  const chosenCols: (Approach | null)[] = [...APPROACHES, null];
  const recRows = APPROACHES.filter((a) => d.matrix.some((m) => m.recommended === a));
  const cell = (rec: Approach, ch: Approach | null) => d.matrix.find((m) => m.recommended === rec && m.chosen === ch)?.count ?? 0;

  return (
    <>
      <PageHeader title="Portfolio" description={`Projected spend across ${ctx.organization.name}'s use cases, by year and approach, with scenarios side by side.`} />

      <form method="get" className="mb-6 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the portfolio">
        <FilterSelect name={FILTER_PARAMS.businessUnit} label="Business unit" value={filter.businessUnit[0]} options={units.map((u) => [u, u])} />
        <FilterSelect name={FILTER_PARAMS.status} label="Status" value={filter.status[0]} options={STATUSES.map((s) => [s, STATUS_LABELS[s]])} />
        <FilterSelect name={FILTER_PARAMS.ownerId} label="Owner" value={filter.ownerId[0]} options={members.map((m) => [m.id, m.name])} />
        <FilterSelect name={FILTER_PARAMS.recommended} label="Recommended" value={filter.recommended[0]} options={APPROACHES.map((a) => [a, APPROACH_LABELS[a]])} />
        <FilterSelect name={FILTER_PARAMS.chosen} label="Chosen" value={filter.chosen[0]} options={APPROACHES.map((a) => [a, APPROACH_LABELS[a]])} />
        <FilterSelect name={FILTER_PARAMS.flag} label="Risk flag" value={filter.flag[0]} options={RISK_FLAGS.map((f) => [f, FLAG_LABELS[f]])} />
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white">Apply</button>
        <Link href={`${base}/portfolio`} className="px-2 py-2 text-brand-700 underline">Clear</Link>
      </form>

      {["FINANCE", "EXECUTIVE", "ADMIN"].includes(ctx.role) ? (
        <p className="mb-4 flex flex-wrap gap-4 text-sm" aria-label="Exports">
          <a className="text-brand-700 underline" href={`${base}/export/detail.csv?${filterToSearchParams(filter).toString()}`} download>Download the detail cost rollup (CSV)</a>
          <a className="text-brand-700 underline" href={`${base}/export/business-units.csv?${filterToSearchParams(filter).toString()}`} download>Download the business-unit rollup (CSV)</a>
        </p>
      ) : null}
      <p className="mb-4 text-sm text-zinc-700" data-testid="portfolio-count">
        <Link className="underline" href={listLink({})}>{d.useCases.toLocaleString("en-US")} use cases</Link> in this view.
        {d.coverage.notCosted > 0 ? <> {d.coverage.notCosted} have no cost for their approach yet (e.g. an agent without a manual estimate) and are not counted, never as $0.</> : null}
        {d.coverage.incomplete > 0 ? <> {d.coverage.incomplete} lack figures (e.g. a model price): their totals leave those costs out.</> : null}
      </p>

      <div className="grid gap-6 lg:grid-cols-3">
        <Panel title="Lifecycle cost, as chosen" className="lg:col-span-1">
          <p className="text-3xl font-semibold tabular-nums" data-testid="lifecycle-base">{dollars(asChosen.base)}</p>
          <p className="text-sm text-zinc-600">base; {range(asChosen)} low–high</p>
          <table className="mt-4 w-full text-sm" aria-label="Lifecycle cost per approach, as chosen">
            <thead><tr className="text-left text-zinc-600"><th>Approach</th><th className="text-right">Base</th><th className="text-right">Low – high</th></tr></thead>
            <tbody>
              {byApproach.map((r) => (
                <tr key={r.approach} className="border-t border-zinc-100">
                  <td>{APPROACH_LABELS[r.approach]}</td>
                  <td className="text-right tabular-nums">{dollars(r.base)}</td>
                  <td className="text-right tabular-nums">{range(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel title="Projected spend per year, as chosen" className="lg:col-span-2">
          <SpendChart years={spend} />
        </Panel>
      </div>

      <Panel title="Scenarios side by side" className="mt-6">
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="scenarios">
            <thead>
              <tr className="text-left text-zinc-600"><th className="p-2">Scenario</th>{years.map((y) => <th key={y} className="p-2 text-right">{y}</th>)}<th className="p-2 text-right">Lifecycle (base)</th><th className="p-2 text-right">Low – high</th><th className="p-2 text-right">Against as chosen</th></tr>
            </thead>
            <tbody>
              {scenarioTotals.map((s) => (
                <tr key={s.scenario} className="border-t border-zinc-100">
                  <th scope="row" className="p-2 text-left font-medium">{SCENARIO_LABELS[s.scenario]}</th>
                  {years.map((y) => <td key={y} className="p-2 text-right tabular-nums">{dollars(d.scenarios.find((r) => r.scenario === s.scenario && r.calendarYear === y)?.base ?? 0)}</td>)}
                  <td className="p-2 text-right tabular-nums">{dollars(s.base)}</td>
                  <td className="p-2 text-right tabular-nums">{range(s)}</td>
                  <td className="p-2 text-right tabular-nums">{s.scenario === "chosen" || asChosen.base === 0 ? "—" : `${s.base <= asChosen.base ? "saves" : "costs"} ${dollars(Math.abs(asChosen.base - s.base))} (${Math.round((Math.abs(asChosen.base - s.base) / asChosen.base) * 1000) / 10}%)`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel title="Recommended against chosen">
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="matrix">
              <caption className="sr-only">Use cases by recommended approach (rows) and chosen approach (columns)</caption>
              <thead><tr><th className="p-1 text-left">Recommended ↓ / chosen →</th>{chosenCols.map((c) => <th key={c ?? "none"} className="p-1 text-right">{c ? APPROACH_LABELS[c] : "None chosen"}</th>)}</tr></thead>
              <tbody>
                {recRows.map((rec) => (
                  <tr key={rec} className="border-t border-zinc-100">
                    <th scope="row" className="p-1 text-left font-medium">{APPROACH_LABELS[rec]}</th>
                    {chosenCols.map((ch) => {
                      const n = cell(rec, ch);
                      return (
                        <td key={ch ?? "none"} className="p-1 text-right tabular-nums">
                          {n === 0 ? <span className="text-zinc-400">0</span> : ch ? (
                            <Link className="underline" href={listLink({ recommended: [rec], chosen: [ch] })} aria-label={`${n} recommended ${APPROACH_LABELS[rec]}, chosen ${APPROACH_LABELS[ch]}`}>{n}</Link>
                          ) : (
                            <span aria-label={`${n} recommended ${APPROACH_LABELS[rec]}, none chosen`}>{n}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
        <Panel title="Freshness and time to value, as chosen">
          <p className="text-sm">Stale days a year across the portfolio: <span className="font-semibold tabular-nums" data-testid="stale-days">{d.freshness.staleDaysBase.toLocaleString("en-US")}</span>, in {d.freshness.useCasesWithStaleness} use cases.</p>
          <p className="mt-2 text-sm">Average time to value: <span className="font-semibold">{d.freshness.avgTimeToValueWeeks === null ? "—" : `${Math.round(d.freshness.avgTimeToValueWeeks * 10) / 10} weeks`}</span></p>
          <p className="mt-4 text-xs text-zinc-500" data-testid="versions">
            Numbers reflect assumption version{d.versions.assumptionVersions.length === 1 ? "" : "s"} {d.versions.assumptionVersions.map((v) => `${v.version} (${v.useCases} use cases)`).join(", ") || "—"}
            {d.versions.weightsVersions.length ? `; framework weights version ${d.versions.weightsVersions.join(", ")}` : ""}
            {d.versions.frameworkVersions.length ? `; frameworks ${d.versions.frameworkVersions.map((v) => Object.entries(JSON.parse(v) as Record<string, string>).map(([k, x]) => `${k} ${x}`).join(", ")).join(" | ")}` : ""}.
          </p>
        </Panel>
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel title="The ten most expensive use cases (lifecycle, as chosen)">
          <ol className="space-y-1 text-sm" data-testid="top-ten">
            {d.top.map((t) => (
              <li key={t.id} className="flex justify-between gap-3 border-b border-zinc-100 py-1">
                <Link className="truncate underline" href={`${base}/use-cases/${t.id}`}>{t.title}</Link>
                <span className="shrink-0 tabular-nums">{dollars(t.base)} · {APPROACH_LABELS[t.approach]}</span>
              </li>
            ))}
          </ol>
        </Panel>
        <Panel title={`Disagreements and risk flags (${d.flaggedTotal})`}>
          <ul className="space-y-2 text-sm" data-testid="flagged">
            {d.flagged.map((f) => (
              <li key={f.id} className="border-b border-zinc-100 pb-2">
                <Link className="font-medium underline" href={`${base}/use-cases/${f.id}`}>{f.title}</Link>
                {f.disagreement ? <span className="ml-2 rounded bg-zinc-100 px-1 text-xs">frameworks disagree</span> : null}
                {f.reasons.map((r, i) => <p key={i} className="text-xs text-amber-900">{r}</p>)}
              </li>
            ))}
          </ul>
          {d.flaggedTotal > d.flagged.length ? <Link className="mt-2 block text-sm underline" href={listLink({ flag: [...RISK_FLAGS] })}>See all flagged use cases</Link> : null}
        </Panel>
      </div>
    </>
  );
}

function Panel({ title, children, className = "" }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 ${className}`} aria-label={title}>
      <h2 className="mb-3 text-base font-semibold text-zinc-900">{title}</h2>
      {children}
    </section>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <label className="flex flex-col">
      <span className="text-xs font-medium text-zinc-600">{label}</span>
      <select name={name} defaultValue={value ?? ""} className="rounded-md border border-zinc-300 px-2 py-1.5">
        <option value="">All</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
}
