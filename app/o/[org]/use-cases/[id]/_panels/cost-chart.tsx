"use client";

import { useState } from "react";
import { Bar, CartesianGrid, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend, RangeWhisker } from "@/components/chart-legend";
import { niceTicks } from "@/lib/domain/portfolio/format";
import { compactDollars, dollars, exactDollars } from "@/lib/domain/money";
import type { CostCategory } from "@/lib/domain/costing/categories";

export interface ChartYear {
  calendarYear: number;
  low: number;
  high: number;
  /** Base cents per category. */
  categories: Record<string, number>;
}

/**
 * One colour per cost category, the same on every approach's chart, none of them the range's grey:
 * nine colours by position served up to eleven categories, so training compute took build
 * engineering's blue and retraining the whisker's grey; then three blue-greens side by side (data
 * curation, inference, evaluation) were told apart by no one. Hues far apart (Tableau's palette,
 * and a magenta), the corpus's first embedding in a darker shade of the retrieval infrastructure's
 * gold (the one pair that is alike on purpose). An owner's estimate is alone on its chart.
 */
export const CATEGORY_COLORS: Record<CostCategory, string> = {
  BUILD_ENGINEERING: "#4e79a7",
  DATA_CURATION: "#f28e2b",
  TRAINING_COMPUTE: "#9c755f",
  INFERENCE: "#59a14f",
  RETRIEVAL_INFRA: "#edc948",
  CORPUS_EMBEDDING: "#b6992d",
  RETRAINING: "#e15759",
  FT_HOSTING: "#b07aa1",
  MAINTENANCE: "#76b7b2",
  EVALUATION: "#ff9da7",
  EVALUATION_SET: "#cf1c90",
  MANUAL_ESTIMATE: "#4e79a7",
};
const colorOf = (c: string) => CATEGORY_COLORS[c as CostCategory] ?? "#1d4ed8";
export const RANGE_COLOR = "#52525b";
/** A category worth a few dollars still shows as a sliver (3 px), never as nothing. */
const minSliver = (value: unknown) => (typeof value === "number" && value > 0 ? 3 : 0);

/**
 * Yearly cost of one approach: bars stacked by category (base) and, beside each year's stack, a
 * thin bar from the low to the high total, so the range never hides the categories. The legend
 * keeps the two apart. A table view (CostYearTable) shows the same numbers to the cent, with the
 * base total and a lifecycle row that adds them up (rounded to the dollar, the years missed the
 * lifecycle total by a dollar or so). `yearsNote` says which calendar year is year 1; `initial` is
 * the approach it opens on (the first one when it has no years here).
 */
export function CostChart({ byApproach, labels, yearsNote, initial }: { byApproach: Record<string, ChartYear[]>; labels: Record<string, string>; yearsNote?: string; initial?: string }) {
  const approaches = Object.keys(byApproach);
  const [approach, setApproach] = useState(initial !== undefined && byApproach[initial] ? initial : (approaches[0] ?? ""));
  const [asTable, setAsTable] = useState(false);
  const years = byApproach[approach] ?? [];
  const categories = [...new Set(years.flatMap((y) => Object.keys(y.categories)))];
  const baseOf = (y: ChartYear) => Object.values(y.categories).reduce((s, v) => s + v, 0);
  const data = years.map((y) => ({ year: String(y.calendarYear), range: [y.low, y.high] as [number, number], ...y.categories }));
  const ticks = niceTicks(Math.max(0, ...years.map((y) => Math.max(y.high, baseOf(y)))));
  const name = labels[approach] ?? approach;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm">
          <span className="mr-2 font-medium">Approach</span>
          <select className="rounded-md border border-zinc-300 px-2 py-1" value={approach} onChange={(e) => setApproach(e.target.value)}>
            {approaches.map((a) => <option key={a} value={a}>{labels[a] ?? a}</option>)}
          </select>
        </label>
        <button type="button" className="text-sm text-brand-700 underline" onClick={() => setAsTable((t) => !t)} aria-pressed={asTable}>
          {asTable ? "Show chart" : "Show table"}
        </button>
      </div>
      {asTable ? (
        <CostYearTable years={years} labels={labels} name={name} />
      ) : (
        <>
          <div className="mt-3 h-72" role="img" aria-label={`Yearly cost of ${name}, stacked by category (base), with the low to high total beside each year`}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={4}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
                <XAxis dataKey="year" tick={{ fontSize: 13, fill: "#3f3f46" }} />
                <YAxis ticks={ticks} domain={[0, ticks.at(-1) ?? 0]} tickFormatter={(v: number) => compactDollars(v)} tick={{ fontSize: 13, fill: "#3f3f46" }} width={64} />
                <Tooltip
                  formatter={(value, key) => (Array.isArray(value) ? [`${dollars(Number(value[0]))} – ${dollars(Number(value[1]))}`, "Low – high total"] : [dollars(Number(value)), key])}
                  contentStyle={{ fontSize: 14 }}
                />
                {categories.map((c, i) => (
                  <Bar key={c} dataKey={c} name={labels[c] ?? c} stackId="base" fill={colorOf(c)} minPointSize={minSliver} isAnimationActive={false} />
                ))}
                <Bar dataKey="range" name="Low – high total" fill={RANGE_COLOR} maxBarSize={14} shape={RangeWhisker} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <ChartLegend
            groups={[
              { title: "Cost categories (base)", items: categories.map((c) => ({ label: labels[c] ?? c, color: colorOf(c) })) },
              { title: "Total", items: [{ label: "Low to high (the line beside each year)", color: RANGE_COLOR, thin: true }] },
            ]}
          />
        </>
      )}
      {yearsNote ? <p className="mt-2 text-xs text-zinc-600" data-testid="years-note">{yearsNote}</p> : null}
    </div>
  );
}

/**
 * The chart's table view: each year by category, to the cent (lib/domain/money.ts), with its base,
 * low and high totals and a lifecycle row that adds the years up, so a reader adding a column gets
 * the lifecycle row exactly, as in the export.
 */
export function CostYearTable({ years, labels, name }: { years: ChartYear[]; labels: Record<string, string>; name: string }) {
  const categories = [...new Set(years.flatMap((y) => Object.keys(y.categories)))];
  const baseOf = (y: ChartYear) => Object.values(y.categories).reduce((s, v) => s + v, 0);
  const sum = (f: (y: ChartYear) => number | undefined) => (years.some((y) => f(y) !== undefined) ? years.reduce((t, y) => t + (f(y) ?? 0), 0) : undefined);
  return (
    <div className="relative mt-3 overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="cost-year-table">
        <caption className="sr-only">Yearly cost of {name} by category, with the base, low and high totals</caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="p-1">Year</th>
            {categories.map((c) => <th key={c} scope="col" className="p-1 text-right">{labels[c] ?? c}</th>)}
            <th scope="col" className="p-1 text-right">Total (base)</th>
            <th scope="col" className="p-1 text-right">Low total</th>
            <th scope="col" className="p-1 text-right">High total</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.calendarYear} className="border-t border-zinc-100">
              <th scope="row" className="p-1 text-left font-medium">{y.calendarYear}</th>
              {categories.map((c) => <td key={c} className="p-1 text-right tabular-nums">{y.categories[c] === undefined ? "—" : exactDollars(y.categories[c]!)}</td>)}
              <td className="p-1 text-right font-medium tabular-nums">{exactDollars(baseOf(y))}</td>
              <td className="p-1 text-right tabular-nums">{exactDollars(y.low)}</td>
              <td className="p-1 text-right tabular-nums">{exactDollars(y.high)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-zinc-300 font-medium" data-testid="cost-year-total">
            <th scope="row" className="p-1 text-left">Lifecycle</th>
            {categories.map((c) => {
              const t = sum((y) => y.categories[c]);
              return <td key={c} className="p-1 text-right tabular-nums">{t === undefined ? "—" : exactDollars(t)}</td>;
            })}
            <td className="p-1 text-right tabular-nums">{exactDollars(sum(baseOf) ?? 0)}</td>
            <td className="p-1 text-right tabular-nums">{exactDollars(sum((y) => y.low) ?? 0)}</td>
            <td className="p-1 text-right tabular-nums">{exactDollars(sum((y) => y.high) ?? 0)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
