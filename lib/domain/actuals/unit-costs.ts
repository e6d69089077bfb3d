/**
 * Learning from actuals (issue 21, item 5): what a call and a million tokens really cost, from the
 * inference lines of the bills, against what the assumptions say; and the prices a new assumption
 * version would take so that the assumed cost per call matches the actual one.
 *
 * Assumed, per scenario: a bare call of the model costs (input tokens × input price + output
 * tokens × output price) / 10⁶ (lib/domain/costing/drivers/inference.ts), and a million tokens,
 * blended, that cost over the tokens of a call. Actual: inference spend over the calls (lines
 * counted in requests or calls), and over the tokens (lines counted in tokens, thousands or
 * millions of tokens).
 *
 * Like for like: the projections do not price every call at the bare model price. A RAG call
 * carries the retrieval overhead on top, a fine-tuned one a fraction (or multiple) of it, a hybrid
 * both (callMultiplier). So the actual cost per call is set against what the projections assume
 * for the calls the bills attribute to each use case, approach by approach, weighted by those
 * calls (compareCalls); calls no use case owns, or whose use case is priced otherwise (a model of
 * its own, its own figures, a self-hosted model's GPU hours), are left out of both. Comparing all
 * calls with the bare price read a RAG portfolio's overhead as the model costing 22% more.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { compactName } from "../import/columns";
import { withModelPrices, type AssumptionKey, type AssumptionSet, type Range } from "../costing/assumptions";
import { APPROACH_LABELS, type Approach } from "../assessment";
import { unitPrice } from "../money";

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

/**
 * The figures a call's assumed cost is made of: a use case overriding any of them (or running on
 * a model of its own) is priced otherwise than the organization's set says, and is left out of the
 * comparison (a new version of the set would not move its price).
 */
export const CALL_PRICE_KEYS: readonly AssumptionKey[] = [
  "inputTokensPerCall",
  "outputTokensPerCall",
  "modelInputPricePerMTokens",
  "modelOutputPricePerMTokens",
  "retrievalOverheadPct",
  "ftInferencePriceFactor",
  "hostedFtPriceFactor",
];

const SCENARIOS = ["low", "base", "high"] as const;
const times = (a: NumRange, b: NumRange): NumRange => {
  const at = (s: (typeof SCENARIOS)[number]) => (a[s] === null || b[s] === null ? null : a[s]! * b[s]!);
  return { low: at("low"), base: at("base"), high: at("high") };
};
const pctText = (x: number) => `${Number(x.toFixed(2)).toLocaleString("en-US")}%`;
const factorText = (x: number) => `${Number(x.toFixed(3)).toLocaleString("en-US")}`;

/**
 * What a call of an approach costs in its projection, as a multiple of a bare call of the model
 * (lib/domain/costing/drivers/inference.ts), per scenario, and in words (the base figures). Null
 * where the approach's calls are not priced from the model's price: a self-hosted fine-tune (GPU
 * hours) and the approaches costed by a manual estimate.
 */
export function callMultiplier(set: AssumptionSet, approach: Approach): { factor: NumRange; words: string } | null {
  const v = set.values;
  const overhead: NumRange = { low: null, base: null, high: null };
  for (const s of SCENARIOS) overhead[s] = v.retrievalOverheadPct[s] === null ? null : 1 + v.retrievalOverheadPct[s]! / 100;
  const retrieval = `plus ${v.retrievalOverheadPct.base === null ? "the" : pctText(v.retrievalOverheadPct.base)} retrieval overhead`;
  const fineTuned = (): { factor: NumRange; words: string } | null => {
    const deployment = set.ftDeployment ?? "SMALL_MODEL";
    if (deployment === "SELF_HOSTED") return null;
    const f = deployment === "API_HOSTED" ? v.hostedFtPriceFactor : v.ftInferencePriceFactor;
    const x = f.base === null ? "a factor" : `${factorText(f.base)} ×`;
    return { factor: f, words: deployment === "API_HOSTED" ? `the model fine-tuned and hosted by its provider, at ${x} its price` : `a fine-tuned smaller model, at ${x} the model's price` };
  };
  switch (approach) {
    case "PROMPTING":
      return { factor: { low: 1, base: 1, high: 1 }, words: "the model's price" };
    case "RAG":
      return { factor: overhead, words: `the model's price ${retrieval}` };
    case "FINE_TUNING":
      return fineTuned();
    case "HYBRID": {
      const ft = fineTuned();
      return ft && { factor: times(ft.factor, overhead), words: `${ft.words}, ${retrieval}` };
    }
    default:
      return null;
  }
}

/** The calls and inference spend the bills attribute to the use cases of one approach. */
export interface CallsOfApproach {
  approach: Approach;
  calls: number;
  cents: number;
}

export interface CallComparison {
  /** The calls compared: attributed to use cases priced from the organization's set. */
  actual: { count: number; cents: number; usdPerCall: number };
  /** What the projections assume a call of those costs, per scenario: each approach's figure weighted by its calls. */
  assumed: NumRange;
  /** The bare call of the model every figure is a multiple of (assumedUnitCosts). */
  bare: NumRange;
  byApproach: { approach: Approach; calls: number; cents: number; usdPerCall: number; assumed: NumRange; words: string }[];
  /** Calls the bills count that are not compared, and why. */
  leftOut: { calls: number; cents: number; why: string }[];
}

/**
 * The actual cost per call against what the projections assume for the same calls: each
 * approach's calls at its multiple of the bare model call (callMultiplier), weighted by the calls.
 * `leftOut` are the calls counted but not compared (unattributed, or priced otherwise), said by
 * the caller. Null when no call is left to compare or the bare call has no base figure.
 */
export function compareCalls(set: AssumptionSet, groups: readonly CallsOfApproach[], leftOut: CallComparison["leftOut"] = []): CallComparison | null {
  const bare = assumedUnitCosts(set).usdPerCall;
  const priced = withModelPrices(set).set;
  const out = [...leftOut];
  const byApproach: CallComparison["byApproach"] = [];
  const sums = new Map<Approach, { calls: number; cents: number }>();
  for (const g of groups) {
    if (!(g.calls > 0)) continue;
    const s = sums.get(g.approach) ?? { calls: 0, cents: 0 };
    s.calls += g.calls;
    s.cents += g.cents;
    sums.set(g.approach, s);
  }
  for (const [approach, s] of sums) {
    const m = callMultiplier(priced, approach);
    if (!m || m.factor.base === null) {
      out.push({ calls: s.calls, cents: s.cents, why: `${APPROACH_LABELS[approach]}: its calls are not priced from the model's price` });
      continue;
    }
    byApproach.push({ approach, calls: s.calls, cents: s.cents, usdPerCall: s.cents / 100 / s.calls, assumed: times(bare, m.factor), words: m.words });
  }
  const calls = byApproach.reduce((n, a) => n + a.calls, 0);
  if (!calls || bare.base === null) return null;
  const cents = byApproach.reduce((n, a) => n + a.cents, 0);
  const assumed: NumRange = { low: 0, base: 0, high: 0 };
  for (const s of SCENARIOS) {
    for (const a of byApproach) assumed[s] = assumed[s] === null || a.assumed[s] === null ? null : assumed[s]! + a.assumed[s]! * a.calls;
    assumed[s] = assumed[s] === null ? null : assumed[s]! / calls;
  }
  byApproach.sort((a, b) => b.calls - a.calls || a.approach.localeCompare(b.approach));
  return { actual: { count: calls, cents, usdPerCall: cents / 100 / calls }, assumed, bare, byApproach, leftOut: out.filter((l) => l.calls > 0) };
}

/**
 * "RAG: 10,571,000 calls at $0.008269 (the model's price plus 22.5% retrieval overhead)": what the
 * assumed cost per call is made of, one clause per approach, largest first.
 */
export function assumedMakeup(c: CallComparison): string {
  return c.byApproach
    .map((a) => `${APPROACH_LABELS[a.approach]}: ${Math.round(a.calls).toLocaleString("en-US")} calls at ${a.assumed.base === null ? "—" : unitPrice(a.assumed.base)} (${a.words})`)
    .join("; ");
}

/**
 * Within 2% of what the projections assume: no new version is worth starting (the bills' own
 * rounding and a month's mix of long and short calls move a cost per call that much).
 */
export const ALIGNED_WITHIN = 0.02;
export const isAligned = (ratio: number) => Math.abs(ratio - 1) < ALIGNED_WITHIN;

/**
 * Why no new version is offered, in words a reader can check against the table: "The calls
 * compared cost 1.3% more than their projections assume: within 2%, too close for a new assumption
 * version to be worth starting." (It read "model prices × 1.01", a multiplier nobody had asked for.)
 */
export function alignedSentence(ratio: number): string {
  const pct = Math.abs(ratio - 1) * 100;
  const shown = pct.toFixed(1);
  const gap = shown === "0.0" ? "what" : `${shown}% ${ratio > 1 ? "more than" : "less than"} what`;
  return `The calls compared cost ${gap} their projections assume: within ${ALIGNED_WITHIN * 100}%, too close for a new assumption version to be worth starting.`;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The input and output prices of a new version: today's (hand-set or the catalogue's) scaled by
 * actual ÷ assumed cost per call (base) over the calls compared, so that what the projections
 * assume for those calls becomes what they cost (every approach's figure is a multiple of the
 * model's price), and low and high keep their proportions. Null when there is nothing to compare
 * or no assumed cost above zero.
 */
export function pricesFromActuals(set: AssumptionSet, compared: CallComparison | null): { ratio: number; values: Pick<AssumptionSet["values"], "modelInputPricePerMTokens" | "modelOutputPricePerMTokens"> } | null {
  const assumed = compared?.assumed.base;
  if (!compared || !assumed || assumed <= 0) return null;
  const ratio = compared.actual.usdPerCall / assumed;
  const v = withModelPrices(set).set.values;
  const scale = (r: Range): Range => ({ low: r.low === null ? null : round6(r.low * ratio), base: r.base === null ? null : round6(r.base * ratio), high: r.high === null ? null : round6(r.high * ratio) });
  return { ratio, values: { modelInputPricePerMTokens: scale(v.modelInputPricePerMTokens), modelOutputPricePerMTokens: scale(v.modelOutputPricePerMTokens) } };
}
