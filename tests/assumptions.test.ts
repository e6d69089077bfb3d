import { describe, expect, it } from "vitest";
import { saveAssumptions } from "@/app/o/[org]/assumptions/actions";
import { DEFAULT_ASSUMPTIONS } from "@/lib/domain/costing";
import { currentAssumptions } from "@/lib/server/assumptions";
import { compareAssumptionVersions, listAssumptionVersions } from "@/lib/server/assumption-versions";
import { db } from "@/lib/server/db";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

/** The edit form's input: the defaults plus a negotiated model price by hand and a call size. */
function pricedInput(expectedVersion: number, note = "Price list 2027") {
  return {
    expectedVersion,
    fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod,
    values: {
      ...DEFAULT_ASSUMPTIONS.values,
      modelInputPricePerMTokens: { low: 5, base: 10, high: 20 },
      modelOutputPricePerMTokens: { low: 5, base: 10, high: 20 },
      inputTokensPerCall: { low: 1000, base: 1000, high: 1000 },
      outputTokensPerCall: { low: 0, base: 0, high: 0 },
    },
    note,
  };
}

async function createUseCase(org: TestOrg, title: string) {
  const { id } = await inUseCaseTransaction((tx) =>
    writeUseCase(
      tx,
      { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" },
      { fields: { title, horizonYears: 1, startDate: "2027-01-01", assessment: { monthlyCalls: 100_000, coreNeed: "retrieval", changeFrequency: "weekly" } } },
    ),
  );
  return id;
}

async function footprint(orgId: string) {
  const [versions, audits, lines] = await Promise.all([
    db.assumptionVersion.count({ where: { organizationId: orgId } }),
    db.auditEvent.count({ where: { organizationId: orgId, action: "assumptions.updated" } }),
    db.costLine.findMany({ where: { organizationId: orgId }, select: { useCaseId: true, approach: true, category: true, yearIndex: true, baseCents: true }, orderBy: [{ useCaseId: "asc" }, { approach: "asc" }, { category: "asc" }, { yearIndex: "asc" }] }),
  ]);
  return { versions, audits, lines };
}

describe("changing the cost assumptions", () => {
  it("finance saves a new version with who and why, audits the changed figures only, and re-projects every use case", async () => {
    const org = await createTestOrg("assume");
    const first = await createUseCase(org, "Support bot");
    const second = await createUseCase(org, "Contract search");
    const inference = (useCaseId: string) => db.costLine.findFirstOrThrow({ where: { useCaseId, approach: "PROMPTING", category: "INFERENCE" } });
    // Before any save: the default model (openai/gpt-4o, $2.50 / $10 per million tokens) from the
    // catalogue: 1.2M calls × (1,500 × 2.5 + 300 × 10) per million = $8,100.
    expect(await inference(first)).toMatchObject({ lowCents: 540_000n, baseCents: 810_000n, highCents: 1_350_000n });

    signInAs(org.users.FINANCE.id);
    const res = await saveAssumptions(org.slug, pricedInput(0));
    expect(res).toMatchObject({ ok: true, data: { version: 1, reprojected: 2 } });

    // 100,000 calls a month × 12 × 1,000 tokens × the hand price per million
    for (const id of [first, second]) {
      expect(await inference(id)).toMatchObject({ lowCents: 600_000n, baseCents: 1_200_000n, highCents: 2_400_000n });
    }
    const v = await db.assumptionVersion.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(v).toMatchObject({ version: 1, note: "Price list 2027", createdById: org.users.FINANCE.id });
    expect((await db.useCase.findUniqueOrThrow({ where: { id: first } })).assumptionVersionId).toBe(v.id);
    const saved = (await currentAssumptions(db, org.id)).set;
    expect(saved.values.modelInputPricePerMTokens).toEqual({ low: 5, base: 10, high: 20 });
    // The first save pins the installed catalogue into the version.
    expect(saved.catalogue).toMatchObject({ package: "@pydantic/genai-prices", version: "0.1.8", pinnedOn: new Date().toISOString().slice(0, 10) });
    expect(saved.catalogue!.prices["openai/gpt-4o"]).toEqual({ inputPerM: 2.5, outputPerM: 10, cachedInputPerM: 1.25 });

    const events = await db.auditEvent.findMany({ where: { organizationId: org.id, action: "assumptions.updated" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: org.users.FINANCE.id, entity: "AssumptionVersion", entityId: v.id });
    const none = { low: null, base: null, high: null };
    expect(events[0]!.before).toEqual({
      version: 0,
      catalogue: null,
      values: { modelInputPricePerMTokens: none, modelOutputPricePerMTokens: none, inputTokensPerCall: { low: 1000, base: 1500, high: 2500 }, outputTokensPerCall: { low: 200, base: 300, high: 500 } },
    });
    expect(events[0]!.after).toEqual({
      version: 1,
      note: "Price list 2027",
      catalogue: { package: "@pydantic/genai-prices", version: "0.1.8", pinnedOn: new Date().toISOString().slice(0, 10) },
      values: {
        modelInputPricePerMTokens: { low: 5, base: 10, high: 20 }, modelOutputPricePerMTokens: { low: 5, base: 10, high: 20 },
        inputTokensPerCall: { low: 1000, base: 1000, high: 1000 }, outputTokensPerCall: { low: 0, base: 0, high: 0 },
      },
    });

    // An admin changes the method and the rate on top of version 1; comparing 1 and 2 shows only those.
    signInAs(org.users.ADMIN.id);
    const next = pricedInput(1, "Full fine-tunes from now on");
    const res2 = await saveAssumptions(org.slug, { ...next, fineTuneMethod: "FULL", values: { ...next.values, engineerRate: { low: 160, base: 210, high: 260 } } });
    expect(res2).toMatchObject({ ok: true, data: { version: 2, reprojected: 2 } });
    const cmp = await compareAssumptionVersions(org.id, 1, 2);
    expect(cmp).toMatchObject({ methodChange: { from: "LORA", to: "FULL" }, changes: [{ key: "engineerRate", from: { low: 150, base: 200, high: 250 }, to: { low: 160, base: 210, high: 260 } }] });
    expect((await compareAssumptionVersions(org.id, 0, 2))!.changes.map((c) => c.key).sort()).toEqual(["engineerRate", "inputTokensPerCall", "modelInputPricePerMTokens", "modelOutputPricePerMTokens", "outputTokensPerCall"]);
    // Version 0's empty model prices were the catalogue's, for its model: the comparison says so.
    expect((await compareAssumptionVersions(org.id, 0, 2))!.catalogue.from).toEqual({ model: "openai/gpt-4o", modelInputPricePerMTokens: 2.5, modelOutputPricePerMTokens: 10 });
    expect(await compareAssumptionVersions(org.id, 2, 9)).toBeNull();
    const history = await listAssumptionVersions(org.id);
    expect(history.map((h) => [h.version, h.note])).toEqual([[2, "Full fine-tunes from now on"], [1, "Price list 2027"]]);
    expect(history[1]!.by).toMatch(/^FINANCE /);
    signOut();
  });

  it("refuses a stale expected version with a conflict and writes nothing", async () => {
    const org = await createTestOrg("assume-stale");
    signInAs(org.users.FINANCE.id);
    expect(await saveAssumptions(org.slug, pricedInput(0))).toMatchObject({ ok: true });
    const before = await footprint(org.id);
    const stale = await saveAssumptions(org.slug, { ...pricedInput(0, "again"), values: { ...pricedInput(0).values, engineerRate: { low: 1, base: 2, high: 3 } } });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!stale.ok) expect(stale.message).toContain("version 1");
    expect(await footprint(org.id)).toEqual(before);
    signOut();
  });

  it("refuses leads, executives and another organization's admin, writing nothing", async () => {
    const org = await createTestOrg("assume-roles");
    const other = await createTestOrg("assume-other");
    await createUseCase(org, "Bot");
    const before = await footprint(org.id);
    for (const role of ["LEAD", "EXECUTIVE"] as const) {
      signInAs(org.users[role].id);
      expect(await saveAssumptions(org.slug, pricedInput(0))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(other.users.ADMIN.id);
    expect(await saveAssumptions(org.slug, pricedInput(0))).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    signOut();
    expect(await saveAssumptions(org.slug, pricedInput(0))).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
    expect(await footprint(org.id)).toEqual(before);
  });

  it("gives field errors for bad figures, unknown keys and an empty reason, writing nothing", async () => {
    const org = await createTestOrg("assume-invalid");
    signInAs(org.users.ADMIN.id);
    const base = pricedInput(0);
    const errorsOf = async (input: unknown) => {
      const r = await saveAssumptions(org.slug, input);
      expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
      return r.ok ? {} : (r.fieldErrors ?? {});
    };

    const lowAboveHigh = await errorsOf({ ...base, values: { ...base.values, engineerRate: { low: 300, base: 200, high: 250 } } });
    expect(lowAboveHigh["values.engineerRate.low"]).toEqual(["Low (300) is above base (200): low ≤ base ≤ high"]);

    const negative = await errorsOf({ ...base, values: { ...base.values, retrainCostUsd: { low: -1, base: 5, high: 10 } } });
    expect(negative["values.retrainCostUsd.low"]).toEqual(["At least 0"]);

    const partial = await errorsOf({ ...base, values: { ...base.values, vectorDbMonthlyUsd: { low: 1, base: null, high: 3 } } });
    expect(partial["values.vectorDbMonthlyUsd"]).toBeDefined();

    const unknownFigure = await errorsOf({ ...base, values: { ...base.values, gpuRate: { low: 1, base: 2, high: 3 } } });
    expect(Object.keys(unknownFigure)).toContain("values");
    const unknownTop = await errorsOf({ ...base, set: {} });
    expect(Object.keys(unknownTop)).toContain("_form");

    expect((await errorsOf({ ...base, note: "" })).note).toEqual(["Say why the figures change"]);
    expect((await errorsOf({ ...base, note: "   " })).note).toEqual(["Say why the figures change"]);
    expect((await errorsOf({ ...base, note: "x".repeat(501) })).note).toEqual(["At most 500 characters"]);
    expect(await errorsOf({ ...base, fineTuneMethod: "QLORA" })).toHaveProperty("fineTuneMethod");
    expect(await errorsOf({ ...base, expectedVersion: 0.5 })).toHaveProperty("expectedVersion");

    // The same figures as the current version: nothing to save.
    expect(await errorsOf({ ...base, values: DEFAULT_ASSUMPTIONS.values })).toHaveProperty("_form");

    expect(await footprint(org.id)).toEqual({ versions: 0, audits: 0, lines: [] });
    expect(await db.auditEvent.count({ where: { organizationId: org.id } })).toBe(0);
    signOut();
  });

  it("refuses a hand price without its pair, beside the empty one, and saves nothing (it would have been ignored)", async () => {
    const org = await createTestOrg("assume-half-price");
    await createUseCase(org, "Support bot");
    signInAs(org.users.FINANCE.id);
    const none = { low: null, base: null, high: null };
    const before = await footprint(org.id);
    const onlyInput = pricedInput(0, "Negotiated input price");
    const r = await saveAssumptions(org.slug, { ...onlyInput, values: { ...onlyInput.values, modelInputPricePerMTokens: { low: 5, base: 5, high: 5 }, modelOutputPricePerMTokens: none } });
    expect(r).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ "values.modelOutputPricePerMTokens": ["Set the output price too: hand prices replace the catalogue's only as a pair."] });
    const onlyOutput = await saveAssumptions(org.slug, { ...onlyInput, values: { ...onlyInput.values, modelInputPricePerMTokens: none } });
    expect(onlyOutput.ok ? {} : onlyOutput.fieldErrors).toEqual({ "values.modelInputPricePerMTokens": ["Set the input price too: hand prices replace the catalogue's only as a pair."] });
    // No version, no audit entry, the same costs.
    expect(await footprint(org.id)).toEqual(before);
    expect((await currentAssumptions(db, org.id)).version).toBe(0);
    signOut();
  });

  it("a model the catalogue lacks is refused until priced by hand; a catalogued one re-prices every use case", async () => {
    const org = await createTestOrg("assume-model");
    const id = await createUseCase(org, "Helpdesk");
    const inference = () => db.costLine.findFirstOrThrow({ where: { useCaseId: id, approach: "PROMPTING", category: "INFERENCE" } });
    signInAs(org.users.FINANCE.id);
    const defaults = { expectedVersion: 0, fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod, values: DEFAULT_ASSUMPTIONS.values, note: "Our model" };

    const before = await footprint(org.id);
    const unknown = await saveAssumptions(org.slug, { ...defaults, model: "acme/in-house-7b" });
    expect(unknown).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!unknown.ok) expect(unknown.fieldErrors?.model).toEqual(["Not in the catalogue: set its prices by hand below."]);
    expect(await saveAssumptions(org.slug, { ...defaults, model: "not a model" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await footprint(org.id)).toEqual(before);

    expect(await saveAssumptions(org.slug, { ...defaults, model: "openai/gpt-4o-mini" })).toMatchObject({ ok: true, data: { version: 1 } });
    // 1.2M calls × (1,500 × $0.15 + 300 × $0.60) per million = $486
    expect(await inference()).toMatchObject({ baseCents: 48_600n });

    const priced = { ...defaults, expectedVersion: 1, model: "acme/in-house-7b", values: { ...DEFAULT_ASSUMPTIONS.values, modelInputPricePerMTokens: { low: 1, base: 1, high: 1 }, modelOutputPricePerMTokens: { low: 2, base: 2, high: 2 } } };
    expect(await saveAssumptions(org.slug, priced)).toMatchObject({ ok: true, data: { version: 2 } });
    // 1.2M × (1,500 × $1 + 300 × $2) per million = $2,520
    expect(await inference()).toMatchObject({ baseCents: 252_000n });
    const summary = (await db.useCase.findUniqueOrThrow({ where: { id } })).projectionSummary as { pricing: unknown };
    expect(summary.pricing).toMatchObject({ model: "acme/in-house-7b", from: "hand" });
    signOut();
  });

  it("a pinned catalogue keeps a version's prices after the package changes, until finance re-pins", async () => {
    const org = await createTestOrg("assume-pin");
    const id = await createUseCase(org, "Helpdesk");
    const inference = () => db.costLine.findFirstOrThrow({ where: { useCaseId: id, approach: "PROMPTING", category: "INFERENCE" } });
    // A version pinned to an older catalogue, whose gpt-4o cost $5 / $15 per million tokens.
    const old = { ...DEFAULT_ASSUMPTIONS, catalogue: { package: "@pydantic/genai-prices", version: "0.1.0", pinnedOn: "2026-06-01", prices: { "openai/gpt-4o": { inputPerM: 5, outputPerM: 15, cachedInputPerM: null } } } };
    await db.assumptionVersion.create({ data: { organizationId: org.id, version: 1, note: "pinned long ago", values: JSON.parse(JSON.stringify(old)) } });
    signInAs(org.users.FINANCE.id);
    const input = { expectedVersion: 1, fineTuneMethod: DEFAULT_ASSUMPTIONS.fineTuneMethod, values: DEFAULT_ASSUMPTIONS.values, note: "Engineer rate" };
    // Any save keeps the pin: 1.2M × (1,500 × $5 + 300 × $15) per million = $14,400.
    expect(await saveAssumptions(org.slug, { ...input, values: { ...input.values, engineerRate: { low: 150, base: 210, high: 250 } } })).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await inference()).toMatchObject({ baseCents: 1_440_000n });
    // Re-pinning adopts the installed catalogue's prices ($2.50 / $10: $8,100), audited.
    expect(await saveAssumptions(org.slug, { ...input, expectedVersion: 2, values: { ...input.values, engineerRate: { low: 150, base: 210, high: 250 } }, pinCatalogue: true, note: "Adopt the 0.1.8 prices" })).toMatchObject({ ok: true, data: { version: 3 } });
    expect(await inference()).toMatchObject({ baseCents: 810_000n });
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "assumptions.updated" }, orderBy: { at: "desc" } });
    expect(event.before).toMatchObject({ catalogue: { version: "0.1.0", pinnedOn: "2026-06-01" } });
    expect(event.after).toMatchObject({ catalogue: { version: "0.1.8" } });
    signOut();
  });
});
