/**
 * Answers the projection stands in for when they are unanswered, so the cost panel can say so.
 * Most missing answers leave lines missing (monthly calls, change frequency for retraining), and
 * the panel says "Incomplete"; these four are priced on a stand-in instead and the totals read
 * as complete, so without this note a use case with two answers looked fully costed
 * (review-usecase). Each stand-in is the one the drivers use (./drivers/training.ts,
 * ./drivers/retrieval.ts, ./drivers/context.ts); the test holds them to the drivers.
 */
import type { Assessment } from "../assessment";
import type { Approach } from "../assessment";

export interface AssumedAnswer {
  answer: "labeledExamples" | "corpusDocuments" | "yearlyGrowthPct" | "retrainingBudget";
  /** The approaches whose cost the stand-in moves. */
  approaches: Approach[];
  text: string;
}

export function assumedAnswers(a: Assessment): AssumedAnswer[] {
  const out: AssumedAnswer[] = [];
  if (a.corpusDocuments === undefined) {
    out.push({ answer: "corpusDocuments", approaches: ["RAG", "HYBRID"], text: "corpus size (retrieval is priced as a managed vector database, with nothing for embedding the corpus; a corpus small enough for pgvector in the database already running would cost less)" });
  }
  if (a.labeledExamples === undefined) {
    out.push({ answer: "labeledExamples", approaches: ["FINE_TUNING", "HYBRID"], text: "labeled examples (none is taken as in hand: curation is priced for all the examples fine-tuning needs; its training compute as for at least 5,000 examples, 002's reference set, so a smaller set is not priced lower)" });
  }
  // Unanswered, a budget for retraining is taken as there (./drivers/training.ts, cyclesFor: only a
  // "no" prices none): a review found four demo use cases listing it as unanswered while their cost
  // panels priced 12 to 17 retrainings a year, with nothing said.
  if (a.retrainingBudget === undefined && a.changeFrequency !== undefined && a.changeFrequency !== "static") {
    out.push({ answer: "retrainingBudget", approaches: ["FINE_TUNING", "HYBRID"], text: "budget for retraining (taken as there: fine-tuning is priced retraining as the knowledge changes, within the acceptable lag, and the hybrid at most once a year; without one each would be trained once and left, and fine-tuning would go stale)" });
  }
  if (a.yearlyGrowthPct === undefined && a.monthlyCalls !== undefined) {
    out.push({ answer: "yearlyGrowthPct", approaches: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"], text: "yearly growth (the monthly calls are held flat over the horizon)" });
  }
  return out;
}

/** "Assumed, not answered: corpus size (…); …" or null when the projection assumes none. */
export function assumedAnswersSentence(a: Assessment): string | null {
  const list = assumedAnswers(a);
  if (list.length === 0) return null;
  const one = list.length === 1;
  return `Assumed, not answered: ${list.map((x) => x.text).join("; ")}. The totals stand on ${one ? "this assumption" : "these assumptions"}, not on this use case's own ${one ? "answer" : "answers"}: answer ${one ? "it" : "them"} to replace ${one ? "it" : "them"}.`;
}
