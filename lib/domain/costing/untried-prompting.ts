/**
 * Prompting is counted as able to serve a use case unless a prompted base model was tried and fell
 * short of the bar (frameworks/capabilities.ts, meetsBar). Where none has been tried, a page that
 * names it the cheapest says on what that rests: a review met an untried prompt as "the cheapest
 * that serves" 400,000 documents a month, and its 1075% return the best on the page. 002: "validate
 * that … a prompted base model doesn't already meet the bar". Pure: no Next.js, Prisma or I/O.
 */
import type { Approach, Assessment } from "../assessment";

const untried = (a: Pick<Assessment, "promptedBaselineMeetsBar"> | null | undefined) => !!a && a.promptedBaselineMeetsBar !== "yes" && a.promptedBaselineMeetsBar !== "no";

/** After "the cheapest that serves" (the Decision tab's options): ", if a prompted base model meets the bar: none has been tried yet", or "". */
export function untriedPrompting(approach: Approach, assessment: Pick<Assessment, "promptedBaselineMeetsBar"> | null): string {
  return approach === "PROMPTING" && untried(assessment) ? ", if a prompted base model meets the bar: none has been tried yet" : "";
}

/** Beside the cost panel's comparison, where Prompting only is the cheapest that can serve; null otherwise. */
export function untriedPromptingNote(cheapest: Approach | null, assessment: Pick<Assessment, "promptedBaselineMeetsBar"> | null): string | null {
  if (cheapest !== "PROMPTING" || !untried(assessment)) return null;
  return `Prompting only is counted as able to serve it because no prompted base model has been tried and found short, not because one was found to meet the bar: its figures hold only if one does (002: "validate that … a prompted base model doesn't already meet the bar").`;
}
