/**
 * What an approach cannot do at all: a capability the use case has answered that it needs, which
 * the seeds say only some approaches have. The fourth reason an approach cannot serve a use case
 * (costing/project.ts, cannotServe), beside missing the lag, never reaching its knowledge and
 * prompting tried and short of the bar.
 *
 * Only where a seed says the need *requires* an architecture, and only for the approaches it
 * rules out. Seed 002 says so of two:
 *   - tool use "require[s] an agent architecture with tool use, not just better retrieval or
 *     behavioral tuning": RAG (retrieval), fine-tuning (behavioural tuning), the hybrid (both),
 *     prompting alone, a structured pipeline (parsing, extraction and validation components) and
 *     feedback learning call no tools; only an agent serves;
 *   - learning from user interactions "require[s] reinforcement learning from human feedback
 *     (RLHF) or similar approaches that go beyond static fine-tuning or static retrieval indexes":
 *     RAG, fine-tuning and the hybrid are those static ones, and prompting alone learns nothing at
 *     all. The seed says nothing of an agent or a pipeline here, so neither is ruled out (a use case
 *     needing tools and learning both is then served by an agent, never by nothing).
 * And one from 001 and 003, since judgement 2.10: a format, style or voice every answer must keep
 * (needsStyleOrFormat), where a prompted base model was tried and falls short of the bar
 * (promptedBaselineMeetsBar "no"), is beyond RAG alone: 001 "RAG alone won't consistently change
 * how the model structures its output", and 003's case "RAG without fine-tuning produced answers in
 * the wrong style". RAG changes what the model sees, not how it writes; where prompting alone did not
 * get the style right, retrieval added to it does not either. Only RAG is ruled out: prompting alone
 * is already out for the same answers (tried and short of the bar: the "below-bar" reason), the
 * sources say fine-tuning, and the hybrid with it, instil the style, and they say nothing of an
 * agent or a pipeline here. Where prompting meets the bar, or was never tried, the style is not
 * known to be beyond a prompted model, so RAG built on one is not ruled out.
 * And one more from 001, since judgement 2.13: answers that must cite their sources
 * (needsCitations) are beyond a fine-tuned model alone: "You need source citations. RAG knows
 * which chunks it retrieved … Fine-tuned models hallucinate sources." Only fine-tuning is ruled
 * out: the hybrid retrieves as RAG does, prompting alone is already out where it never sees the
 * use case's knowledge (the "lacks-knowledge" reason), and the seed says nothing of an agent or a
 * pipeline. Judgement 2.12 and engine 2.15 offered fine-tuning as "the cheapest approach that
 * meets the 30-day lag" on a use case whose answers must cite a corpus of 5 million documents.
 * Not the others: 002 says document transformation at volume "often benefit[s] from structured
 * pipeline architectures", a preference the frameworks weigh, not an inability; and no seed says
 * an approach cannot meet a core need (000, 001, 002 and 003 say which one "wins" or to "start
 * with", never that another cannot). An unanswered question makes no approach unable.
 */
import { APPROACHES, type Approach, type Assessment } from "../assessment";
import type { Citation } from "./types";

export const CAPABILITIES = ["needsToolUse", "learnsFromFeedback", "needsStyleOrFormat", "needsCitations"] as const;
export type Capability = (typeof CAPABILITIES)[number];

const FILE = "002_eb871f56c24eca94.txt";

const ALL_BUT = (keep: Approach) => APPROACHES.filter((ap) => ap !== keep);

/**
 * Per capability: the approaches that lack it, the approach seed 002 says the need requires (where
 * a recommendation falls back when none the frameworks pick has it), the cost table's words, and
 * the seed's sentence.
 */
export const CAPABILITY_RULES: Record<Capability, { unable: readonly Approach[]; requires: Approach; cannot: string; cite: Citation; needed: (a: Assessment) => boolean }> = {
  needsToolUse: {
    unable: ALL_BUT("AGENT"),
    requires: "AGENT",
    cannot: "cannot call the tools the use case needs",
    needed: (a) => a.needsToolUse === true,
    cite: { file: FILE, quote: "Complex multi-step reasoning tasks — where the model needs to perform mathematical computation, execute code, query databases, or call external APIs as part of answering — require an agent architecture with tool use, not just better retrieval or behavioral tuning." },
  },
  learnsFromFeedback: {
    unable: ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"],
    requires: "FEEDBACK_LEARNING",
    cannot: "cannot learn from user interactions as the use case needs",
    needed: (a) => a.learnsFromFeedback === true,
    cite: { file: FILE, quote: "systems that need to learn from user interactions on an ongoing basis — require reinforcement learning from human feedback (RLHF) or similar approaches that go beyond static fine-tuning or static retrieval indexes" },
  },
  needsStyleOrFormat: {
    unable: ["RAG"],
    requires: "FINE_TUNING",
    cannot: "cannot keep the format, style or voice the use case requires",
    needed: (a) => a.needsStyleOrFormat === true && a.promptedBaselineMeetsBar === "no",
    cite: { file: "001_882c99e1fd832846.txt", quote: "RAG alone won’t consistently change how the model structures its output." },
  },
  needsCitations: {
    unable: ["FINE_TUNING"],
    requires: "RAG",
    cannot: "cannot cite the sources the use case's answers must cite",
    needed: (a) => a.needsCitations === true,
    cite: { file: "001_882c99e1fd832846.txt", quote: "You need source citations. RAG knows which chunks it retrieved, so it can say “according to policy document v3.2, section 4…” Fine-tuned models hallucinate sources." },
  },
};

/** 003's case of the same: a hybrid was needed, since "RAG without fine-tuning produced answers in the wrong style". */
export const STYLE_BEYOND_RAG_CASE: Citation = { file: "003_cef81cc6bb37c5d4.txt", quote: "RAG without fine-tuning produced answers in the wrong style." };

/**
 * The first capability the use case has answered that it needs and the approach lacks, or null:
 * only answers given count (a "no" or no answer makes no approach unable).
 */
export function lacksCapability(approach: Approach, a: Assessment): Capability | null {
  for (const c of CAPABILITIES) {
    if (CAPABILITY_RULES[c].needed(a) && CAPABILITY_RULES[c].unable.includes(approach)) return c;
  }
  return null;
}
