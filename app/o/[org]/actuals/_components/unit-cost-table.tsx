/**
 * Actual unit costs against the assumptions' (a server component): cost per call and the blended
 * price per million tokens, actual beside the assumed base and range. The cost per call is of the
 * calls attributed to use cases, against what their projections assume for them (a RAG call
 * carries the retrieval overhead, a fine-tuned one its factor), and the sentence below says what
 * that figure is made of and which calls are left out.
 */
import { alignedSentence, assumedMakeup, isAligned } from "@/lib/domain/actuals";
import { exactDollars, unitPrice } from "@/lib/domain/money";
import type { UnitCostComparison } from "@/lib/server/actuals/unit-costs";

const th = "border-b border-zinc-200 px-2 py-2 text-left font-medium text-zinc-600";
const thNum = "border-b border-zinc-200 px-2 py-2 text-right font-medium text-zinc-600";
const td = "border-b border-zinc-100 px-2 py-2 align-top";
const tdNum = "border-b border-zinc-100 px-2 py-2 text-right tabular-nums align-top";

const usd = (x: number | null) => (x === null ? "—" : unitPrice(x));
const counted = (n: number, unit: string) => `${Math.round(n).toLocaleString("en-US")} ${unit}`;

/**
 * "$0.0045 – $0.01125"; a range whose ends are written the same is no range at all, and says so
 * rather than print "$3.75 – $3.75": the assumptions give that figure one value in every scenario
 * (a catalogue price with no hand-set low and high, say).
 */
export function assumedRange(r: { low: number | null; high: number | null }): string {
  if (r.low === null || r.high === null) return "—";
  const low = usd(r.low), high = usd(r.high);
  return low === high ? "no range: the same in every scenario" : `${low} – ${high}`;
}

export function UnitCostTable({ observed, assumed, calls }: Pick<UnitCostComparison, "observed" | "assumed" | "calls">) {
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">Actual and assumed unit costs</caption>
      <thead>
        <tr>
          <th className={th}>Unit cost</th>
          <th className={thNum}>Actual</th>
          <th className={thNum}>Assumed (base)</th>
          <th className={thNum}>Assumed low – high</th>
          <th className={thNum}>Measured over</th>
        </tr>
      </thead>
      <tbody>
        <tr data-testid="unit-cost-call">
          <td className={td}>Cost per call</td>
          <td className={tdNum} data-testid="actual-per-call">{calls ? usd(calls.actual.usdPerCall) : observed.calls ? "no calls attributed to a use case" : "no calls counted"}</td>
          <td className={tdNum}>{calls ? usd(calls.assumed.base) : "—"}</td>
          <td className={tdNum}>{calls ? assumedRange(calls.assumed) : "—"}</td>
          <td className={tdNum}>{calls ? counted(calls.actual.count, "calls") : "—"}</td>
        </tr>
        <tr data-testid="unit-cost-tokens">
          <td className={td}>Price per million tokens (blended)</td>
          <td className={tdNum}>{observed.tokens ? usd(observed.tokens.usdPerMTokens) : "no tokens counted"}</td>
          <td className={tdNum}>{usd(assumed.usdPerMTokens.base)}</td>
          <td className={tdNum}>{assumedRange(assumed.usdPerMTokens)}</td>
          <td className={tdNum}>{observed.tokens ? counted(observed.tokens.count, "tokens") : "—"}</td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * What the assumed cost per call is made of, and the calls left out of it: "Assumed per call: what
 * each use case's projection assumes for its calls, weighted by them (RAG: …). A bare call of the
 * model is $0.00675."
 */
export function callsMakeupText({ observed, assumed, calls }: Pick<UnitCostComparison, "observed" | "assumed" | "calls">): string {
  if (!calls) {
    return observed.calls
      ? `The bills count ${counted(observed.calls.count, "calls")}, none of them attributed to a use case whose projection prices its calls from the model's price, so there is nothing to compare them with.`
      : "";
  }
  const bare = assumed.usdPerCall.base === null ? "" : ` A bare call of the model, with no retrieval or fine-tuning, is ${unitPrice(assumed.usdPerCall.base)}.`;
  const left = calls.leftOut.length ? ` Left out: ${calls.leftOut.map((l) => `${counted(l.calls, "calls")} (${exactDollars(l.cents)}) ${l.why}`).join("; ")}.` : "";
  return `Assumed per call: what each use case's projection assumes for the calls the bills attribute to it, weighted by those calls. ${assumedMakeup(calls)}.${bare}${left}`;
}

/** Whether the button to start a new version is worth offering, and if not, why. */
export function proposalText(proposal: UnitCostComparison["proposal"]): string | null {
  if (!proposal || !isAligned(proposal.ratio)) return null;
  return alignedSentence(proposal.ratio);
}
