/**
 * How cost lines are stored: one set per use case and approach, its lines' categories, years and
 * amounts as parallel arrays (the table "CostLineSet"; the view "CostLine" gives the lines back one
 * per row). About 26 lines a row where one row per line was what an import of 10,000 use cases
 * spent most of its database time on (docs/decisions/csv-import.md, "Cost line sets" and "One set
 * per approach").
 *
 * Within a set the lines run category by category, in the order of each category's first line,
 * and each category's years in order; sets come in the order of their approach's first line. So
 * the stored order (a line's id is its set's id and its place in the set) keeps the projection's
 * order of categories within an approach and year. A year with no line is no element: the sets
 * keep "no line" apart from "figures missing" (null amounts), as the lines did.
 */

export interface StoredLine<A> {
  approach: string;
  yearIndex: number;
  calendarYear: number;
  category: string;
  lowCents: A | null;
  baseCents: A | null;
  highCents: A | null;
  manual: boolean;
}

export interface LineSet<A> {
  approach: string;
  manual: boolean;
  category: string[];
  yearIndex: number[];
  calendarYear: number[];
  lowCents: (A | null)[];
  baseCents: (A | null)[];
  highCents: (A | null)[];
}

/** Up to this many lines in one set (a line's id leaves room for 255 places; at most 10 years of 9 categories are 90). */
export const MAX_LINES_PER_SET = 255;

export class LineSetError extends Error {}

/** Rows grouped by `keyOf`, groups in the order of their first row, rows in the order given. */
function grouped<R>(rows: readonly R[], keyOf: (r: R) => string): R[][] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/**
 * Rows grouped by `keyOf`, groups in the order of their first row, each group's rows in year
 * order. Refuses what a set cannot hold: two rows of one year, mixed manual flags, too many rows;
 * `name` says whose rows they are in the message.
 */
function byYear<R extends { yearIndex: number; manual: boolean }>(rows: readonly R[], keyOf: (r: R) => string, name: { rows: string; of: (r: R) => string; year: (r: R) => string }): R[][] {
  return grouped(rows, keyOf).map((group) => {
    const first = group[0]!;
    const sorted = group.some((r, i) => i > 0 && r.yearIndex <= group[i - 1]!.yearIndex) ? [...group].sort((a, b) => a.yearIndex - b.yearIndex) : group;
    if (sorted.length > MAX_LINES_PER_SET) throw new LineSetError(`More than ${MAX_LINES_PER_SET} ${name.rows} of ${name.of(first)}.`);
    sorted.forEach((r, i) => {
      if (i > 0 && sorted[i - 1]!.yearIndex === r.yearIndex) throw new LineSetError(`Two ${name.rows} of ${name.of(r)} ${name.year(r)}.`);
      if (r.manual !== first.manual) throw new LineSetError(`${name.rows[0]!.toUpperCase()}${name.rows.slice(1)} of ${name.of(r)} disagree on being a manual estimate.`);
    });
    return sorted;
  });
}

/**
 * The lines of one use case as sets, one per approach. Refuses what a set cannot hold: two lines
 * of one category and year, mixed manual flags within an approach, more lines than a set takes.
 */
export function lineSets<A>(lines: readonly StoredLine<A>[]): LineSet<A>[] {
  return grouped(lines, (l) => l.approach).map((group) => {
    const first = group[0]!;
    const inOrder = byYear(group, (l) => l.category, { rows: "lines", of: (l) => `${l.approach} ${l.category}`, year: (l) => `in year ${l.yearIndex}` }).flat();
    if (inOrder.length > MAX_LINES_PER_SET) throw new LineSetError(`More than ${MAX_LINES_PER_SET} lines of ${first.approach}.`);
    const mixed = inOrder.find((l) => l.manual !== first.manual);
    if (mixed) throw new LineSetError(`Lines of ${first.approach} disagree on being a manual estimate (${first.category} and ${mixed.category}).`);
    return {
      approach: first.approach,
      manual: first.manual,
      category: inOrder.map((l) => l.category),
      yearIndex: inOrder.map((l) => l.yearIndex),
      calendarYear: inOrder.map((l) => l.calendarYear),
      lowCents: inOrder.map((l) => l.lowCents),
      baseCents: inOrder.map((l) => l.baseCents),
      highCents: inOrder.map((l) => l.highCents),
    };
  });
}

/** The sets' lines again, in set order then element order (the order the CostLine view's ids give within a use case). */
export function linesOf<A>(sets: readonly LineSet<A>[]): StoredLine<A>[] {
  return sets.flatMap((s) =>
    s.yearIndex.map((yearIndex, i) => ({
      approach: s.approach, yearIndex, calendarYear: s.calendarYear[i]!, category: s.category[i]!,
      lowCents: s.lowCents[i] ?? null, baseCents: s.baseCents[i] ?? null, highCents: s.highCents[i] ?? null, manual: s.manual,
    })),
  );
}

/** A use case's yearly totals of one approach, stored the same way ("CostYearSet"; the view "CostYear"). */
export interface StoredYear<A> {
  approach: string;
  yearIndex: number;
  calendarYear: number;
  lowCents: A;
  baseCents: A;
  highCents: A;
  complete: boolean;
  manual: boolean;
}

export interface YearSet<A> {
  approach: string;
  manual: boolean;
  yearIndex: number[];
  calendarYear: number[];
  lowCents: A[];
  baseCents: A[];
  highCents: A[];
  complete: boolean[];
}

/** The yearly totals of one use case as one set per approach, years in order, in the order of each approach's first year. */
export function yearSets<A>(years: readonly StoredYear<A>[]): YearSet<A>[] {
  const groups = byYear(years, (y) => y.approach, { rows: "totals", of: (y) => y.approach, year: (y) => `for year ${y.yearIndex}` });
  return groups.map((g) => ({
    approach: g[0]!.approach,
    manual: g[0]!.manual,
    yearIndex: g.map((y) => y.yearIndex),
    calendarYear: g.map((y) => y.calendarYear),
    lowCents: g.map((y) => y.lowCents),
    baseCents: g.map((y) => y.baseCents),
    highCents: g.map((y) => y.highCents),
    complete: g.map((y) => y.complete),
  }));
}
