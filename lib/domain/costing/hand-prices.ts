/**
 * The model's prices set by hand: which figures they are, and the rule that they replace the
 * catalogue's prices only as a pair. Apart from ./assumptions.ts, which imports the catalogue's
 * data, so that code bound for the browser can read the rule without the catalogue.
 *
 * Pure: no Next.js, Prisma or I/O.
 */

/** A low/base/high figure, as ./assumption-catalog.ts's Range (each null when missing). */
interface Range3 {
  low: number | null;
  base: number | null;
  high: number | null;
}

/** The price figures a model's catalogue prices fill when they are empty. */
export const PRICE_KEYS = ["modelInputPricePerMTokens", "modelOutputPricePerMTokens"] as const;
export type PriceKey = (typeof PRICE_KEYS)[number];

/** What a half-set pair of hand prices is refused with, beside the empty one. */
export const HALF_PRICE_MESSAGES: Record<PriceKey, string> = {
  modelInputPricePerMTokens: "Set the input price too: hand prices replace the catalogue's only as a pair.",
  modelOutputPricePerMTokens: "Set the output price too: hand prices replace the catalogue's only as a pair.",
};

const isSet = (r: Range3 | undefined) => !!r && (r.low !== null || r.base !== null || r.high !== null);

/**
 * The organization's hand prices replace the catalogue's only as a pair (withModelPrices): an
 * input price without an output price (or the reverse) would be saved and shown, and then ignored
 * by every projection. So it is refused, on the empty one.
 */
export function halfSetPrices(values: Partial<Record<string, Range3>>): { key: PriceKey; message: string }[] {
  const [input, output] = PRICE_KEYS;
  if (isSet(values[input]) === isSet(values[output])) return [];
  const empty = isSet(values[input]) ? output : input;
  return [{ key: empty, message: HALF_PRICE_MESSAGES[empty] }];
}
