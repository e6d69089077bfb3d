/**
 * The version of the judgement on top of the frameworks' rules: evidence levels, the default start,
 * the consensus's words, the risk flags. Stored with every score; start-up re-scores the use cases
 * whose score came from another (lib/server/rescore.ts), as it does for framework versions.
 * 2.0: evidence levels, the default start, flags of version 2 (with the frameworks' 2.0.0).
 * 2.1: the default start and the cost panel agree on what prompting can serve; a tie on votes is
 *      said; FT_THOUGH_PROMPTING_MEETS_BAR and PROMPTING_WITHOUT_ITS_KNOWLEDGE; the staleness flag
 *      follows the cost panel's rule.
 * 2.2: a provisional lean to training says when a prompted base model already meets the bar; the
 *      default start is RAG, not prompting, where a prompted base model was tried and falls short;
 *      PROMPTING_BELOW_BAR.
 * 2.3: the recommendation is held to what can serve the use case (./serves.ts, the cost panel's
 *      rules): where the frameworks' pick misses the acceptable lag or is prompting that never sees
 *      the use case's knowledge or was found short of the bar, the recommendation is the next
 *      approach they pick that can, else the seeds' default start. FT_WITHOUT_RETRAINING_BUDGET is
 *      not raised where the knowledge is static (no retraining is planned).
 * 2.4: one hold for the first pick and the fallback (never a trained model on a provisional score
 *      whose prerequisites are unknown; no lean to an approach that misses the lag); waits said
 *      "up to N days" rounded up; a tie after a hold is said; knowledge "changes in real time"; a
 *      lean whose named answers lead elsewhere says where (then "Fine-tuning leans, but if …, the
 *      recommendation would be Hybrid").
 * 2.5: fine-tuning on fast-changing knowledge within the acceptable lag says what keeping within
 *      it takes (the retrainings a year, the longest wait), so the flag does not read as
 *      contradicting the recommendation; the recommendations are 2.4's.
 * 2.6: the words only, so stored scores say them: a lean reads "The frameworks lean to
 *      Fine-tuning, which would be recommended once …" (it read "Fine-tuning leans if …"), and a
 *      tie broken on fit says what its figures are (the voting frameworks' scores, summed); the
 *      recommendations are 2.5's.
 * 2.7: never a trained model where a prerequisite is known to be missing (fewer labeled examples
 *      than ENOUGH_LABELS; no retraining budget for knowledge that changes), whatever the evidence:
 *      the recommendation is the next approach the frameworks pick that can serve and trains no
 *      model, else the default start (the default start while others are unknown, as in 2.4),
 *      with "The frameworks lean to Hybrid, which would be
 *      recommended once there is budget and engineering for retraining (the assessment says there
 *      is none)"; a lean to training names sensitive data that must stay out of it.
 * 2.8: a prompted base model that already meets the bar is a third prerequisite known to be
 *      missing (002 checks it before any training): no fine-tuning or hybrid is recommended over
 *      it, where 2.7 recommended one and raised FT_THOUGH_PROMPTING_MEETS_BAR against itself; a
 *      hold says "the sources' default starting approach", not "the seeds' default start".
 * 2.9: LEARNING_WITHOUT_FEEDBACK_LOOP: where the use case must learn from its users and the
 *      approach in play is an agent or a structured pipeline (which the capability rule leaves
 *      able), the flag says neither learns unless a feedback loop is built in; the
 *      recommendations are 2.8's.
 * 2.10: TIME_TO_VALUE_PAST_DEADLINE: where the approach in play typically takes longer to first
 *      serve its users (the cost assumptions' time to value, base: 000's "days" for RAG, "eight
 *      weeks" for fine-tuning and the hybrid) than the weeks until it must be in production, and
 *      "what would change it" offers no deadline the approach it leads to would miss; RAG alone
 *      cannot serve a use case that needs a format, style or voice a prompted base model was tried
 *      on and fell short of (./capabilities.ts; 001, 003), so it is never the cheapest that serves
 *      or a saving there, and where nothing else serves without training a model the answers do
 *      not yet justify, there is no recommendation (the lean says what would bring one); "Start
 *      with RAG" (2.1.0) and "Behaviour versus knowledge" (2.1.0) never vote or score prompting
 *      where a prompted base model was tried and falls short, and 002's thin-data rule only warns
 *      against fine-tuning, as its sentence does.
 * 2.11: "what would change it" ranks and words the unanswered questions by the recommendation the
 *      page would show, after the evidence rules, not by the frameworks' vote before them: a
 *      question is said to change the recommendation only where an answer to it would; where only
 *      the vote would move, it says so and what holds the recommendation ("the frameworks would
 *      lean to Hybrid or RAG, but the recommendation stays RAG while … are unanswered", "… because
 *      a prompted base model already meets the bar"). Where the knowledge never changes, the
 *      acceptable lag does not apply (./evidence.ts, questionApplies): it is not asked for nor
 *      offered as a change, and a case missing only the lag is assessed, not provisional; the
 *      recommendations are 2.10's.
 * 2.12: a framework votes only on a rule that read an answer and speaks for some approach, never
 *      on its unconditional rule alone ("Start with RAG, almost always", "RAG is the recommended
 *      starting point") nor beside one that only speaks against ("too little curated data"), which reads
 *      nothing of the case: such votes outvoted a framework that read a given answer ("Email
 *      summaries", with only "a prompted base model already meets the bar: yes", was RAG, "2 of 3
 *      voting agree", beside that framework's "stop there" for prompting; it is now Prompting only)
 *      and put RAG where nothing is retrieved (50,000 labeled examples alone was RAG, "2 of 3").
 *      Where no framework votes, the recommendation is the sources' default start, which asks
 *      first whether there is knowledge to retrieve. A framework that did not vote is said to have
 *      "none of their questions answered" only where none is, else "nothing they weigh points to
 *      an approach".
 * 2.13: answers that must cite their sources rule out fine-tuning alone (./capabilities.ts,
 *      needsCitations; 001: "Fine-tuned models hallucinate sources"): it is never recommended for
 *      them, never the cheapest that serves nor the cheaper side of a saving or break-even, and
 *      "what would change it" names the answer. A reviewer's use case citing a corpus of 5 million
 *      documents read "Fine-tuning is the cheapest approach that meets the 30-day lag". And a
 *      contradiction (CONTRADICTORY_ANSWERS, "prompted-baseline-cannot-cite"): a prompted base
 *      model said to meet the bar where the answers must cite a corpus too large for a prompt.
 * 2.14: PRODUCT.md's provisional rule, "the seeds' default start (RAG where there is knowledge to
 *      retrieve, else prompting)", holds where the frameworks pick RAG: on provisional evidence
 *      with no answer saying there is knowledge to retrieve and prompting able to serve, the
 *      recommendation is prompting, the frameworks' RAG said as a lean (`about: "knowledge"`,
 *      ./hold.ts). A reviewer's use case with nothing to retrieve read RAG with 199 labeled
 *      examples and prompting with 200 (labeled examples have nothing to do with retrieval).
 *      The frameworks no longer read an answer that does not apply (assessment.ts,
 *      applicableAnswers): a 1-day lag given for knowledge that never changes fired "Less than a
 *      week of lag is acceptable: RAG is mandatory" over an empty corpus. And "what would change
 *      it" never gives a value it tried for an unanswered question as the reason the
 *      recommendation stays ("because there are only 199 labeled examples", of a question left
 *      unanswered). No fine-tuning or hybrid while no prompted base model has been tried
 *      ("untested": 002 validates one first), on any evidence: the default start, with the lean
 *      naming the answer that would bring it (an assessed case read "Fine-tuning, 4 of 5" beside
 *      its own FT_BEFORE_PROMPTED_BASELINE flag, "try that first").
 * 2.15: RAG and the hybrid with nothing to retrieve (a corpus of 0 documents, expertise that
 *      cannot be documented, no other sign of knowledge: ./evidence.ts, retrievesNothing) have an
 *      empty index: RAG is then a prompted base model and the hybrid fine-tuning. Neither is
 *      recommended nor the recommendation's fallback (./serves.ts, "empty-index", held back with
 *      why), the cost panel never offers either as a saving (cost engine 2.17), and choosing one
 *      raises NOTHING_TO_RETRIEVE. A reviewer's classifier with no documents, whose prompted model
 *      fell short, read "RAG … saves 65.7%" against the fine-tuning 4 of 5 frameworks recommend, and
 *      "what would change it" offered RAG for a shorter lag. A retrieval need or citations over no
 *      documents do not bring a corpus (they are flagged as contradictions; a second review read
 *      "Hybrid, 3 of 5" priced on an empty index beside "there are no documents to cite"). Where the
 *      sources' default start is RAG and the pick is RAG, the hold no longer repeats the reason it
 *      gave for the pick. 003's "Start with the cheaper option": where RAG ties with prompting on
 *      votes and prompting can serve, prompting is recommended (the voters' fit had decided, and it
 *      counts points some frameworks can give RAG and not prompting), except on a provisional score
 *      with knowledge to retrieve, which starts on RAG (PRODUCT.md). Frameworks "Three questions"
 *      and "When to use" 2.1.0: a deadline under five weeks counts against training instead of for
 *      RAG, so neither votes RAG on a deadline alone (a two-week deadline turned prompting into RAG
 *      in 42 of 6,000 generated cases; 20 of 10,000 still turn where the deadline takes a
 *      framework's vote from fine-tuning to RAG). A new contradiction: knowledge that changes in
 *      real time with nothing to draw it from (no documents, expertise not documented, no tools).
 *      "What would change it" says why where a hold, not the vote, puts the recommendation there:
 *      "If there were 200 labeled examples (now 40), the recommendation would be RAG: the
 *      frameworks would pick Fine-tuning, held back because there is no budget or engineering for
 *      retraining" (it ended at "RAG").
 * 2.16 The staleness flag, where there is no budget for retraining, says the fine-tuned model is
 *      trained once and never brought up to date, as the cost panel prices it (it said "each
 *      retraining takes about 21 days" of a model that would never be retrained, beside a panel
 *      reading "365 stale days a year"); it is raised for any knowledge that changes. The ordered
 *      decision tree 2.1.0 ends its walk at either answer to "fits a context window". Where no
 *      approach serves without training, a style a prompted model fell short of is said "(a prompted
 *      base model was tried on it and fell short)". Where the frameworks' pick cannot serve and the
 *      next pick is recommended, the agreement says the pick set aside ("2 of 5 voting agree, three
 *      differ; Fine-tuning, which 3 pick, is set aside as it cannot serve the use case"): the
 *      portfolio's disagreements showed it alone, as two votes beating three.
 */
export const JUDGEMENT_VERSION = "2.16";
