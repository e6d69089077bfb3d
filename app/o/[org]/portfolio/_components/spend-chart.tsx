"use client";

import { Area, Bar, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { compactDollars, dollars, niceTicks } from "@/lib/domain/portfolio/format";
import { APPROACH_COLORS, AXIS_TICK, LEGEND_STYLE } from "./chart-theme";

export interface SpendPoint {
  calendarYear: number;
  low: number;
  base: number;
  high: number;
  byApproach: Partial<Record<Approach, number>>;
}

/**
 * Projected spend per calendar year, as chosen: bars stacked by approach (base, in cents), with
 * the portfolio's low–high band drawn over them.
 */
export function SpendChart({ points, approaches }: { points: SpendPoint[]; approaches: Approach[] }) {
  const data = points.map((p) => ({ year: String(p.calendarYear), band: [p.low, p.high] as [number, number], base: p.base, ...p.byApproach }));
  const ticks = niceTicks(Math.max(0, ...points.map((p) => Math.max(p.high, p.base))));
  return (
    <div className="h-80 w-full sm:h-96" role="img" aria-label="Projected spend per year, as chosen, stacked by approach, with the low to high range">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
          <XAxis dataKey="year" tick={AXIS_TICK} />
          <YAxis ticks={ticks} domain={[0, ticks.at(-1) ?? 0]} tickFormatter={(v: number) => compactDollars(v)} tick={AXIS_TICK} width={72} />
          <Tooltip
            formatter={(value, name) => (Array.isArray(value) ? [`${dollars(Number(value[0]))} – ${dollars(Number(value[1]))}`, name] : [dollars(Number(value)), name])}
            contentStyle={{ fontSize: 14 }}
          />
          <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
          {approaches.map((a) => (
            <Bar key={a} dataKey={a} name={APPROACH_LABELS[a]} stackId="base" fill={APPROACH_COLORS[a]} isAnimationActive={false} />
          ))}
          <Area dataKey="band" name="Low – high" type="linear" stroke="#18181b" strokeDasharray="5 4" fill="#18181b" fillOpacity={0.08} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
