/**
 * Learning from actuals (issue 21, item 5): what a call and a million tokens really cost, from the
 * inference lines of the bills, against what the assumptions say; and the prices a new assumption
 * version would take so that the assumed cost per call matches the actual one.
 *
 * Assumed, per scenario: a call costs (input tokens × input price + output tokens × output price)
 * / 10⁶ (lib/domain/costing/drivers/inference.ts), and a million tokens, blended, that cost over
 * the tokens of a call. Actual: inference spend over the calls (lines counted in requests or calls),
 * and over the tokens (lines counted in tokens, thousands or millions of tokens).
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { compactName } from "../import/columns";
import { withModelPrices, type AssumptionSet, type Range } from "../costing/assumptions";

export interface UnitLine {
  unit: string;
  quantity: number;
  cents: number;
}

/** How many of the unit one line's quantity counts: calls, or tokens (scaled). Null: neither. */
export function unitKind(unit: string): { kind: "calls" | "tokens"; scale: number } | null {
  const u = compactName(unit);
  if (/^(requests?|calls?|apirequests|apicalls|invocations?)$/.test(u)) return { kind: "calls", scale: 1 };
  if (/^(tokens?|totaltokens)$/.test(u)) return { kind: "tokens", scale: 1 };
  if (/^(1k|1000|k|thousand)tokens?$/.test(u)) return { kind: "tokens", scale: 1_000 };
  if (/^(1m|1000000|m|million)tokens?$/.test(u)) return { kind: "tokens", scale: 1_000_000 };
  return null;
}

export interface Observed {
  calls: { count: number; cents: number; usdPerCall: number } | null;
  tokens: { count: number; cents: number; usdPerMTokens: number } | null;
}

export function observeUnitCosts(lines: readonly UnitLine[]): Observed {
  let calls = 0, callCents = 0, tokens = 0, tokenCents = 0;
  for (const l of lines) {
    const k = unitKind(l.unit);
    if (!k || !(l.quantity > 0)) continue;
    if (k.kind === "calls") {
      calls += l.quantity * k.scale;
      callCents += l.cents;
    } else {
      tokens += l.quantity * k.scale;
      tokenCents += l.cents;
    }
  }
  return {
    calls: calls > 0 ? { count: calls, cents: callCents, usdPerCall: callCents / 100 / calls } : null,
    tokens: tokens > 0 ? { count: tokens, cents: tokenCents, usdPerMTokens: (tokenCents / 100 / tokens) * 1_000_000 } : null,
  };
}

type NumRange = { low: number | null; base: number | null; high: number | null };

/** The assumptions' cost per call and blended price per million tokens, per scenario (null where a figure is missing). */
export function assumedUnitCosts(set: AssumptionSet): { usdPerCall: NumRange; usdPerMTokens: NumRange } {
  const v = withModelPrices(set).set.values;
  const at = (s: "low" | "base" | "high") => {
    const inTok = v.inputTokensPerCall[s], outTok = v.outputTokensPerCall[s], inP = v.modelInputPricePerMTokens[s], outP = v.modelOutputPricePerMTokens[s];
    if (inTok === null || outTok === null || inP === null || outP === null) return { call: null, mtok: null };
    const call = (inTok * inP + outTok * outP) / 1_000_000;
    return { call, mtok: inTok + outTok > 0 ? (call / (inTok + outTok)) * 1_000_000 : null };
  };
  const l = at("low"), b = at("base"), h = at("high");
  return { usdPerCall: { low: l.call, base: b.call, high: h.call }, usdPerMTokens: { low: l.mtok, base: b.mtok, high: h.mtok } };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The input and output prices of a new version: today's (hand-set or the catalogue's) scaled by
 * actual ÷ assumed cost per call (base), so the base cost per call becomes the actual one and low
 * and high keep their proportions. Null when there is no actual cost per call or no assumed one.
 */
export function pricesFromActuals(set: AssumptionSet, observed: Observed): { ratio: number; values: Pick<AssumptionSet["values"], "modelInputPricePerMTokens" | "modelOutputPricePerMTokens"> } | null {
  const assumed = assumedUnitCosts(set).usdPerCall.base;
  if (!observed.calls || !assumed || assumed <= 0) return null;
  const ratio = observed.calls.usdPerCall / assumed;
  const v = withModelPrices(set).set.values;
  const scale = (r: Range): Range => ({ low: r.low === null ? null : round6(r.low * ratio), base: r.base === null ? null : round6(r.base * ratio), high: r.high === null ? null : round6(r.high * ratio) });
  return { ratio, values: { modelInputPricePerMTokens: scale(v.modelInputPricePerMTokens), modelOutputPricePerMTokens: scale(v.modelOutputPricePerMTokens) } };
}
