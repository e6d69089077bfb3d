/**
 * The cost panel's sentences, from a stored projection summary (PRODUCT.md, "Costs v2": shown
 * plainly). They name the cheapest approach that meets the acceptable lag, compare it with the
 * next cheapest scenario by scenario (never one side's best case against the other's worst), add
 * the Monte Carlo's odds and P10–P90, and say which approaches do not meet the lag. An approach
 * that fails the lag is never the saving side, and a saving that does not hold in both the low and
 * high scenarios and in at least half the trials is said as two approaches that cost about the same
 * (notRobust). Pure, so a test reads exactly what the page shows.
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import { percentSize, plural } from "../portfolio/format";
import { dollars } from "../money";
import { cannotServe, isFeasible } from "./feasibility";
import { CAPABILITY_RULES, type Capability } from "../frameworks/capabilities";
import { NOTHING_TO_RETRIEVE } from "../frameworks/evidence";

interface Range3 { low: number; base: number; high: number }

export interface ExplainInput {
  approaches: Partial<Record<string, {
    lifecycle: Range3 & { complete: boolean };
    manual: boolean;
    meetsLag?: boolean | null;
    reachesKnowledge?: boolean;
    meetsBar?: boolean;
    emptyIndex?: boolean;
    lacksCapability?: Capability | null;
    worstDelayDays?: number | null;
  }>>;
  savings: { approach: Approach; against: Approach; baseCents: number; cents?: Range3; pct: Range3 | null }[];
  maxLagDays?: number | null;
  simulation?: { trials: number; pairs: { approach: Approach; against: Approach; cheaperShare: number; cheaperTrials?: number; p10Cents: number; p90Cents: number }[] } | null;
  /**
   * The approach in play: the one chosen, else the one recommended (for what it costs over the
   * cheapest). `notes`: a chosen approach's decision has notes (they say why it was chosen).
   */
  inPlay?: { approach: Approach; chosen: boolean; notes?: boolean } | null;
}

export interface CostExplanation {
  /** The cheapest approach that meets the lag, by lifecycle base cost; null when none is complete. */
  cheapest: Approach | null;
  /** The next cheapest approach that meets the lag, which the savings compare it with. */
  runnerUp: Approach | null;
  savings: string | null;
  simulation: string | null;
  /** One sentence per approach that cannot serve the use case: it lacks a capability the use case needs, misses the lag, or never sees the use case's knowledge. */
  infeasible: string[];
  /**
   * What the approach in play costs over the cheapest, scenario by scenario, where it is not the
   * cheapest, and where the page says why one would pay it; null otherwise.
   */
  premium: string | null;
  /** The words of the premium's last sentence that lead to that why: the Recommendation section, or the Decision tab's notes; null: no such sentence. */
  premiumWhy: { words: string; to: "recommendation" | "decision" } | null;
  /**
   * Why the approach in play is in none of the sentences above: it is not costed at all (an agent,
   * pipeline or feedback learning with no manual estimate), or costed only by its owner's manual
   * estimate, which the model does not compare; null otherwise.
   */
  inPlayNotCompared: string | null;
  /** What the low, base and high figures are, and what the simulation's P10–P90 is beside them. */
  rangesNote: string;
}

/**
 * "saves 44.3%", "costs 12.5% more", to one decimal as the portfolio gives it. A saving of real
 * money that rounds to 0.0% says "under 0.1%", never "saves 0%" beside a dollar figure; only equal
 * costs say "costs the same".
 */
export function pctText(p: number, cents: number): string {
  if (cents === 0) return "costs the same";
  const saves = p === 0 ? cents > 0 : p > 0;
  return saves ? `saves ${percentSize(p)}` : `costs ${percentSize(p)} more`;
}

/**
 * "in 1,753 of 2,000 trials": the count itself where the simulation stored it (engine 2.4 on), so
 * 1,999 of 2,000 is never rounded up to "100%"; older summaries keep their percentage, capped the
 * same way.
 */
function trialsText(share: number, count: number | undefined, trials: number): string {
  if (count !== undefined) return `${count === trials ? "all" : count.toLocaleString("en-US")} of ${trials.toLocaleString("en-US")} trials`;
  const pct = Math.round(share * 100);
  const said = pct === 100 && share < 1 ? "over 99" : pct === 0 && share > 0 ? "under 1" : String(pct);
  return `${said}% of ${trials.toLocaleString("en-US")} trials`;
}
const lagPhrase = (days: number) => `${days.toLocaleString("en-US")}-day lag`;

/** A capability the use case needs and the approach lacks, said with what the sources say it takes. */
const CAPABILITY_NEED: Record<Capability, string> = {
  needsToolUse: `${CAPABILITY_RULES.needsToolUse.cannot} (computation, code, database queries or external APIs), which 002 says take an agent with tool use`,
  learnsFromFeedback: `${CAPABILITY_RULES.learnsFromFeedback.cannot}, which 002 says takes RLHF-style feedback learning beyond a static model or index`,
  needsStyleOrFormat: `${CAPABILITY_RULES.needsStyleOrFormat.cannot}: a prompted base model was tried and falls short, and 001 says retrieval alone won't consistently change how the model writes (003 saw it give answers in the wrong style); that takes a fine-tuned model`,
  needsCitations: `${CAPABILITY_RULES.needsCitations.cannot}: 001 says a fine-tuned model hallucinates its sources, where retrieval knows which passages it used`,
};

/** The sentence for each reason an approach cannot serve (cannotServe in project.ts), after its name; the recommendation's hold (frameworks/serves.ts) says the same. */
export const INFEASIBLE: Record<NonNullable<ReturnType<typeof cannotServe>>["kind"], (x: { worstDelayDays?: number | null; lacksCapability?: Capability | null; approach?: Approach }, lag: number | null) => string> = {
  "lacks-capability": (x) => (x.lacksCapability ? CAPABILITY_NEED[x.lacksCapability] : "lacks a capability the use case needs"),
  "lacks-knowledge": () => "does not reach the use case's own knowledge (nothing is retrieved, nothing is trained, and no prompted base model has been shown to meet the bar)",
  // RAG and the hybrid where the answers say there is nothing to retrieve (frameworks/evidence.ts, retrievesNothing).
  "empty-index": (x) =>
    `has nothing to retrieve (${NOTHING_TO_RETRIEVE}): ${
      x.approach === "HYBRID"
        ? "it would be fine-tuning with an empty index, which is Fine-tuning: its retrieval would keep nothing current"
        : x.approach === "RAG"
          ? "it would be a prompted base model with an empty index, which is Prompting only"
          : "its index would be empty"
    }`,
  "below-bar": () => "falls short of the bar: a prompted base model was tried and does not meet it",
  // A wait of null is forever: never retrained, which since engine 2.16 only the assessment's "no
  // budget for retraining" gives; absent, a summary stored before the wait was kept.
  "fails-lag": (x, lag) =>
    `does not meet the ${lag === null ? "acceptable lag" : lagPhrase(lag)}: ${
      x.worstDelayDays === null
        ? "it is never retrained, as the assessment gives no budget for retraining"
        : x.worstDelayDays === undefined
          ? "it is not brought up to date in time even retraining as often as it can"
          : `it leaves a change uncorrected for up to ${plural(x.worstDelayDays, "day")} even retraining as often as it can`
    }`,
};

/**
 * The approaches that can serve the use case and are costed whole by the model (not a manual
 * estimate, no figure missing), cheapest first by lifecycle base: the first is "the cheapest that
 * serves", the second what it is compared with.
 */
export function servingByCost(s: Pick<ExplainInput, "approaches" | "maxLagDays">): Approach[] {
  const lag = s.maxLagDays ?? null;
  const candidates: { approach: Approach; base: number }[] = [];
  for (const [key, x] of Object.entries(s.approaches)) {
    if (!x || cannotServe(x, lag) || x.manual || !x.lifecycle.complete) continue;
    candidates.push({ approach: key as Approach, base: x.lifecycle.base });
  }
  return candidates.sort((p, q) => p.base - q.base).map((c) => c.approach);
}

/**
 * Why a saving between two approaches that can serve is not one to count on, or null where it is:
 * the side cheaper in the base case is dearer in the low or the high scenario (their savings
 * disagree in sign) and the simulation, where it compared the two, does not find it cheaper in at
 * least SURE_SHARE of its trials; or the simulation finds it cheaper in fewer than half its trials. Such a pair is said to cost about the same: never "the cheapest", "saves" or a
 * premium for choosing the other (a reviewer read "Hybrid is the cheapest … costs 9.6% more in the
 * high scenario" beside "Hybrid costs less than Fine-tuning in 854 of 2,000 trials", and the queue
 * asking to approve fine-tuning at "$16,865 more than Hybrid"). No stored saving: nothing to judge
 * by, so the saving stands as before.
 */
/** The share of the simulation's trials in which the cheaper side must win for its saving to stand against a scenario that disagrees. */
export const SURE_SHARE = 0.9;

export function notRobust(
  s: Partial<Pick<ExplainInput, "savings" | "simulation">>,
  cheaper: Approach,
  dearer: Approach,
): { scenarios: boolean; trials: boolean } | null {
  const sv = s.savings?.find((x) => x.approach === cheaper && x.against === dearer);
  if (!sv?.cents) return null;
  // From the cheaper side, the base saving is positive: a low or a high one below zero disagrees.
  const scenarios = sv.cents.base > 0 && (sv.cents.low < 0 || sv.cents.high < 0);
  const mc = s.simulation?.pairs.find((x) => x.approach === cheaper && x.against === dearer);
  const won = mc ? (mc.cheaperTrials !== undefined ? mc.cheaperTrials / s.simulation!.trials : mc.cheaperShare) : null;
  const trials = won !== null && won < 0.5;
  // The low and high scenarios take every figure at its low or its high at once; the simulation draws
  // them apart. Where it finds the cheaper side cheaper in at least SURE_SHARE of its trials, a
  // scenario that disagrees is not enough to call the two about the same (a reviewer read "cost about
  // the same" of a 30% gap beside "cheaper in 1,941 of 2,000 trials").
  const sure = won !== null && won >= SURE_SHARE;
  return (scenarios && !sure) || trials ? { scenarios, trials } : null;
}

/**
 * Whether the words for the two cheapest approaches that serve wait on the simulation: the base
 * case's cheaper is dearer in the low or the high scenario, so notRobust asks the Monte Carlo, and
 * the summary was stored without one (saves and imports leave it out). The decision's choices and
 * the queue then run it as the cost panel does, so no page calls "about the same" a saving the
 * panel beside it says (a review read "cost about the same" of a 21.3% gap there).
 */
export function needsSimulation(s: Pick<ExplainInput, "approaches" | "maxLagDays"> & Partial<Pick<ExplainInput, "savings" | "simulation">>): boolean {
  if (s.simulation !== undefined) return false;
  const [cheapest, runnerUp] = servingByCost(s);
  if (!cheapest || !runnerUp) return false;
  const sv = s.savings?.find((x) => x.approach === cheapest && x.against === runnerUp);
  return !!sv?.cents && sv.cents.base > 0 && (sv.cents.low < 0 || sv.cents.high < 0);
}

/**
 * "1.6% less", "9.6% more" (or "$2,000 less" where no percentage is comparable): one side's cost
 * against the other's, from what the first saves, without calling either a saving.
 */
function diffText(p: number | null, cents: number): string {
  if (cents === 0) return "the same";
  const less = p === null || p === 0 ? cents > 0 : p > 0;
  return `${p === null ? dollars(Math.abs(cents)) : percentSize(p)} ${less ? "less" : "more"}`;
}

export function explainCosts(s: ExplainInput): CostExplanation {
  const lag = s.maxLagDays ?? null;
  const infeasible: string[] = [];
  for (const [key, x] of Object.entries(s.approaches)) {
    const why = x ? cannotServe(x, lag) : null;
    if (x && why) infeasible.push(`${APPROACH_LABELS[key as Approach]} ${INFEASIBLE[why.kind]({ ...x, approach: key as Approach }, lag)}, so it is never offered as a saving.`);
  }
  const [cheapest = null, runnerUp = null] = servingByCost(s);
  let savings: string | null = null;
  let simulation: string | null = null;
  if (cheapest && runnerUp) {
    const sv = s.savings.find((x) => x.approach === cheapest && x.against === runnerUp);
    // "That meets the lag" only where the lag is what put cheaper approaches aside: prompting left
    // out because it never sees the use case's knowledge is cheaper and meets any lag.
    const cheaperAside = Object.values(s.approaches).flatMap((x) => {
      const why = x && x.lifecycle.base < s.approaches[cheapest]!.lifecycle.base ? cannotServe(x, lag) : null;
      return why ? [why.kind] : [];
    });
    const lagText = lag === null ? "" : ` the ${lagPhrase(lag)}`;
    const canServe = cheaperAside.some((k) => k !== "fails-lag");
    const which = canServe ? ` that can serve it${lagText ? ` within${lagText}` : ""}` : lagText ? ` that meets${lagText}` : "";
    // Of the two together: "the two cheapest approaches that meet the 7-day lag" (it read "that meets").
    const whichTwo = canServe || !lagText ? which : ` that meet${lagText}`;
    const who = `${APPROACH_LABELS[cheapest]} is the cheapest approach${which}`;
    // The runner-up may be the approach in play: said here, so no second sentence repeats it.
    const inPlayNote = s.inPlay?.approach === runnerUp ? ` (${s.inPlay.chosen ? "the chosen approach" : "the recommendation"})` : "";
    const shaky = notRobust(s, cheapest, runnerUp);
    if (shaky && sv?.cents) {
      // Not a saving to count on: the two are said to cost about the same, with the figures that show it.
      const [a, b] = [APPROACH_LABELS[cheapest], APPROACH_LABELS[runnerUp]];
      const base = sv.cents.base === 0
        ? `costs the same as ${b} over the lifecycle in the base case`
        : `comes to ${dollars(sv.cents.base)}${sv.pct ? ` (${percentSize(sv.pct.base)})` : ""} less than ${b} over the lifecycle in the base case`;
      const odds = shaky.trials ? `, and it is the cheaper in fewer than half of the simulation's trials (below)` : "";
      savings = `${a} and ${b}${inPlayNote}, the two cheapest approaches${whichTwo}, cost about the same: ${a} ${base}, ${diffText(sv.pct?.low ?? null, sv.cents.low)} in the low scenario and ${diffText(sv.pct?.high ?? null, sv.cents.high)} in the high scenario${odds}.`;
    } else if (sv?.pct && sv.cents) {
      savings = `${who}: against ${APPROACH_LABELS[runnerUp]}${inPlayNote} it ${pctText(sv.pct.base, sv.cents.base)} over the lifecycle in the base case (${dollars(sv.cents.base)}), ${pctText(sv.pct.low, sv.cents.low)} in the low scenario and ${pctText(sv.pct.high, sv.cents.high)} in the high scenario.`;
    } else {
      savings = `${who}, ahead of ${APPROACH_LABELS[runnerUp]}${inPlayNote}.`;
    }
    // An approach that can serve but lacks part of its cost is in no comparison; where what is known
    // of it is already below the cheapest's, it may yet be the cheapest, which is said (a reviewer
    // read "Prompting only is the cheapest approach" beside fine-tuning's incomplete $1.89M against $4.14M).
    const below = Object.entries(s.approaches).flatMap(([key, x]) =>
      x && !x.manual && !x.lifecycle.complete && !cannotServe(x, lag) && x.lifecycle.base < s.approaches[cheapest]!.lifecycle.base ? [APPROACH_LABELS[key as Approach]] : [],
    );
    if (savings && below.length) {
      const names = below.length > 1 ? `${below.slice(0, -1).join(", ")} and ${below.at(-1)}` : below[0]!;
      savings += ` ${names} ${below.length > 1 ? "are" : "is"} not compared, as part of ${below.length > 1 ? "their" : "its"} cost is missing (below); what is known of it already comes to less than ${APPROACH_LABELS[cheapest]}'s, so ${below.length > 2 ? "any of them" : below.length > 1 ? "either" : "it"} may yet be the cheaper.`;
    }
    const mc = s.simulation?.pairs.find((x) => x.approach === cheapest && x.against === runnerUp);
    if (mc && s.simulation) {
      const spread = mc.p10Cents >= 0
        ? `it saves ${dollars(mc.p10Cents)}–${dollars(mc.p90Cents)} (P10–P90)`
        : `the saving runs from ${dollars(mc.p10Cents)} to ${dollars(mc.p90Cents)} (P10–P90; negative: it costs more)`;
      simulation = `${APPROACH_LABELS[cheapest]} costs less than ${APPROACH_LABELS[runnerUp]} in ${trialsText(mc.cheaperShare, mc.cheaperTrials, s.simulation.trials)}; ${spread}.`;
    }
  }
  const { premium, premiumWhy } = s.inPlay?.approach === runnerUp ? { premium: null, premiumWhy: null } : premiumOf(s, cheapest);
  return { cheapest, runnerUp, savings, simulation, infeasible, premium, premiumWhy, inPlayNotCompared: notCompared(s), rangesNote: rangesNote(simulation ? s.simulation!.trials : null) };
}

/**
 * Two ranges sit side by side on the panel: the scenarios' low–high and the simulation's P10–P90,
 * the second much narrower (a saving of $346k–$1.57M low to high read beside "$632k–$1.02M
 * (P10–P90)" with nothing to say which is which). Said once, under the table.
 */
export function rangesNote(trials: number | null): string {
  const scenarios = "Low and high put every cost figure (rates, prices, hours) at the low, or the high, end of its range at once, for every approach alike; base takes each figure's base. The volume is the use case's own in all three.";
  if (trials === null) return scenarios;
  return `${scenarios} The simulation instead draws each figure from its range in each of ${trials.toLocaleString("en-US")} trials (a figure two approaches share, once for both); its P10–P90 is where the middle 8 in 10 trials' savings fall, so it is narrower than the low-to-high scenarios, which have every figure at one end together.`;
}

/**
 * "Structured pipeline, the recommendation, is not costed: …": the savings and premium sentences
 * compare only approaches the model projects, so an approach in play that it does not project (no
 * manual estimate) or that only a manual estimate prices would otherwise go unmentioned while two
 * other approaches are compared.
 */
function notCompared(s: ExplainInput): string | null {
  const play = s.inPlay;
  if (!play) return null;
  const who = `${APPROACH_LABELS[play.approach]}, ${play.chosen ? "the chosen approach" : "the recommendation"},`;
  const x = s.approaches[play.approach];
  if (!x) {
    return `${who} is not costed: the model projects RAG, fine-tuning, hybrid and prompting only, and no manual yearly estimate is entered for it, so it is in no money total and none of the comparisons here.`;
  }
  if (x.manual) {
    // Against the cheapest that serves, as the decision's choices say it (./options.ts).
    const cheapest = servingByCost(s)[0];
    const over = cheapest ? x.lifecycle.base - s.approaches[cheapest]!.lifecycle.base : 0;
    const same = cheapest && over > 0 && notRobust(s, cheapest, play.approach);
    const against = !cheapest || over === 0 ? "" : same ? `, about the same as ${APPROACH_LABELS[cheapest]} (${dollars(over)} more in the base case, not in every scenario)` : `, ${dollars(Math.abs(over))} ${over > 0 ? "more" : "less"} than ${APPROACH_LABELS[cheapest]}`;
    return `${who} is priced by its owner's manual estimate, not by the model, so the comparisons above leave it out: ${dollars(x.lifecycle.base)} over the lifecycle in the base case${against}.`;
  }
  return null;
}


/**
 * Where the page says why the dearer approach is in play, for the premium's last sentence: the
 * recommendation's reasons and what would change it are in the Recommendation section above the
 * cost panel; a chosen approach's, in its decision notes, where there are any (none: nothing said).
 */
const WHY: Record<"recommendation" | "decision", { sentence: string; words: string }> = {
  recommendation: { sentence: "Why it is recommended and what would change it are under Recommendation above.", words: "Recommendation" },
  decision: { sentence: "Why it was chosen is in the decision notes, on the Decision tab.", words: "Decision tab" },
};

/**
 * "Fine-tuning, the recommendation, costs $975,120 more than RAG over the lifecycle in the base
 * case (3.8 times RAG's), $467,300 more in the low scenario and $1,912,000 more in the high": what following
 * the recommendation (or the decision) costs over the cheapest approach that can serve, so the
 * premium is said, never left for the reader to subtract. Only between two complete projections
 * the engine compared (their saving is stored), and never for an approach that cannot serve. A
 * last sentence says where the page answers why one would pay it (WHY).
 */
function premiumOf(s: ExplainInput, cheapest: Approach | null): Pick<CostExplanation, "premium" | "premiumWhy"> {
  const none = { premium: null, premiumWhy: null } as const;
  const play = s.inPlay;
  if (!play || !cheapest || play.approach === cheapest) return none;
  const x = s.approaches[play.approach];
  const sv = s.savings.find((v) => v.approach === cheapest && v.against === play.approach);
  if (x && !x.manual && !isFeasible(x) && x.lifecycle.complete && sv?.cents) return cannotServePremium(s, cheapest, play, { cents: sv.cents, pct: sv.pct });
  if (!x || x.manual || !isFeasible(x) || !x.lifecycle.complete || !sv?.cents || sv.cents.base <= 0) return none;
  const c = s.approaches[cheapest]!.lifecycle;
  const times = c.base > 0 ? ` (${relative(x.lifecycle.base / c.base, APPROACH_LABELS[cheapest])})` : "";
  const more = (cents: number) => (cents > 0 ? `${dollars(cents)} more` : cents < 0 ? `${dollars(-cents)} less` : "the same");
  const who = `${APPROACH_LABELS[play.approach]}, ${play.chosen ? "the chosen approach" : "the recommendation"},`;
  // Dearer in the base case only, not in every scenario (or the simulation): no premium to pay for it.
  const shaky = notRobust(s, cheapest, play.approach);
  if (shaky) {
    const odds = shaky.trials ? `, and the simulation finds it dearer in fewer than half of its trials` : "";
    return { premium: `${who} costs about the same as ${APPROACH_LABELS[cheapest]}: ${more(sv.cents.base)} over the lifecycle in the base case${times}, ${more(sv.cents.low)} in the low scenario and ${more(sv.cents.high)} in the high${odds}.`, premiumWhy: null };
  }
  const cost = `${who} costs ${more(sv.cents.base)} than ${APPROACH_LABELS[cheapest]} over the lifecycle in the base case${times}, ${more(sv.cents.low)} in the low scenario and ${more(sv.cents.high)} in the high.`;
  const to = !play.chosen ? "recommendation" : play.notes ? "decision" : null;
  return to ? { premium: `${cost} ${WHY[to].sentence}`, premiumWhy: { words: WHY[to].words, to } } : { premium: cost, premiumWhy: null };
}

/**
 * What choosing (or recommending) an approach that cannot serve costs, said from the side of the
 * cheapest that can: "RAG would save $1,520,519 (80.6%) against Fine-tuning, the chosen approach,
 * over the lifecycle in the base case, $700,000 (75%) in the low scenario and $3,000,000 (85%) in
 * the high; Fine-tuning also cannot keep answers within the 14-day lag." Scenario with scenario;
 * the approach that cannot serve is never the better side (PRODUCT.md, "Costs v2": feasibility):
 * where it costs less, that is said with why it is no option. The panel said only "RAG … against
 * Hybrid it saves 65.9%" beside a chosen fine-tuning of $1,885,702 that misses the lag.
 */
function cannotServePremium(
  s: ExplainInput,
  cheapest: Approach,
  play: NonNullable<ExplainInput["inPlay"]>,
  sv: { cents: Range3; pct: Range3 | null },
): Pick<CostExplanation, "premium" | "premiumWhy"> {
  const lag = s.maxLagDays ?? null;
  const why = cannotServe(s.approaches[play.approach]!, lag)!;
  const [name, best] = [APPROACH_LABELS[play.approach], APPROACH_LABELS[cheapest]];
  const role = play.chosen ? "the chosen approach" : "the recommendation";
  const cannot = why.kind === "fails-lag" ? `cannot keep answers within the ${lag === null ? "acceptable lag" : lagPhrase(lag)}` : `cannot serve the use case: it ${why.text}`;
  const to: keyof typeof WHY | null = !play.chosen ? "recommendation" : play.notes ? "decision" : null;
  const withWhy = (sentence: string): Pick<CostExplanation, "premium" | "premiumWhy"> => (to ? { premium: `${sentence} ${WHY[to].sentence}`, premiumWhy: { words: WHY[to].words, to } } : { premium: sentence, premiumWhy: null });
  if (sv.cents.base <= 0) {
    // Cheaper (or the same) in the base case, and still no option: never said as a saving.
    const cheaper = sv.cents.base === 0 ? `costs the same as ${best}` : `costs ${dollars(-sv.cents.base)} less than ${best}`;
    return withWhy(`${name}, ${role}, ${cheaper} over the lifecycle in the base case, but it ${cannot}; ${best} is the cheapest approach that can serve it.`);
  }
  const saved = (cents: number, p: number | null | undefined) =>
    cents > 0 ? `${dollars(cents)}${p === null || p === undefined ? "" : ` (${percentSize(p)})`}` : cents === 0 ? "nothing" : `nothing (it costs ${dollars(-cents)} more)`;
  return withWhy(
    `${best} would save ${saved(sv.cents.base, sv.pct?.base)} against ${name}, ${role}, over the lifecycle in the base case, ${saved(sv.cents.low, sv.pct?.low)} in the low scenario and ${saved(sv.cents.high, sv.pct?.high)} in the high; ${name} also ${cannot}.`,
  );
}

/** Against the cheapest's cost: "3.8 times RAG's" from twice up, "30% above RAG's" below. */
function relative(ratio: number, cheapest: string): string {
  return ratio >= 1.95 ? `${(Math.round(ratio * 10) / 10).toLocaleString("en-US")} times ${cheapest}'s` : `${percentSize((ratio - 1) * 100)} above ${cheapest}'s`;
}
