/**
 * A row whose volume dwarfs the rest: a warning at the check, never a refusal. The check does not
 * project costs (the import does, as it writes), so it warns on what drives the projection: the
 * calls over the horizon, from the monthly calls, the yearly growth and the horizon, as the cost
 * engine grows them (year y makes 12 × monthly calls × (1 + growth)^(y−1) calls). A row whose
 * calls over its horizon are more than ten times the median of the file's other rows and of the
 * registry's use cases (those the file does not update) is named, with its figures: one such
 * thinly answered idea (2,000,000 calls a month growing 200% a year) tripled an organization's
 * headline without a word.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { callsInYear } from "../costing/drivers/context";
import type { ColumnPlan, RowIssue } from "./rows";

/** How many times the median a row's calls over its horizon must exceed to be warned about. */
export const VOLUME_OUTLIER_TIMES = 10;
/** The fewest other figures (the file's other rows and the registry's use cases) to compare with: below, a median says little. */
export const VOLUME_MIN_COMPARED = 3;

/** What a planned row (or a use case of the registry) gives for its volume. */
export interface VolumeInputs {
  monthlyCalls: number;
  /** Yearly growth in percent; none: held flat, as the projection holds it. */
  yearlyGrowthPct: number | null;
  horizonYears: number;
}

/** A planned row's volume, as the check returns it for the warning across the file. */
export interface RowVolume extends VolumeInputs {
  row: number;
  title: string;
}

/** The calls a use case makes over its horizon: each year's, as the projection counts them (callsInYear). */
export function callsOverHorizon(v: VolumeInputs): number {
  const answers = { monthlyCalls: v.monthlyCalls, ...(v.yearlyGrowthPct === null ? {} : { yearlyGrowthPct: v.yearlyGrowthPct }) };
  let total = 0;
  for (let y = 1; y <= v.horizonYears; y++) total += callsInYear(answers, y) ?? 0;
  return total;
}

/** 2,900,000,000 → "2.9 billion"; 6,600,000 → "6.6 million"; smaller numbers in full. */
export function countText(n: number): string {
  const one = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
  if (n >= 1e12) return `${one(n / 1e12)} trillion`;
  if (n >= 1e9) return `${one(n / 1e9)} billion`;
  if (n >= 1e6) return `${one(n / 1e6)} million`;
  return Math.round(n).toLocaleString("en-US");
}

/** The median of a sorted list without its i-th value (n ≥ 2). */
function medianWithout(sorted: readonly number[], i: number): number {
  const at = (j: number) => (j < i ? sorted[j]! : sorted[j + 1]!);
  const m = sorted.length - 1;
  return m % 2 === 1 ? at((m - 1) / 2) : (at(m / 2 - 1) + at(m / 2)) / 2;
}

/**
 * The warnings for the rows whose calls over their horizon exceed VOLUME_OUTLIER_TIMES the median
 * of every other figure: the file's other rows and `registry`, the figures (callsOverHorizon) of
 * the organization's use cases the file does not update. `columns` names the file's columns for
 * the monthly calls and the growth.
 */
export function volumeOutliers(rows: readonly RowVolume[], registry: readonly number[], columns: { monthlyCalls: string | null; yearlyGrowthPct: string | null }): RowIssue[] {
  const figures = rows.map(callsOverHorizon);
  const all = [...figures.map((f, k) => ({ f, k })), ...registry.map((f) => ({ f, k: -1 }))].sort((a, b) => a.f - b.f);
  if (all.length - 1 < VOLUME_MIN_COMPARED) return [];
  const sorted = all.map((x) => x.f);
  const out: RowIssue[] = [];
  all.forEach(({ f, k }, i) => {
    if (k < 0) return;
    const median = medianWithout(sorted, i);
    if (median <= 0 || f <= VOLUME_OUTLIER_TIMES * median) return;
    const r = rows[k]!;
    const chars = Array.from(r.title);
    const title = chars.length > 80 ? `${chars.slice(0, 80).join("")}…` : r.title;
    const growth = r.yearlyGrowthPct ? `growing ${r.yearlyGrowthPct.toLocaleString("en-US")}% a year` : "held flat (no growth given)";
    const cells = [columns.monthlyCalls && `“${columns.monthlyCalls}”`, r.yearlyGrowthPct && columns.yearlyGrowthPct ? `“${columns.yearlyGrowthPct}”` : null].filter(Boolean).join(" and ");
    out.push({
      row: r.row,
      field: "monthlyCalls",
      column: columns.monthlyCalls,
      message:
        `“${title}”: ${r.monthlyCalls.toLocaleString("en-US")} calls a month ${growth} come to ${countText(f)} calls over its ${r.horizonYears} year${r.horizonYears === 1 ? "" : "s"}, ` +
        `${countText(Math.round(f / median))} times the median of this file's other rows and the registry's use cases (${countText(median)}; above ${VOLUME_OUTLIER_TIMES} times, a row is flagged). ` +
        `Its projected costs would weigh far more than any other's: check ${cells ? `its ${cells}` : "its figures"} before importing.`,
    });
  });
  return out.sort((a, b) => a.row - b.row);
}

/**
 * The volume warnings of a whole file once every chunk is checked: the rows refused are left
 * out (they will not be imported), and so are the registry's use cases a row updates (the row
 * replaces them). `updated`: the ids the file's rows update (claimAcrossChunks' map).
 */
export function fileVolumeOutliers(
  volumes: readonly RowVolume[],
  registry: readonly (readonly [id: string, calls: number])[],
  updated: { has(id: string): boolean },
  errors: readonly Pick<RowIssue, "row">[],
  plan: ColumnPlan,
): RowIssue[] {
  const refused = new Set(errors.map((e) => e.row));
  return volumeOutliers(
    volumes.filter((v) => !refused.has(v.row)),
    registry.filter(([id]) => !updated.has(id)).map(([, calls]) => calls),
    { monthlyCalls: plan.monthlyCalls?.header ?? null, yearlyGrowthPct: plan.yearlyGrowthPct?.header ?? null },
  );
}
