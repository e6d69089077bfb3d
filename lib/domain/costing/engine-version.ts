/**
 * The cost engine's version, stored with every projection. Bumped when the same inputs would now
 * project differently (new drivers, new feasibility rules), so that start-up re-projects the
 * stored ones (lib/server/rescore.ts) instead of showing figures the engine no longer gives.
 * 2.1: prompting alone is infeasible where the use case answers from knowledge of its own.
 * 2.2: a fine-tune cheaper to run but dearer per call breaks even below a volume, not never.
 * 2.3: prompting is infeasible only where the use case must know or cite things of its own and no
 *      prompted base model has been shown to meet the bar (frameworks/evidence.ts); 2.1 also
 *      ruled it out for a reasoning use case with a corpus, documented expertise or changing knowledge.
 * 2.4: the simulation stores how many trials each side was cheaper in (said as a count, never a
 *      rounded "100%"); the break-even names RAG and the use case's own expected volume; prompting
 *      alone is infeasible where a prompted base model was tried and falls short of the bar.
 * 2.5: a break-even that cannot be found names the answers and figures it lacks (it always asked
 *      for a model price); the cost panel's waits and lags read "1 day", not "1 days".
 * 2.6: a knowledge change re-embeds only the share of the corpus it touches (a new figure, 1–10%;
 *      000: "zero marginal cost beyond storage"), where 2.5 re-embedded the whole corpus at every
 *      change; LoRA training compute is 002's $50–200 per 5,000 examples, growing with the
 *      examples up to 000's full fine-tune less LoRA's saving, where 2.5 took 000's figure for
 *      any dataset; a saving's percent is rounded once, to one decimal; the worst delay is in whole
 *      days rounded up (upToDays), so "uncorrected for up to N days" never reads as within the
 *      lag it misses; a self-hosted model's inference pays only the GPU hours beyond the one GPU
 *      kept on all year (2.5 billed that year twice), so its cost bends with volume, and the
 *      break-even and the Monte Carlo price it where it bends.
 * 2.7: with a yearly growth, the break-even says both volumes (its own and the use case's) are
 *      first-year ones, grown alike over the horizon; the numbers are 2.6's.
 * 2.8: the stored pricing carries the model's prices per million tokens and the tokens of a call
 *      the projection used, so the cost panel says what inference is made of; the numbers are 2.7's.
 * 2.9: the projection carries what its stale days came from (the change frequency, the lag of one
 *      retraining per scenario and whose figure that lag is), so the cost panel's note says the
 *      figures, not only the assumption's name; the numbers are 2.8's. Bumped so that start-up
 *      re-projects every stored use case and none is left with the note that lacks them.
 * 2.10: a retired use case is projected only up to the end of the year it was retired in
 *      (retired.ts): 2.9 projected its whole horizon, spend after it was switched off too.
 * 2.11: an approach lacking a capability the use case answered that it needs (tool use: only an
 *      agent has it; learning from user interactions: RAG, fine-tuning, a hybrid and prompting
 *      alone lack it; frameworks/capabilities.ts) cannot serve it (lacksCapability), so it is never
 *      the cheaper side of a saving, the break-even or the Monte Carlo's pair; the numbers are 2.10's.
 * 2.12: a break-even volume found while the acceptable lag is unanswered says how stale the
 *      fine-tuned model it counts would be (withUnknownLag); the numbers are 2.11's.
 * 2.13: data curation is charged for the labeled examples still needed to reach what fine-tuning
 *      needs (a new figure, 002's "hundreds to low thousands": 500–3,000, base 1,000), not for those
 *      the use case already has (2.12 curated at least 5,000, the examples in hand among them, so
 *      25,000 ready examples cost $166,667); building the evaluation set is not charged where the
 *      use case says one exists (running it still is); upkeep is per approach: index upkeep (002's
 *      "ongoing index management") only for RAG and the hybrid, a fine-tuned model's upkeep for
 *      fine-tuning and the hybrid, and for prompting alone a new, low prompt-upkeep assumption
 *      (not from the sources), where 2.12 charged the index upkeep to every approach; the
 *      projection carries the figures behind these lines (`labour`) for the cost panel to say.
 * 2.14: building the evaluation set and the corpus's first embedding are one-off lines of their
 *      own (EVALUATION_SET, CORPUS_EMBEDDING), paid in year 1 only, where 2.13 counted them in the
 *      evaluation and retrieval infrastructure lines: a decision's budget said them as part of the
 *      yearly run rate ("$72,000 to build in 2026, then $90,681 a year", though the later years
 *      cost $74,681), and the payback spread them over the first year. A break-even found while
 *      the acceptable lag is unanswered is none where the fine-tuned model it counts would be
 *      stale all year (withUnknownLag): 2.13 offered "Above 5.16 million calls a month, fine-tuning
 *      costs less than RAG" beside 365 stale days a year. The lifecycle totals are 2.13's.
 * 2.15: the projection carries the figures behind the retrieval infrastructure line (`retrieval`:
 *      where the corpus's embeddings live, at what a month, and its re-indexing), for the cost
 *      panel to say: a reviewer met "$0.20 a year" of retrieval infrastructure in the low case
 *      (pgvector in the database already running, at $0 a month in the low case) with nothing on
 *      the page to say why. The numbers are 2.14's.
 * 2.16: no retraining is priced where the assessment says there is no budget for it (000's
 *      prerequisite): fine-tuning is counted as trained once and left as it is, so where the
 *      knowledge changes it is stale all year and misses any acceptable lag, and the hybrid loses
 *      its yearly retraining for behaviour. 2.15 priced the cycles the organization had said it
 *      could not pay for, and offered fine-tuning as "the cheapest approach that meets the 30-day
 *      lag" on a use case that held it back for that very reason (`retraining.noBudget` says so).
 * 2.17: RAG and the hybrid with nothing to retrieve (a corpus of 0 documents, expertise that
 *      cannot be documented, no other sign of knowledge) have an empty index (`emptyIndex`): RAG is
 *      then a prompted base model and the hybrid fine-tuning, each at more cost, and neither can
 *      serve as an option of its own nor be the saving side. 2.16 offered RAG as a 65.7% saving
 *      against a recommended fine-tuning of a reasoning task with no documents (and the hybrid,
 *      priced as if retrieval kept its facts current, as cheaper than fine-tuning). A lag given for
 *      knowledge that never changes does not apply, as the frameworks read it since judgement 2.14:
 *      no approach is said to meet or miss it (2.16: "the cheapest approach that meets the 0-day
 *      lag"). The numbers are 2.16's.
 * 2.18: the stored summary holds no stale days for an approach priced from its owner's estimate
 *      or that never sees the use case's knowledge (prompting alone without it): none is a figure,
 *      as the cost panel shows "—". The portfolio's "stale days a year, as chosen" averaged their
 *      stored 0s ("0 over both use cases" for a structured pipeline). The numbers are 2.17's.
 */
export const COST_ENGINE_VERSION = "2.18";
