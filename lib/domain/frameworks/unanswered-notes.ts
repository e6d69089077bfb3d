/**
 * What the use case's page says beside each unanswered deciding question: the recommendations its
 * answers lead to where one would change it (judgement 2.11 on, the recommendation shown); where
 * only the frameworks' vote would move, that it would not change the recommendation. A score stored
 * before 2.11 has no `changesIt`: nothing.
 *
 * Where every question carries the same note (a case with one clear pick and nothing yet
 * answered: "once answered, the recommendation would be Agent with tools" seven times over), it
 * is said once, above the list, and the list names the questions alone: a sentence repeated on
 * every line says nothing about which question matters. Where none would change the
 * recommendation, that is said instead of an order "the recommendation hangs on most".
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import type { UnansweredQuestion } from "./sensitivity";

export function unansweredNote(q: Pick<UnansweredQuestion, "outcomes" | "changesIt" | "leans">, current: Approach | null): string {
  if (q.changesIt === undefined) return "";
  if (q.changesIt) {
    const others = q.outcomes.filter((o) => o !== current).map((o) => APPROACH_LABELS[o]);
    if (current === null) return others.length ? `once answered, the recommendation would be ${others.join(" or ")}` : "";
    return others.length ? `could change the recommendation to ${others.join(" or ")}` : "could leave no recommendation";
  }
  return (q.leans ?? []).some((o) => o !== current) ? "moves the frameworks' vote, not the recommendation" : "";
}

export interface UnansweredNotes {
  /** Said once above the list when every question carries it ("Answering any one of them, …"); null otherwise. */
  common: string | null;
  /** Beside each question, in order ("" for none). */
  each: string[];
}

export function unansweredNotes(questions: readonly Pick<UnansweredQuestion, "outcomes" | "changesIt" | "leans">[], current: Approach | null): UnansweredNotes {
  const each = questions.map((q) => unansweredNote(q, current));
  // None would change it (some may move the frameworks' vote, said beside them): "the one the
  // recommendation hangs on most first" would promise an order that means nothing (a support bot's
  // four unanswered questions all keep RAG).
  if (questions.length > 1 && questions.every((q) => q.changesIt === false)) {
    return { common: "none of them on its own would change the recommendation", each };
  }
  const first = each[0] ?? "";
  if (each.length > 1 && first !== "" && each.every((n) => n === first)) {
    const once = first.startsWith("once answered, ") ? `whichever is answered first, ${first.slice("once answered, ".length)}` : `each ${first}`;
    return { common: once, each: each.map(() => "") };
  }
  return { common: null, each };
}
