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
  const adjusted = prices ? " These price the base model's calls; a fine-tuned model's calls and retrieval's overhead are priced as the assumptions say." : "";
  return `Model ${p.model}: ${source}${prices}.${call}${adjusted}`;
}
