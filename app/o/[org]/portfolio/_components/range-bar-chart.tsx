"use client";

import { Bar, CartesianGrid, ComposedChart, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis, Cell } from "recharts";
import { niceTicks } from "@/lib/domain/portfolio/format";
import { compactDollars, dollars } from "@/lib/domain/money";
import { AXIS_TICK } from "./chart-theme";

export interface RangeBar {
  label: string;
  low: number;
  base: number;
  high: number;
  color: string;
}

/** Horizontal bars of base amounts (cents) with a whisker from low to high; for lifecycle totals. */
export function RangeBarChart({ bars, ariaLabel }: { bars: RangeBar[]; ariaLabel: string }) {
  const data = bars.map((b) => ({ ...b, range: [b.base - b.low, b.high - b.base] as [number, number] }));
  const ticks = niceTicks(Math.max(0, ...bars.map((b) => b.high)), 4);
  return (
    <div className="w-full" style={{ height: Math.max(160, 56 * bars.length + 48) }} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e4e4e7" />
          <XAxis type="number" ticks={ticks} domain={[0, ticks.at(-1) ?? 0]} tickFormatter={(v: number) => compactDollars(v)} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={170} />
          <Tooltip
            contentStyle={{ fontSize: 14 }}
            formatter={(_v, _n, item) => {
              const p = item.payload as RangeBar;
              return [`${dollars(p.base)} (${dollars(p.low)} – ${dollars(p.high)})`, "Base (low – high)"];
            }}
          />
          <Bar dataKey="base" name="Base" isAnimationActive={false}>
            {data.map((d) => <Cell key={d.label} fill={d.color} />)}
            <ErrorBar dataKey="range" width={8} strokeWidth={2} stroke="#18181b" direction="x" />
          </Bar>
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
