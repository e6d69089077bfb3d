/**
 * The scoring panel and the cost panel on a use case's page (server components that fetch their
 * own data from the ids given, scoped by organization).
 */
import { CostPanel } from "./_panels/cost-panel";
import { ScorePanel } from "./_panels/score-panel";

export interface UseCasePanelProps {
  orgSlug: string;
  organizationId: string;
  useCaseId: string;
}

/** The recommendation: the five frameworks, consensus, risk flags, what would change the answer. */
export function ScorePanelSlot(props: UseCasePanelProps) {
  return <ScorePanel organizationId={props.organizationId} useCaseId={props.useCaseId} />;
}

/** The cost projection: per approach and year, low/base/high, break-even. */
export function CostPanelSlot(props: UseCasePanelProps) {
  return <CostPanel {...props} />;
}
