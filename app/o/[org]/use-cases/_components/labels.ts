/** Display labels shared by the registry's pages (client and server). */
import { abstentionReasons } from "@/lib/domain/frameworks/consensus";
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { EVIDENCE_LABELS, FLAG_LABELS, lackingPrerequisitesText, type Evidence } from "@/lib/domain/frameworks";
import { RISK_FLAGS, type RiskFlagCode } from "@/lib/domain/portfolio/filter";
import { STATUS_LABELS, type Status } from "@/lib/domain/use-case";

export function riskFlagLabel(code: string): string {
  return (RISK_FLAGS as readonly string[]).includes(code) ? FLAG_LABELS[code as RiskFlagCode] : code;
}

export function approachLabel(a: Approach | null | undefined, none = "—"): string {
  return a ? APPROACH_LABELS[a] : none;
}

export function statusLabel(s: Status): string {
  return STATUS_LABELS[s];
}

export const STATUS_STYLES: Record<Status, string> = {
  IDEA: "bg-zinc-100 text-zinc-700",
  ASSESSING: "bg-amber-100 text-amber-800",
  APPROVED: "bg-emerald-100 text-emerald-800",
  BUILDING: "bg-sky-100 text-sky-800",
  LIVE: "bg-green-100 text-green-800",
  RETIRED: "bg-zinc-200 text-zinc-600",
  UNKNOWN: "bg-white text-zinc-600 ring-1 ring-inset ring-zinc-300",
};

/** "4 of 5" frameworks agree. */
export function agreementText(votes: number, voters: number): string | null {
  return voters > 0 ? `${votes} of ${voters}` : null;
}

interface Backing {
  recommendedApproach?: Approach | null;
  agreementVotes: number;
  agreementVoters: number;
  defaultStart: boolean;
  /** Of a default start, the training prerequisites the answers say are missing (UseCaseDetail.trainingLacks). */
  trainingLacks?: readonly string[];
}

/**
 * Why a default start trains no model where an answer, not a missing one, is why: ": a prompted
 * base model already meets the bar" ("" where only unanswered questions hold it). Without it the
 * list read "while key answers are missing" of a use case whose answers had settled it.
 */
function lacksClause(uc: Backing): string {
  const lacks = uc.defaultStart ? lackingPrerequisitesText(uc.trainingLacks ?? []) : "";
  return lacks ? `: ${lacks}` : "";
}

/**
 * What stands behind a recommendation, in a list's few words: "4 of 5" voting frameworks, or "the
 * sources' default starting approach" where the frameworks leant to training a model and the answers that would
 * justify it are missing (`defaultStart`: a provisional score's lean), or where every approach they
 * pick was held back (the score's heldBack, or a lean to training a model the answers say lacks
 * what training needs: labeled examples, a retraining budget, a prompted base model that falls
 * short; none of the voters picks what is recommended). A default
 * start some frameworks happen to back is still a default start: "1 of 5" would read as a choice
 * the votes made against the others.
 */
/**
 * A provisional count's words: "5 of 5" on a use case with five deciding questions unanswered read
 * as a firm agreement; it is an agreement on the answers so far.
 */
const soFar = (uc: { evidence?: Evidence }) => (uc.evidence === "provisional" ? " on the answers so far" : "");

export function backingText(uc: Backing & { abstained?: number; evidence?: Evidence }): string | null {
  // With no recommendation there is nothing for votes to back (judgement 2.10: what the frameworks
  // pick needs training the answers do not justify); "0 of 5" would not read as a default start either.
  if (uc.recommendedApproach === null) return null;
  if (uc.defaultStart || heldBackToStart(uc)) return `the sources' default starting approach${lacksClause(uc)}`;
  const count = agreementText(uc.agreementVotes, uc.agreementVoters);
  if (!count) return uc.recommendedApproach ? NO_VOTER_START : null;
  // "1 of 1" alone reads as unanimous when four of five frameworks never voted.
  return uc.abstained ? `${count} voting${soFar(uc)}; ${uc.abstained} abstained` : `${count}${soFar(uc)}`;
}

/**
 * The backing as a clause of a line: "4 of 5 agree", "1 of 1 voting agree; 4 abstained", or "the
 * sources' default starting approach" (the decision queue's line, where the recommendation is named before it).
 */
export function backingClause(uc: Backing & { abstained?: number; evidence?: Evidence }): string | null {
  if (uc.recommendedApproach === null) return null;
  if (uc.defaultStart || heldBackToStart(uc)) return `the sources' default starting approach${lacksClause(uc)}`;
  const count = agreementText(uc.agreementVotes, uc.agreementVoters);
  if (!count) return uc.recommendedApproach ? NO_VOTER_START : null;
  return uc.abstained ? `${count} voting agree${soFar(uc)}; ${uc.abstained} abstained` : `${count} agree${soFar(uc)}`;
}

/**
 * A recommendation no framework voted for: some deciding answer is given, but none of them reads it
 * (judgement 2.12), so it is the sources' default starting approach.
 */
const NO_VOTER_START = "the sources' default starting approach: no framework votes on the answers so far";

/** "; 4 of 5 abstained: tool use is outside their source" (each reason once), or "" when every framework voted. */
function abstainedClause(voters: number, whys: readonly string[] | undefined): string {
  if (!whys?.length) return "";
  const reasons = abstentionReasons(whys);
  // Counted reasons ("3: …; 1: …") after a dash, so no colon follows another.
  const lead = /^\d+: /.test(reasons) ? " — " : ": ";
  return `; ${whys.length} of ${voters + whys.length} abstained${reasons ? `${lead}${reasons}` : ""}`;
}

/**
 * Frameworks voted, yet none picks what is recommended: the sources' default starting approach, where every
 * approach they pick was held back (score.ts, heldBack) because it cannot serve the use case, or
 * trains a model the answers say lacks what training needs (a lean with `missing`), or on a provisional score waits on the answers that would justify training a model.
 */
function heldBackToStart(uc: { agreementVotes: number; agreementVoters: number; defaultStart: boolean }): boolean {
  return !uc.defaultStart && uc.agreementVoters > 0 && uc.agreementVotes === 0;
}

/**
 * The recommendation in one line, held to its evidence: "Not assessed"; "RAG · provisional
 * (2 of 2 voting agree)"; "Fine-tuning (4 of 5 voting agree)"; "Agent (1 of 1 voting agree; 4 of 5
 * abstained: tool use is outside their source)"; "RAG (the sources' default starting approach:
 * the approaches the frameworks pick cannot serve it or train a model its answers do not justify)",
 * as the score panel's held-back or lean sentence says which.
 */
export function recommendationText(uc: {
  recommendedApproach: Approach | null;
  evidence: Evidence;
  agreementVotes: number;
  agreementVoters: number;
  defaultStart: boolean;
  trainingLacks?: readonly string[];
  /** Why each framework that did not vote did not (UseCaseDetail.abstained). */
  abstained?: readonly string[];
}): string {
  if (uc.evidence === "none") return EVIDENCE_LABELS.none;
  if (!uc.recommendedApproach) return "No recommendation";
  const provisional = uc.evidence === "provisional" ? " · provisional" : "";
  const lacks = lacksClause(uc);
  const backing = uc.defaultStart
    ? lacks
      ? ` (the sources' default starting approach${lacks}, so no model is trained)`
      : " (the sources' default starting approach while key answers are missing)"
    : heldBackToStart(uc)
      ? ` (the sources' default starting approach: the approaches the frameworks pick cannot serve it or train a model its answers do not justify${uc.evidence === "provisional" ? ", or wait on missing answers" : ""})`
      : uc.agreementVoters === 0
        ? ` (${NO_VOTER_START})`
        : ` (${uc.agreementVotes} of ${uc.agreementVoters} voting agree${abstainedClause(uc.agreementVoters, uc.abstained)})`;
  return `${APPROACH_LABELS[uc.recommendedApproach]}${provisional}${backing}`;
}

/** A fixed, locale-independent rendering (server and client agree, no hydration mismatch). */
export { formatDate, formatDateTime } from "@/components/dates";

export function useCasePath(orgSlug: string, id?: string, sub?: string): string {
  const base = `/o/${encodeURIComponent(orgSlug)}/use-cases`;
  return id ? `${base}/${encodeURIComponent(id)}${sub ? `/${sub}` : ""}` : base;
}
