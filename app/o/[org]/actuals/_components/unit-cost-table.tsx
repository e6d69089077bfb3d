/**
 * Actual unit costs against the assumptions' (a server component): cost per call and the blended
 * price per million tokens, actual beside the assumed base and range.
 */
import { unitPrice } from "@/lib/domain/money";
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

export function UnitCostTable({ observed, assumed }: Pick<UnitCostComparison, "observed" | "assumed">) {
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
          <td className={tdNum} data-testid="actual-per-call">{observed.calls ? usd(observed.calls.usdPerCall) : "no calls counted"}</td>
          <td className={tdNum}>{usd(assumed.usdPerCall.base)}</td>
          <td className={tdNum}>{assumedRange(assumed.usdPerCall)}</td>
          <td className={tdNum}>{observed.calls ? counted(observed.calls.count, "calls") : "—"}</td>
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
