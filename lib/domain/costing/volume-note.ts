/**
 * Where a use case's calls are a sliver of what an approach costs: a review met a pilot of 100
 * calls a month quoted at $243,430 over three years for RAG, $30 of it the calls, with nothing on
 * the page to say that the rest is building, keeping and evaluating a production system, which
 * does not shrink with the volume. Said for the approach in play (chosen, else recommended) where
 * its inference is under SMALL_SHARE of its lifecycle (base). Pure: no Next.js, Prisma or I/O.
 */
import { APPROACH_LABELS, type Approach } from "../assessment";
import { dollars } from "../money";
import { percentSize } from "../portfolio/format";

/** Inference below this share of the lifecycle (base) is said. */
export const SMALL_SHARE = 0.05;

/** 003's MVPs, the smaller first step its figures give, said beside a production system's cost. */
const MVP: Partial<Record<Approach, string>> = {
  RAG: `003 puts a RAG MVP at "2-4 weeks engineering, ~$5K in infrastructure for the first year"`,
  // 003's training compute is a run of its own size; the line above follows the assumptions' method
  // (002: LoRA on 5,000 examples at "$50–$200"), so a review met $125 of training compute beside "$10-30K".
  FINE_TUNING: `003 puts a fine-tuning MVP at "6-12 weeks engineering + ML expertise, $10-30K in training compute, evaluation budget" (the training compute line above follows the assumptions' fine-tuning method instead: 002 puts LoRA on 5,000 curated examples at "$50–$200 in GPU compute")`,
};

export function smallVolumeNote(x: { approach: Approach; monthlyCalls: number | null; inferenceCents: number; lifecycleCents: number }): string | null {
  if (x.monthlyCalls === null || x.lifecycleCents <= 0 || x.inferenceCents < 0) return null;
  const share = x.inferenceCents / x.lifecycleCents;
  if (share >= SMALL_SHARE) return null;
  const name = APPROACH_LABELS[x.approach];
  const pct = percentSize(share * 100);
  const mvp = MVP[x.approach] ? ` These are a production system's figures; ${MVP[x.approach]}.` : "";
  return `At ${x.monthlyCalls.toLocaleString("en-US")} calls a month, ${name}'s calls come to ${dollars(x.inferenceCents)} over the lifecycle (base), ${pct} of its ${dollars(x.lifecycleCents)}: the rest is building, keeping and evaluating it (the lines above), which do not shrink with the volume.${mvp}`;
}
