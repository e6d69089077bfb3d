"use client";

import { Bar, CartesianGrid, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend, RangeWhisker } from "@/components/chart-legend";
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { niceTicks } from "@/lib/domain/portfolio/format";
import { compactDollars, dollars } from "@/lib/domain/money";
import { APPROACH_COLORS, AXIS_TICK } from "./chart-theme";

export interface SpendPoint {
  calendarYear: number;
  low: number;
  base: number;
  high: number;
  byApproach: Partial<Record<Approach, number>>;
}

const RANGE_COLOR = "#52525b";
/** A small approach (a prompting pilot next to a large RAG estate) still shows as a sliver. */
const minSliver = (value: unknown) => (typeof value === "number" && value > 0 ? 3 : 0);

/**
 * Projected spend per calendar year, as chosen: bars stacked by approach (base, in cents) and,
 * beside each year's stack, a thin bar from the portfolio's low to its high total. The range
 * stands apart from the bars instead of shading over them, and the legend keeps the two apart.
 */
export function SpendChart({ points, approaches }: { points: SpendPoint[]; approaches: Approach[] }) {
  const data = points.map((p) => ({ year: String(p.calendarYear), range: [p.low, p.high] as [number, number], base: p.base, ...p.byApproach }));
  const ticks = niceTicks(Math.max(0, ...points.map((p) => Math.max(p.high, p.base))));
  return (
    <>
      <div className="h-72 w-full sm:h-80" role="img" aria-label="Projected spend per year, as chosen, stacked by approach, with the low to high total beside each year">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={4}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="year" tick={AXIS_TICK} />
            <YAxis ticks={ticks} domain={[0, ticks.at(-1) ?? 0]} tickFormatter={(v: number) => compactDollars(v)} tick={AXIS_TICK} width={64} />
            <Tooltip
              formatter={(value, name) => (Array.isArray(value) ? [`${dollars(Number(value[0]))} – ${dollars(Number(value[1]))}`, name] : [dollars(Number(value)), name])}
              contentStyle={{ fontSize: 14 }}
            />
            {approaches.map((a) => (
              <Bar key={a} dataKey={a} name={APPROACH_LABELS[a]} stackId="base" fill={APPROACH_COLORS[a]} minPointSize={minSliver} isAnimationActive={false} />
            ))}
            <Bar dataKey="range" name="Low – high total" fill={RANGE_COLOR} maxBarSize={14} shape={RangeWhisker} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        groups={[
          { title: "Approaches, as chosen (base)", items: approaches.map((a) => ({ label: APPROACH_LABELS[a], color: APPROACH_COLORS[a] })) },
          { title: "Total", items: [{ label: "Low to high (the line beside each year)", color: RANGE_COLOR, thin: true }] },
        ]}
      />
    </>
  );
}
