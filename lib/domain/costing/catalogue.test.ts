import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE_VERSION, catalogueModels, DEFAULT_MODEL, modelPrice, pinCatalogue } from "./catalogue";

describe("the model price catalogue (@pydantic/genai-prices, offline)", () => {
  it("records the installed package's version, so a pinned snapshot names what it came from", () => {
    const pkg = JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/@pydantic/genai-prices/package.json"), "utf8")) as { version: string };
    expect(CATALOGUE_VERSION).toBe(pkg.version);
  });
  it("lists OpenAI, Anthropic and Google models with input and output prices per million tokens", () => {
    const refs = catalogueModels().map((m) => m.ref);
    expect(refs.filter((r) => r.startsWith("openai/")).length).toBeGreaterThan(30);
    expect(refs.some((r) => r.startsWith("anthropic/"))).toBe(true);
    expect(refs.some((r) => r.startsWith("google/"))).toBe(true);
    expect(modelPrice(DEFAULT_MODEL)).toEqual({ inputPerM: 2.5, outputPerM: 10, cachedInputPerM: 1.25 });
    expect(modelPrice("openai/gpt-4o-mini")).toMatchObject({ inputPerM: 0.15, outputPerM: 0.6 });
    expect(modelPrice("acme/in-house-7b")).toBeNull();
  });
  it("a pinned snapshot answers from itself, not from the installed package", () => {
    const pinned = pinCatalogue("2026-12-03");
    expect(pinned).toMatchObject({ package: "@pydantic/genai-prices", version: CATALOGUE_VERSION, pinnedOn: "2026-12-03" });
    const edited = { ...pinned, prices: { ...pinned.prices, [DEFAULT_MODEL]: { inputPerM: 9, outputPerM: 9, cachedInputPerM: null } } };
    expect(modelPrice(DEFAULT_MODEL, edited)).toMatchObject({ inputPerM: 9 });
    expect(modelPrice("openai/gpt-4o-mini", { ...pinned, prices: {} })).toBeNull();
  });
  it("leaves out what has no single price per token, and what the package marks deprecated (as read off the installed version)", () => {
    const refs = new Set(catalogueModels().map((m) => m.ref));
    expect(refs.has("openai/gpt-5.4")).toBe(false); // priced in tiers by context length
    expect(refs.has("openai/gpt-5.6-luna")).toBe(false); // priced by date
    expect(refs.has("google/gemini-2.5-flash-preview")).toBe(false); // deprecated, though flat-priced
    expect(modelPrice("google/gemini-2.5-flash-preview")).toBeNull();
    expect(refs.has("openai/ada")).toBe(true);
  });
  it("names a model by its id where the package gives no name; no cached price where it has none", () => {
    expect(catalogueModels().find((m) => m.ref === "openai/ada")).toEqual({ ref: "openai/ada", provider: "OpenAI", name: "ada", inputPerM: 0.4, outputPerM: 0.4, cachedInputPerM: null });
    expect(catalogueModels().find((m) => m.ref === "openai/gpt-4o")).toMatchObject({ name: "gpt 4o", cachedInputPerM: 1.25 });
  });
  it("lists each model once, in order of provider and id, and a snapshot holds exactly those prices", () => {
    const refs = catalogueModels().map((m) => m.ref);
    expect(refs).toEqual([...refs].sort((a, b) => a.localeCompare(b)));
    expect(new Set(refs).size).toBe(refs.length);
    const pinned = pinCatalogue("2026-12-04");
    expect(Object.keys(pinned.prices).sort()).toEqual([...refs].sort());
    expect(pinned.prices["openai/gpt-4o"]).toEqual({ inputPerM: 2.5, outputPerM: 10, cachedInputPerM: 1.25 });
  });
});
