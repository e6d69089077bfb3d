/**
 * The model price catalogue: an adapter that turns the bundled data of `@pydantic/genai-prices`
 * (MIT, Pydantic; prices per million input and output tokens, offline) into plain figures. The
 * package stays at this edge: nothing else in the engine imports it. Its network refresh
 * (`updatePrices`) is never called, so prices change only when the package is upgraded, and an
 * organization's saved assumptions pin a snapshot of them (PinnedCatalogue) so an old projection
 * stays explainable after an upgrade.
 */
import { findProvider, type ModelInfo } from "@pydantic/genai-prices";

export const CATALOGUE_PACKAGE = "@pydantic/genai-prices";
/** The installed package's version (held equal to node_modules by catalogue.test.ts). */
export const CATALOGUE_VERSION = "0.1.8";
const PROVIDERS = ["openai", "anthropic", "google"] as const;

/** "openai/gpt-4o": a provider and one of its model ids. */
export type ModelRef = string;

export interface ModelPrice {
  inputPerM: number;
  outputPerM: number;
  /** Cached input, where the catalogue has it. */
  cachedInputPerM: number | null;
}

export interface CatalogueModel extends ModelPrice {
  ref: ModelRef;
  provider: string;
  name: string;
}

/** A snapshot of the catalogue's prices, stored in an assumption version. */
export interface PinnedCatalogue {
  package: string;
  version: string;
  /** The day the snapshot was taken (the package carries no price date of its own). */
  pinnedOn: string;
  prices: Record<ModelRef, ModelPrice>;
}

/**
 * The default model: a large, current API model, which 003's comparison assumes ("a fine-tuned
 * small model can sometimes match a large model's quality ... and run 10x cheaper") and 002's
 * "RAG system using an API-based foundation model" runs on.
 */
export const DEFAULT_MODEL: ModelRef = "openai/gpt-4o";

const flat = (m: ModelInfo): ModelPrice | null => {
  if (Array.isArray(m.prices)) return null; // time-of-day or dated prices: not a single figure
  const p = m.prices as Record<string, unknown>;
  if (typeof p.input_mtok !== "number" || typeof p.output_mtok !== "number") return null; // tiered or not per token
  return { inputPerM: p.input_mtok, outputPerM: p.output_mtok, cachedInputPerM: typeof p.cache_read_mtok === "number" ? p.cache_read_mtok : null };
};

let models: CatalogueModel[] | null = null;

/** Every model of the catalogue with one flat price per token, by provider then id. */
export function catalogueModels(): readonly CatalogueModel[] {
  if (models) return models;
  const out: CatalogueModel[] = [];
  for (const providerId of PROVIDERS) {
    const provider = findProvider({ providerId });
    if (!provider) continue;
    for (const m of provider.models) {
      const price = flat(m);
      if (!price || m.deprecated) continue;
      out.push({ ref: `${providerId}/${m.id}`, provider: provider.name, name: m.name ?? m.id, ...price });
    }
  }
  models = out.sort((a, b) => a.ref.localeCompare(b.ref));
  return models;
}

const byRef = () => new Map(catalogueModels().map((m) => [m.ref, m]));
let index: Map<ModelRef, CatalogueModel> | null = null;

/** A model's price: from a pinned snapshot when there is one, else from the installed catalogue; null if neither has it. */
export function modelPrice(ref: ModelRef, pinned?: PinnedCatalogue | null): ModelPrice | null {
  if (pinned) return pinned.prices[ref] ?? null;
  index ??= byRef();
  const m = index.get(ref);
  return m ? { inputPerM: m.inputPerM, outputPerM: m.outputPerM, cachedInputPerM: m.cachedInputPerM } : null;
}

/** A snapshot of the installed catalogue, taken on `day` (YYYY-MM-DD). */
export function pinCatalogue(day: string): PinnedCatalogue {
  return {
    package: CATALOGUE_PACKAGE,
    version: CATALOGUE_VERSION,
    pinnedOn: day,
    prices: Object.fromEntries(catalogueModels().map((m) => [m.ref, { inputPerM: m.inputPerM, outputPerM: m.outputPerM, cachedInputPerM: m.cachedInputPerM }])),
  };
}
