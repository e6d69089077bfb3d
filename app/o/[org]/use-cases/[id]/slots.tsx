/**
 * Where the scoring panel and the cost panel go on a use case's page. The registry renders these
 * slots; the lead fills them in (lib/domain/scoring, lib/domain/cost). Until then they render
 * nothing. Both are server components and may fetch what they need from the ids given.
 */
export interface UseCasePanelProps {
  orgSlug: string;
  organizationId: string;
  useCaseId: string;
}

/** The recommendation: the five frameworks, consensus, risk flags, what would change the answer. */
export function ScorePanelSlot(_props: UseCasePanelProps) {
  return null;
}

/** The cost projection: per approach and year, low/base/high, break-even. */
export function CostPanelSlot(_props: UseCasePanelProps) {
  return null;
}
