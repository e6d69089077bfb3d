/**
 * Actual-spend files built for the tests (issue 21): a FOCUS export and a LiteLLM spend export,
 * with tagged rows, a shared resource, untagged rows, a tag naming no use case, sub-cent costs
 * and a foreign-currency row; and a re-issued February. Every expected figure below is worked
 * out by hand from the rows, so the tests check the import against arithmetic, not against itself.
 */
export const FOCUS_HEADER = "BillingAccountId,SubAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceCategory,SkuId,ConsumedQuantity,ConsumedUnit,ResourceId,Tags";

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const focusRow = (r: { day: string; cost: string; effective?: string; currency?: string; category: string; sku: string; qty: string; unit: string; resource: string; tags?: Record<string, string> }) =>
  ["ba-1", "sub-1", `${r.day}T00:00:00Z`, `${r.day}T23:59:59Z`, r.cost, r.effective ?? r.cost, r.currency ?? "USD", r.category, r.sku, r.qty, r.unit, r.resource, q(JSON.stringify(r.tags ?? {}))].join(",");

/**
 * January and February 2026.
 * January: UC-A inference 120.004 + 0.0025 + 0.0025 (= 120.009 → $120.01);
 *          shared vector-db 50.005 (Databases, untagged; the rule splits it 60/40 between A and B);
 *          UC-B inference 30.10; untagged compute 10.00 (no rule); tag UC-ZZ 5.555 (no such use case).
 *          Total 120.009 + 50.005 + 30.10 + 10.00 + 5.555 = 215.669 → $215.67.
 * February: UC-A inference 200.00, vector-db 40.00, untagged 7.00. Total $247.00.
 * Plus one EUR row in February (9.00 EUR), refused unless a rate is given.
 */
export function focusSample(options: { withEuroRow?: boolean } = {}): string {
  const rows = [
    focusRow({ day: "2026-01-03", cost: "120.004", category: "AI and Machine Learning", sku: "gpt-4o-mini", qty: "40000", unit: "Requests", resource: "openai-east", tags: { usecase: "UC-A", env: "prod" } }),
    focusRow({ day: "2026-01-04", cost: "0.0025", category: "AI and Machine Learning", sku: "gpt-4o-mini", qty: "10", unit: "Requests", resource: "openai-east", tags: { usecase: "UC-A" } }),
    focusRow({ day: "2026-01-05", cost: "0.0025", category: "AI and Machine Learning", sku: "gpt-4o-mini", qty: "10", unit: "Requests", resource: "openai-east", tags: { usecase: "UC-A" } }),
    focusRow({ day: "2026-01-06", cost: "50.005", category: "Databases", sku: "vector-search-s1", qty: "744", unit: "Hours", resource: "vector-db-1" }),
    focusRow({ day: "2026-01-07", cost: "30.10", category: "AI and Machine Learning", sku: "gpt-4o", qty: "3000", unit: "Requests", resource: "openai-west", tags: { UseCase: "UC-B" } }),
    focusRow({ day: "2026-01-08", cost: "10.00", category: "Compute", sku: "vm-d4", qty: "744", unit: "Hours", resource: "vm-orphan" }),
    focusRow({ day: "2026-01-09", cost: "5.555", category: "AI and Machine Learning", sku: "gpt-4o", qty: "100", unit: "Requests", resource: "openai-west", tags: { usecase: "UC-ZZ" } }),
    focusRow({ day: "2026-02-02", cost: "200.00", category: "AI and Machine Learning", sku: "gpt-4o-mini", qty: "60000", unit: "Requests", resource: "openai-east", tags: { usecase: "UC-A" } }),
    focusRow({ day: "2026-02-03", cost: "40.00", category: "Databases", sku: "vector-search-s1", qty: "672", unit: "Hours", resource: "vector-db-1" }),
    focusRow({ day: "2026-02-04", cost: "7.00", category: "Compute", sku: "vm-d4", qty: "672", unit: "Hours", resource: "vm-orphan" }),
  ];
  if (options.withEuroRow) rows.push(focusRow({ day: "2026-02-05", cost: "9.00", currency: "EUR", category: "AI and Machine Learning", sku: "mistral-large", qty: "10", unit: "Requests", resource: "mistral-eu", tags: { usecase: "UC-B" } }));
  return [FOCUS_HEADER, ...rows].join("\n") + "\n";
}

/** February re-issued by the provider: UC-A 180.00 (a credit applied), vector-db 40.00, no untagged row. Total $220.00. */
export function focusFebruaryReissued(): string {
  return [
    FOCUS_HEADER,
    focusRow({ day: "2026-02-02", cost: "190.00", category: "AI and Machine Learning", sku: "gpt-4o-mini", qty: "60000", unit: "Requests", resource: "openai-east", tags: { usecase: "UC-A" } }),
    focusRow({ day: "2026-02-20", cost: "-10.00", category: "AI and Machine Learning", sku: "gpt-4o-mini", qty: "0", unit: "Requests", resource: "openai-east", tags: { usecase: "UC-A" } }),
    focusRow({ day: "2026-02-03", cost: "40.00", category: "Databases", sku: "vector-search-s1", qty: "672", unit: "Hours", resource: "vector-db-1" }),
  ].join("\n") + "\n";
}

export const LITELLM_HEADER = "date,team_id,api_key,model,spend,api_requests,total_tokens,request_tags";

/**
 * LiteLLM daily spend, January 2026: UC-B 0.123456 × 3 days (= 0.370368 → $0.37), UC-A 12.5,
 * an untagged key 1.005 (no rule), and an account-level rule's team "team-shared" 3.00 (untagged).
 * Total 0.370368 + 12.5 + 1.005 + 3.00 = 16.875368 → $16.88.
 */
export function litellmSample(): string {
  return [
    LITELLM_HEADER,
    `2026-01-10,team-b,sk-b,gpt-4o-mini,0.123456,12,24000,${q('["usecase=UC-B"]')}`,
    `2026-01-11,team-b,sk-b,gpt-4o-mini,0.123456,12,24000,${q('["usecase=UC-B"]')}`,
    `2026-01-12,team-b,sk-b,gpt-4o-mini,0.123456,12,24000,${q('["usecase:UC-B","env=prod"]')}`,
    `2026-01-12,team-a,sk-a,gpt-4o,12.5,500,900000,${q('["usecase=UC-A"]')}`,
    `2026-01-13,team-x,sk-x,gpt-4o,1.005,40,80000,${q("[]")}`,
    `2026-01-14,team-shared,sk-shared,gpt-4o,3.00,100,200000,`,
  ].join("\n") + "\n";
}

/** A file's bytes as a stream in small chunks (so multi-byte characters and rows cross chunk boundaries). */
export async function* chunked(text: string | Uint8Array, size = 37): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
