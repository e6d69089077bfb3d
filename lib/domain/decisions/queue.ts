/**
 * The decision queue, "Needs a decision" (issue 20 item 1): why a use case is in it. One rule,
 * used to label each row and count each panel; the SQL that finds the candidates
 * (lib/server/decisions/queue.ts) selects a superset with an index, and this decides.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import type { WarningFlag } from "../actuals/variance";
import type { Approach } from "../assessment";
import type { DecisionState } from "./workflow";

export const QUEUE_REASONS = ["awaiting-approval", "to-review", "undecided", "differs", "risk", "early-warning", "budget"] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

export const QUEUE_REASON_LABELS: Record<QueueReason, string> = {
  "awaiting-approval": "Proposed, awaiting approval",
  "to-review": "Changed since approval",
  undecided: "Recommended, no decision",
  differs: "Decision differs from the consensus",
  risk: "Risk flags raised",
  "early-warning": "Actual spend early warning",
  budget: "Budget awaiting finance",
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * An early-warning flag (lib/domain/actuals/variance.ts) as the queue says it: "actual spend
 * outside its range"; "will pass its approved budget by November" (the month the run rate passes
 * it, when known).
 */
export function warningText(flag: WarningFlag, passingMonth: number | null, outside: "above" | "below" | null = null): string {
  // Which way, where known: 74% under its projection read the same as far over it.
  if (flag === "outside-range") return outside ? `actual spend ${outside} its range` : "actual spend outside its range";
  const month = passingMonth !== null && passingMonth >= 1 && passingMonth <= 12 ? MONTHS[passingMonth - 1] : null;
  return month ? `will pass its approved budget by ${month}` : "will pass its approved budget this year";
}

/** Which reasons each role's queue shows: executives and admins decide; finance approves budgets. */
export const QUEUE_REASONS_FOR: Record<"ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE", readonly QueueReason[]> = {
  ADMIN: ["awaiting-approval", "to-review", "undecided", "differs", "risk", "early-warning", "budget"],
  EXECUTIVE: ["awaiting-approval", "to-review", "undecided", "differs", "risk", "early-warning", "budget"],
  FINANCE: ["budget"],
  LEAD: ["awaiting-approval", "to-review", "undecided", "differs", "risk", "early-warning", "budget"],
};

export interface QueueFacts {
  status: string;
  recommendedApproach: Approach | null;
  chosenApproach: Approach | null;
  riskFlags: readonly string[];
  decisionState: DecisionState | null;
  /** The early-warning flags its actual spend raises this year (none when it has no actuals). */
  warningFlags?: readonly WarningFlag[];
}

/**
 * Why this use case needs someone, in the order of QUEUE_REASONS; empty: it needs nobody.
 *
 * A retired use case (switched off) is never undecided and never "differs": nobody decides how to
 * build what no longer runs, so a recommendation with no decision, or a decision unlike it, asks
 * nothing of anyone. A proposal on it still awaits approval (someone asked; an executive sends it
 * back), and a decision to review or a budget still stands where it is.
 */
export function queueReasons(f: QueueFacts): QueueReason[] {
  const out: QueueReason[] = [];
  const retired = f.status === "RETIRED";
  if (f.decisionState === "PROPOSED") out.push("awaiting-approval");
  if (f.decisionState === "TO_REVIEW") out.push("to-review");
  // Sent back, a decision no longer stands (even where an earlier approval left a chosen approach): it needs a new one.
  if (!retired && f.recommendedApproach !== null && (f.chosenApproach === null || f.decisionState === "SENT_BACK") && f.decisionState !== "PROPOSED") out.push("undecided");
  if (!retired && f.chosenApproach !== null && f.recommendedApproach !== null && f.chosenApproach !== f.recommendedApproach) out.push("differs");
  if (f.riskFlags.length > 0 && !retired) out.push("risk");
  if ((f.warningFlags?.length ?? 0) > 0) out.push("early-warning");
  if (f.decisionState === "APPROVED") out.push("budget");
  return out;
}

/**
 * Whether it awaits a decision, as the portfolio's headline counts (and its list filters, with
 * `awaiting=yes`): the queue's "Recommended, no decision" and "Proposed, awaiting approval". The
 * two never overlap, so the headline's number is the sum of those two panels. Written again as SQL
 * once, the function "UseCase_awaitsDecision" (prisma/migrations/20261206150000_awaits_decision_function),
 * which the queue, the filters, the portfolio's counts and its kept tally call; and as a Prisma
 * filter for the list (lib/server/use-cases/list.ts, listWhere), which cannot call it.
 */
export function awaitsDecision(f: QueueFacts): boolean {
  const reasons = queueReasons(f);
  return reasons.includes("undecided") || reasons.includes("awaiting-approval");
}

export interface QueueRow extends QueueFacts {
  id: string;
  /** Projected spend as chosen (the decision, else the recommendation), lifecycle base, cents; null: not costed. */
  spendCents: number | null;
  /** The approach of the workflow's decision (while proposed: the one proposed). */
  proposedApproach?: Approach | null;
  /** While proposed: what the proposed approach costs over the lifecycle (base), cents, as its line says; null: not costed. */
  proposedSpendCents?: number | null;
}

/**
 * The figure a line of the queue is sorted by, the one it shows: a proposal's is the proposed
 * approach's lifecycle cost (what the approver approves), not that of the approach chosen or
 * recommended now, which may be another; any other line's, the spend as chosen. Written again as
 * SQL in lib/server/decisions/queue.ts (QUEUE_FIGURE_SQL), which picks the page.
 */
export function queueFigure(r: Pick<QueueRow, "decisionState" | "spendCents" | "proposedApproach" | "proposedSpendCents">): number | null {
  return r.decisionState === "PROPOSED" && r.proposedApproach ? (r.proposedSpendCents ?? null) : r.spendCents;
}

/** Sorted by the figure each line shows (queueFigure), largest first; not costed last; then by id for a stable order. */
export function sortQueue<T extends QueueRow>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const x = queueFigure(a);
    const y = queueFigure(b);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    if (x !== null && y !== null && x !== y) return y - x;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** How many use cases each panel holds. */
export function countByReason(rows: readonly { reasons: readonly QueueReason[] }[]): Record<QueueReason, number> {
  const counts = Object.fromEntries(QUEUE_REASONS.map((r) => [r, 0])) as Record<QueueReason, number>;
  for (const r of rows) for (const reason of r.reasons) counts[reason] += 1;
  return counts;
}
