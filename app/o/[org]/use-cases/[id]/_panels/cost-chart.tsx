"use client";

import { useState } from "react";
import { Bar, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartYear {
  calendarYear: number;
  low: number;
  high: number;
  /** Base cents per category. */
  categories: Record<string, number>;
}

const COLORS = ["#1d4ed8", "#0891b2", "#059669", "#ca8a04", "#dc2626", "#7c3aed", "#db2777", "#52525b", "#0f766e"];
const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString("en-US")}`;

/**
 * Yearly cost of one approach, stacked by category (base), with the low and high totals as lines;
 * a table view shows the same numbers.
 */
export function CostChart({ byApproach, labels }: { byApproach: Record<string, ChartYear[]>; labels: Record<string, string> }) {
  const approaches = Object.keys(byApproach);
  const [approach, setApproach] = useState(approaches[0] ?? "");
  const [asTable, setAsTable] = useState(false);
  const years = byApproach[approach] ?? [];
  const categories = [...new Set(years.flatMap((y) => Object.keys(y.categories)))];
  const data = years.map((y) => ({ year: String(y.calendarYear), low: y.low / 100, high: y.high / 100, ...Object.fromEntries(Object.entries(y.categories).map(([k, v]) => [k, v / 100])) }));
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
        <div className="relative mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Yearly cost of {labels[approach] ?? approach} by category</caption>
            <thead><tr className="text-left"><th className="p-1">Year</th>{categories.map((c) => <th key={c} className="p-1">{labels[c] ?? c}</th>)}<th className="p-1">Low</th><th className="p-1">High</th></tr></thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.calendarYear} className="border-t border-zinc-100">
                  <td className="p-1">{y.calendarYear}</td>
                  {categories.map((c) => <td key={c} className="p-1 tabular-nums">{y.categories[c] === undefined ? "—" : dollars(y.categories[c]!)}</td>)}
                  <td className="p-1 tabular-nums">{dollars(y.low)}</td>
                  <td className="p-1 tabular-nums">{dollars(y.high)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="mt-3 h-72" role="img" aria-label={`Yearly cost of ${labels[approach] ?? approach}, stacked by category, with low and high totals`}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data}>
              <XAxis dataKey="year" />
              <YAxis tickFormatter={(v: number) => `$${Math.round(v / 1000)}k`} width={70} />
              <Tooltip formatter={(v) => `$${Math.round(Number(v)).toLocaleString("en-US")}`} />
              <Legend />
              {categories.map((c, i) => <Bar key={c} dataKey={c} name={labels[c] ?? c} stackId="base" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />)}
              <Line dataKey="low" name="Low total" stroke="#71717a" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
              <Line dataKey="high" name="High total" stroke="#18181b" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
