/**
 * How cost lines are stored: one set per use case, approach and category, its lines' years and
 * amounts as parallel arrays in year order (the table "CostLineSet"; the view "CostLine" gives the
 * lines back one per row). A quarter of the rows of one row per line, which is most of what an
 * import of 10,000 use cases spent in the database (docs/decisions/csv-import.md, "Cost line sets").
 *
 * Sets come in the order of their category's first line, so the stored order (a line's id is its
 * set's id and its place in the set) keeps the projection's order of categories within a year.
 * A year with no line is no element: the sets keep "no line" apart from "figures missing" (null
 * amounts), as the lines did.
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
  category: string;
  manual: boolean;
  yearIndex: number[];
  calendarYear: number[];
  lowCents: (A | null)[];
  baseCents: (A | null)[];
  highCents: (A | null)[];
}

/** Up to this many lines in one set (a line's id leaves room for 255 places; a horizon is at most 10 years). */
export const MAX_LINES_PER_SET = 255;

export class LineSetError extends Error {}

/** The lines of one use case as sets. Refuses what a set cannot hold: two lines of one year, or mixed manual flags. */
export function lineSets<A>(lines: readonly StoredLine<A>[]): LineSet<A>[] {
  const byKey = new Map<string, StoredLine<A>[]>();
  for (const l of lines) {
    const key = `${l.approach}\u0000${l.category}`;
    const group = byKey.get(key);
    if (group) group.push(l);
    else byKey.set(key, [l]);
  }
  const sets: LineSet<A>[] = [];
  for (const group of byKey.values()) {
    const first = group[0]!;
    const sorted = group.length > 1 && group.some((l, i) => i > 0 && l.yearIndex <= group[i - 1]!.yearIndex)
      ? [...group].sort((a, b) => a.yearIndex - b.yearIndex)
      : group;
    if (sorted.length > MAX_LINES_PER_SET) throw new LineSetError(`More than ${MAX_LINES_PER_SET} lines of ${first.approach} ${first.category}.`);
    const set: LineSet<A> = { approach: first.approach, category: first.category, manual: first.manual, yearIndex: [], calendarYear: [], lowCents: [], baseCents: [], highCents: [] };
    for (const l of sorted) {
      if (set.yearIndex.length && set.yearIndex[set.yearIndex.length - 1] === l.yearIndex) {
        throw new LineSetError(`Two lines of ${l.approach} ${l.category} in year ${l.yearIndex}.`);
      }
      if (l.manual !== set.manual) throw new LineSetError(`Lines of ${l.approach} ${l.category} disagree on being a manual estimate.`);
      set.yearIndex.push(l.yearIndex);
      set.calendarYear.push(l.calendarYear);
      set.lowCents.push(l.lowCents);
      set.baseCents.push(l.baseCents);
      set.highCents.push(l.highCents);
    }
    sets.push(set);
  }
  return sets;
}

/** The sets' lines again, in set order then year order (the order the CostLine view's ids give within a use case). */
export function linesOf<A>(sets: readonly LineSet<A>[]): StoredLine<A>[] {
  return sets.flatMap((s) =>
    s.yearIndex.map((yearIndex, i) => ({
      approach: s.approach, yearIndex, calendarYear: s.calendarYear[i]!, category: s.category,
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
  const byApproach = new Map<string, StoredYear<A>[]>();
  for (const y of years) {
    const group = byApproach.get(y.approach);
    if (group) group.push(y);
    else byApproach.set(y.approach, [y]);
  }
  return [...byApproach.values()].map((group) => {
    const first = group[0]!;
    const sorted = [...group].sort((a, b) => a.yearIndex - b.yearIndex);
    if (sorted.length > MAX_LINES_PER_SET) throw new LineSetError(`More than ${MAX_LINES_PER_SET} yearly totals of ${first.approach}.`);
    sorted.forEach((y, i) => {
      if (i > 0 && sorted[i - 1]!.yearIndex === y.yearIndex) throw new LineSetError(`Two totals of ${y.approach} for year ${y.yearIndex}.`);
      if (y.manual !== first.manual) throw new LineSetError(`Totals of ${y.approach} disagree on being a manual estimate.`);
    });
    return {
      approach: first.approach,
      manual: first.manual,
      yearIndex: sorted.map((y) => y.yearIndex),
      calendarYear: sorted.map((y) => y.calendarYear),
      lowCents: sorted.map((y) => y.lowCents),
      baseCents: sorted.map((y) => y.baseCents),
      highCents: sorted.map((y) => y.highCents),
      complete: sorted.map((y) => y.complete),
    };
  });
}
