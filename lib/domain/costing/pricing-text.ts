/**
 * What the cost panel says of the model behind the inference lines: where its prices come from,
 * the prices themselves and the tokens of a call. Without the figures the page named only the
 * catalogue, and "why is inference this much?" had no answer beside the totals. A projection
 * stored before cost engine 2.8 carries no figures, and is named by its source alone.
 */
import { unitPrice } from "../money";
import type { Pricing, Range } from "./assumptions";


const tokensText = (n: number) => Math.round(n).toLocaleString("en-US");

/** "1,500", or "1,000–2,500 (base 1,500)"; null where the base is missing. */
function rangeText(r: Range, f: (n: number) => string): string | null {
  if (r.base === null) return null;
  if (r.low === null || r.high === null || (r.low === r.base && r.high === r.base)) return f(r.base);
  return `${f(r.low)}–${f(r.high)} (base ${f(r.base)})`;
}

export function pricingSentence(p: Pricing): string {
  if (p.from === "missing") return `Model ${p.model}: no price (not in the catalogue, none set by hand).`;
  const source =
    p.from === "catalogue"
      ? `priced from a public price list (Pydantic's genai-prices, version ${p.catalogueVersion}, which gives no date for its prices${p.pinnedOn ? `; copied into these assumptions on ${p.pinnedOn}` : "; the list this app ships with"})`
      : "priced by hand";
  const input = p.perMillionTokens ? rangeText(p.perMillionTokens.input, unitPrice) : null;
  const output = p.perMillionTokens ? rangeText(p.perMillionTokens.output, unitPrice) : null;
  const prices = input && output ? ` at ${input} per million input tokens and ${output} per million output tokens` : "";
  const inTokens = p.tokensPerCall ? rangeText(p.tokensPerCall.input, tokensText) : null;
  const outTokens = p.tokensPerCall ? rangeText(p.tokensPerCall.output, tokensText) : null;
  const call =
    inTokens && outTokens
      ? ` A call is taken as ${inTokens} input and ${outTokens} output tokens (${p.tokensPerCall!.ownTokens ? "this use case's own figures" : "the organization's assumptions"}).`
      : "";
  const adjusted = prices ? ` ${p.inference ? byApproach(p.inference) : "These price the base model's calls; a fine-tuned model's calls and retrieval's overhead are priced as the assumptions say."}` : "";
  return `Model ${p.model}: ${source}${prices}.${call}${adjusted}`;
}

const times = (n: number) => `${Math.round(n * 100) / 100}`;
const pct = (n: number) => `${Math.round(n * 10) / 10}%`;

/**
 * How each approach's calls are priced from the base model's, so a hybrid that costs less than RAG
 * says why: "These price Prompting only's calls. RAG's calls cost 15%–30% (base 22.5%) more for the
 * retrieved context (000). Fine-tuning's calls go to a fine-tuned smaller model at 0.1–0.5 (base 0.3)
 * times the base model's price (003, 002), and the hybrid's at that plus the retrieval overhead."
 */
function byApproach(f: NonNullable<Pricing["inference"]>): string {
  const overhead = rangeText(f.retrievalOverheadPct, pct);
  const rag = overhead ? ` RAG's calls cost ${overhead} more for the retrieved context (000: "typically 15 to 30 percent more than base model inference").` : "";
  const factor = f.ftPriceFactor ? rangeText(f.ftPriceFactor, times) : null;
  const ft =
    f.ftDeployment === "SELF_HOSTED"
      ? " Fine-tuning's calls run on a self-hosted open model, priced by the GPU hours its calls take beyond the GPU kept on all year (its hosting line)"
      : factor === null
        ? ""
        : f.ftDeployment === "API_HOSTED"
          ? ` Fine-tuning's calls go to an API-hosted fine-tune of the base model at ${factor} times its price (published price tables)`
          : ` Fine-tuning's calls go to a fine-tuned smaller model at ${factor} times the base model's price (003: "10x cheaper"; 002: "a fraction of the inference cost")`;
  const hybrid = ft ? `${ft}, and the hybrid's at that${overhead ? " plus the retrieval overhead" : ""}.` : "";
  return `These price Prompting only's calls.${rag}${hybrid}`;
}
