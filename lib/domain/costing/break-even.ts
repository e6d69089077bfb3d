/**
 * The break-even volume (PRODUCT.md, "Costs v2"): the monthly calls at which fine-tuning's
 * lifecycle cost meets RAG's, priced with the projection's own drivers and figures.
 */
import { cyclesFor, figureGetter, FORMULAS, callsInYear, volumeKinks, type Projected } from "./drivers";
import { missingInWords } from "./missing";
import { effectiveAssumptions, type ProjectionInput } from "./project";
import { DEFAULT_RETRAIN_LAG_DAYS } from "./retraining";

/** Lifecycle base cost of one approach in dollars, unrounded, for a given monthly volume. */
function lifecycleBaseUsd(input: ProjectionInput, approach: Projected, monthlyCalls: number, missing: string[]): number | null {
  const { set } = effectiveAssumptions(input);
  const a = { ...input.assessment, monthlyCalls };
  const fig = figureGetter(set, "base");
  const cycles = cyclesFor(approach, a, fig("retrainLagDays") ?? DEFAULT_RETRAIN_LAG_DAYS);
  let total = 0;
  for (let year = 1; year <= input.horizonYears; year++) {
    for (const formula of Object.values(FORMULAS[approach])) {
      total += formula({ fig, set, a, year, callsThisYear: callsInYear(a, year), cycles, missing });
    }
  }
  return Number.isNaN(total) ? null : total;
}

/** 4,630,673 → "4.63 million"; under a million, the count itself (a volume the use case gives, said as given). */
function callsText(calls: number): string {
  return calls >= 1_000_000 ? `${Number((calls / 1_000_000).toPrecision(3)).toLocaleString("en-US")} million` : calls.toLocaleString("en-US");
}

/**
 * A break-even volume, to three significant figures as the millions are: 878,773 → "879,000". It
 * comes from figures that are ranges (a price's base, a rate's base), so its last digits mean
 * nothing, and "878,773" claimed they did.
 */
function breakEvenText(calls: number): string {
  return calls >= 1_000_000 || calls < 1_000 ? callsText(calls) : Number(calls.toPrecision(3)).toLocaleString("en-US");
}

/**
 * "; this use case expects 200 a month": the volume the crossing is to be read against. With a
 * yearly growth, both are first-year volumes, each grown the same way over the horizon, which is
 * said (a break-even volume read as a flat one misled beside a volume that grows).
 */
function expected(input: ProjectionInput): string {
  const calls = input.assessment.monthlyCalls;
  if (calls === undefined || calls === null) return "; this use case's monthly volume is not answered yet";
  const g = input.assessment.yearlyGrowthPct ?? 0;
  if (g === 0 || input.horizonYears <= 1) return `; this use case expects ${callsText(calls)} a month`;
  const pctText = Number(Math.abs(g).toPrecision(3)).toLocaleString("en-US");
  return `; this use case expects ${callsText(calls)} a month in its first year, ${g > 0 ? "growing" : "shrinking"} ${pctText}% a year (the volume above is likewise a first year's, ${g > 0 ? "growing" : "shrinking"} alike)`;
}

/**
 * The monthly calls at which fine-tuning's lifecycle cost meets RAG's. RAG's is linear in volume
 * (fixed costs plus a price per call); so is fine-tuning's, except a self-hosted model's, which is
 * flat until its calls outgrow the GPU kept on all year and linear after (drivers/inference.ts,
 * volumeKinks). So the difference is linear between those volumes: priced at each of them and
 * beyond the last, the crossings are exact. The difference is convex (fine-tuning only bends
 * upwards), so fine-tuning is cheaper on one range of volumes at most: above one, below one,
 * between two, at any or at none.
 */
export function breakEvenMonthlyCalls(input: ProjectionInput): { monthlyCalls: number | null; reason: string } {
  const missing: string[] = [];
  const { set } = effectiveAssumptions(input);
  const kinks = volumeKinks(set, figureGetter(set, "base"), input.assessment.yearlyGrowthPct, input.horizonYears)
    .filter((k) => Number.isFinite(k) && k > 0)
    .sort((x, y) => x - y);
  const xs = [0, ...kinks];
  xs.push(Math.max(1_000_000, xs[xs.length - 1]! * 2));
  const d: number[] = [];
  for (const x of xs) {
    const ft = lifecycleBaseUsd(input, "FINE_TUNING", x, missing), rag = lifecycleBaseUsd(input, "RAG", x, missing);
    d.push(ft === null || rag === null ? Number.NaN : ft - rag);
  }
  if (d.some(Number.isNaN)) {
    const named = [...new Set(missing)].sort().map(missingInWords);
    const list = named.length <= 1 ? (named[0] ?? "a figure") : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
    return { monthlyCalls: null, reason: `Missing to find the break-even volume: ${list}.` };
  }
  const n = xs.length - 1;
  const endSlope = (d[n]! - d[n - 1]!) / (xs[n]! - xs[n - 1]!);
  /** Where the difference crosses zero on segment i (between xs[i] and xs[i + 1]). */
  const cross = (i: number) => xs[i]! + (d[i]! / (d[i]! - d[i + 1]!)) * (xs[i + 1]! - xs[i]!);
  // Where fine-tuning starts to cost no more than RAG (0: from the first call), and where it stops (Infinity: never).
  let from: number | null = d[0]! <= 0 ? 0 : null;
  let i = 0;
  for (; from === null && i < n; i++) if (d[i + 1]! <= 0) from = cross(i);
  if (from === null) {
    if (endSlope >= 0) return { monthlyCalls: null, reason: "None within the horizon: RAG stays cheaper at every volume." };
    from = xs[n]! + d[n]! / -endSlope;
  }
  let to = Number.POSITIVE_INFINITY;
  for (let k = Math.max(0, i - 1); k < n; k++) {
    if (xs[k + 1]! <= from) continue;
    if (d[k + 1]! > 0) { to = cross(k); break; }
  }
  if (to === Number.POSITIVE_INFINITY && d[n]! <= 0 && endSlope > 0) to = xs[n]! + -d[n]! / endSlope;
  const calls = (x: number) => `${breakEvenText(x)} ${x === 1 ? "call" : "calls"}`;
  if (from === 0 && to === Number.POSITIVE_INFINITY) return { monthlyCalls: 0, reason: "Fine-tuning costs no more than RAG at any volume." };
  if (to === Number.POSITIVE_INFINITY) {
    const above = Math.ceil(from);
    return { monthlyCalls: above, reason: `Above ${calls(above)} a month, fine-tuning costs less than RAG over the lifecycle${expected(input)}.` };
  }
  const below = Math.floor(to);
  if (from === 0) {
    // Cheaper to set up but dearer per call (an API-hosted fine-tune at 1.5-2 times the price, say):
    // fine-tuning wins only at low volume.
    if (below === 0) return { monthlyCalls: 0, reason: `Fine-tuning costs less than RAG only with no calls at all; at any volume RAG does${expected(input)}.` };
    return { monthlyCalls: below, reason: `Below ${calls(below)} a month, fine-tuning costs less than RAG over the lifecycle, and above it RAG does${expected(input)}.` };
  }
  // A self-hosted model, flat while its GPU has room, then dearer per call than RAG: it wins only in between.
  const above = Math.ceil(from);
  // A range narrower than three figures would read "between 2.63 million and 2.63 million": then the calls themselves.
  const [low, high] = breakEvenText(above) === breakEvenText(below) ? [above.toLocaleString("en-US"), below.toLocaleString("en-US")] : [breakEvenText(above), breakEvenText(below)];
  return {
    monthlyCalls: above,
    reason: `Between ${low} and ${high} ${below === 1 ? "call" : "calls"} a month, fine-tuning costs less than RAG over the lifecycle; below and above that range RAG does${expected(input)}.`,
  };
}
