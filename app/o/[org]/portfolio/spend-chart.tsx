"use client";

import { useState } from "react";
import { Bar, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SpendYear {
  calendarYear: number;
  low: number;
  high: number;
  /** Base cents per approach label. */
  byApproach: Record<string, number>;
}

const COLORS = ["#4338ca", "#0891b2", "#059669", "#ca8a04", "#dc2626", "#7c3aed", "#52525b"];
const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString("en-US")}`;

/** Projected spend per year, stacked by approach (base), with the low and high totals; or as a table. */
export function SpendChart({ years }: { years: SpendYear[] }) {
  const [asTable, setAsTable] = useState(false);
  const approaches = [...new Set(years.flatMap((y) => Object.keys(y.byApproach)))];
  const data = years.map((y) => ({ year: String(y.calendarYear), low: y.low / 100, high: y.high / 100, ...Object.fromEntries(Object.entries(y.byApproach).map(([k, v]) => [k, v / 100])) }));
  return (
    <div>
      <button type="button" className="text-sm text-brand-700 underline" onClick={() => setAsTable((t) => !t)} aria-pressed={asTable}>
        {asTable ? "Show chart" : "Show table"}
      </button>
      {asTable ? (
        <div className="relative mt-3 overflow-x-auto">
          <table className="min-w-full text-sm" aria-label="Projected spend per year by approach">
            <thead><tr className="text-left"><th className="p-1">Year</th>{approaches.map((a) => <th key={a} className="p-1">{a}</th>)}<th className="p-1">Low total</th><th className="p-1">High total</th></tr></thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.calendarYear} className="border-t border-zinc-100">
                  <td className="p-1">{y.calendarYear}</td>
                  {approaches.map((a) => <td key={a} className="p-1 tabular-nums">{dollars(y.byApproach[a] ?? 0)}</td>)}
                  <td className="p-1 tabular-nums">{dollars(y.low)}</td>
                  <td className="p-1 tabular-nums">{dollars(y.high)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="mt-3 h-80" role="img" aria-label="Projected spend per year, stacked by approach, with low and high totals">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data}>
              <XAxis dataKey="year" />
              <YAxis tickFormatter={(v: number) => (v >= 1e6 ? `$${(v / 1e6).toFixed(1)}M` : `$${Math.round(v / 1000)}k`)} width={80} />
              <Tooltip formatter={(v) => `$${Math.round(Number(v)).toLocaleString("en-US")}`} />
              <Legend />
              {approaches.map((a, i) => <Bar key={a} dataKey={a} stackId="base" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />)}
              <Line dataKey="low" name="Low total" stroke="#71717a" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
              <Line dataKey="high" name="High total" stroke="#18181b" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
