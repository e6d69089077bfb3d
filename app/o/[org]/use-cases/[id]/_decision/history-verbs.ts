/** How the History tab words the workflow's steps and comments (audit actions → verbs). */
export const DECISION_VERBS: Record<string, string> = {
  "decision.proposed": "proposed a decision",
  "decision.approved": "approved the decision",
  "decision.sent_back": "sent the decision back",
  "decision.budget_approved": "approved the budget",
  "decision.to_review": "changed answers behind the approved decision; it is to review",
  "decision.superseded": "superseded the approved decision by recording another directly",
  "decision.budget_refreshed": "changed figures the waiting decision's budget rests on; its budget was taken from the projection again",
  "comment.created": "commented",
};
