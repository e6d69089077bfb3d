/**
 * A low / base / high row's refusals, as both cost-figure forms (the organization's assumptions
 * and a use case's own figures) show them: the row's own ("Give low, base and high, or none") and
 * each figure's, named ("Base: At least 0."), as one text under the row; and which of the three
 * inputs to mark, so only the figure at fault is outlined.
 */
export const RANGE_SIDES = ["low", "base", "high"] as const;
export type RangeSide = (typeof RANGE_SIDES)[number];

const sentence = (m: string) => (/[.!?]$/.test(m) ? m : `${m}.`);
const named = (side: RangeSide) => side[0]!.toUpperCase() + side.slice(1);

export function rangeErrors(errorsOf: (name: string) => string[] | undefined, field: string): { text: string[]; invalid: (side: RangeSide) => boolean } {
  const row = errorsOf(field) ?? [];
  const bySide = Object.fromEntries(RANGE_SIDES.map((s) => [s, errorsOf(`${field}.${s}`) ?? []])) as Record<RangeSide, string[]>;
  const text = [
    ...row.map(sentence),
    // A message that already starts with the figure's name ("Low (300) is above base …") is not named twice.
    ...RANGE_SIDES.flatMap((s) => bySide[s].map((m) => sentence(m.startsWith(named(s)) ? m : `${named(s)}: ${m}`))),
  ];
  return { text: [...new Set(text)], invalid: (side) => row.length > 0 || bySide[side].length > 0 };
}
