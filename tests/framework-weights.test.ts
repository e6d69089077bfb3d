/**
 * Framework weights: the real server action, called as each role, as another organization's
 * admin and with bad input. An admin's change is stored with a new weights version, audited with
 * the note, and re-scores the organization's use cases; refusals write nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { previewFrameworkWeights, saveFrameworkWeights } from "@/app/o/[org]/frameworks/actions";
import { FRAMEWORKS } from "@/lib/domain/frameworks";
import { db } from "@/lib/server/db";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

const CHATBOT = { changeFrequency: "static", coreNeed: "retrieval", needsStyleOrFormat: false, fitsContextWindow: true, promptedBaselineMeetsBar: "yes" } as const;
const ALL_ON = Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 1]));
const TWO_OFF = { ...ALL_ON, "behaviour-vs-knowledge": 0, "start-with-rag": 0 };

async function logChatbot(org: TestOrg): Promise<string> {
  const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
  const { id } = await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields: { title: "Chatbot", assessment: CHATBOT } }));
  return id;
}

async function snapshot(org: TestOrg) {
  const [o, audit, useCases] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { frameworkWeights: true, weightsVersion: true } }),
    db.auditEvent.count({ where: { organizationId: org.id } }),
    db.useCase.findMany({ where: { organizationId: org.id }, select: { id: true, recommendedApproach: true, scoredAt: true, score: true }, orderBy: { id: "asc" } }),
  ]);
  return { o, audit, useCases };
}

describe("saving framework weights", () => {
  let org: TestOrg;
  let other: TestOrg;
  beforeEach(async () => {
    org = await createTestOrg("fw");
    other = await createTestOrg("fwother");
  });

  it("lets an admin turn frameworks off: stored, versioned, audited with the note, and the scores change", async () => {
    const id = await logChatbot(org);
    const before = await db.useCase.findUniqueOrThrow({ where: { id } });
    expect(before.recommendedApproach).toBe("PROMPTING");
    expect((before.score as { weightsVersion: number }).weightsVersion).toBe(1);

    signInAs(org.users.ADMIN.id);
    const res = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: TWO_OFF, note: "Trial without the prompting-leaning frameworks" });
    expect(res).toMatchObject({ ok: true, data: { weightsVersion: 2, rescored: 1 } });
    // It says what changed: the chatbot's recommendation flipped from prompting to RAG.
    expect(res.ok && res.data.impact.flips).toEqual([{ id, title: "Chatbot", from: "PROMPTING", to: "RAG" }]);

    const stored = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.weightsVersion).toBe(2);
    expect(stored.frameworkWeights).toEqual(TWO_OFF);

    const after = await db.useCase.findUniqueOrThrow({ where: { id } });
    expect(after.recommendedApproach).toBe("RAG");
    expect(after.agreementVoters).toBe(before.agreementVoters - 2);
    expect((after.score as { weightsVersion: number }).weightsVersion).toBe(2);

    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "framework_weights.updated" } });
    expect(event).toMatchObject({ actorId: org.users.ADMIN.id, entity: "Organization", entityId: org.id });
    expect(event.before).toEqual({ weights: ALL_ON, weightsVersion: 1 });
    expect(event.after).toEqual({ weights: TWO_OFF, weightsVersion: 2, note: "Trial without the prompting-leaning frameworks" });

    // Turning them back on restores the original consensus.
    const back = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 2, weights: ALL_ON, note: "Back to equal weights" });
    expect(back).toMatchObject({ ok: true, data: { weightsVersion: 3, rescored: 1, impact: { flips: [{ id, from: "RAG", to: "PROMPTING" }] } } });
    expect((await db.useCase.findUniqueOrThrow({ where: { id } })).recommendedApproach).toBe("PROMPTING");
  });

  it("previews a change before it is saved, writing nothing: flips, lost recommendations and the as-chosen total", async () => {
    const id = await logChatbot(org);
    const uc = await db.useCase.findUniqueOrThrow({ where: { id }, select: { projectionSummary: true } });
    const lifecycle = (ap: string) => (uc.projectionSummary as { approaches: Record<string, { lifecycle: { base: number } }> }).approaches[ap]?.lifecycle.base;
    signInAs(org.users.ADMIN.id);
    const before = await snapshot(org);

    const flip = await previewFrameworkWeights(org.slug, { weights: TWO_OFF });
    expect(flip).toMatchObject({ ok: true, data: { useCases: 1, flips: [{ id, title: "Chatbot", from: "PROMPTING", to: "RAG" }], lost: [], unscored: { before: 0, after: 0 } } });
    if (flip.ok && lifecycle("PROMPTING") !== undefined && lifecycle("RAG") !== undefined) {
      expect(flip.data.total).toMatchObject({ before: lifecycle("PROMPTING"), after: lifecycle("RAG") });
    }

    const none = await previewFrameworkWeights(org.slug, { weights: Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0])) });
    expect(none).toMatchObject({ ok: true, data: { lost: [{ id, from: "PROMPTING", to: null }], unscored: { before: 0, after: 1 }, total: { after: 0, costedAfter: 0 } } });
    expect(await snapshot(org)).toEqual(before);

    // Only admins, only their own organization, only valid weights.
    signInAs(org.users.LEAD.id);
    expect(await previewFrameworkWeights(org.slug, { weights: TWO_OFF })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(other.users.ADMIN.id);
    expect(await previewFrameworkWeights(org.slug, { weights: TWO_OFF })).toMatchObject({ ok: false });
    signInAs(org.users.ADMIN.id);
    expect(await previewFrameworkWeights(org.slug, { weights: { ...ALL_ON, "start-with-rag": 7 } })).toMatchObject({ ok: false, fieldErrors: { "weights.start-with-rag": ["Enter a weight from 0 to 5."] } });
  });

  it("names the changed use cases by title as people read them, whatever the database's own collation", async () => {
    const ctx = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
    for (const title of ["Zebra triage", "Éclair menu", "apple pricing", "banana routing"]) {
      await inUseCaseTransaction((tx) => writeUseCase(tx, ctx, { fields: { title, assessment: CHATBOT } }));
    }
    signInAs(org.users.ADMIN.id);
    const flip = await previewFrameworkWeights(org.slug, { weights: TWO_OFF });
    expect(flip.ok && flip.data.flips.map((c) => c.title)).toEqual(["apple pricing", "banana routing", "Éclair menu", "Zebra triage"]);
    const none = await previewFrameworkWeights(org.slug, { weights: Object.fromEntries(FRAMEWORKS.map((f) => [f.id, 0])) });
    expect(none.ok && none.data.lost.map((c) => c.title)).toEqual(["apple pricing", "banana routing", "Éclair menu", "Zebra triage"]);
  });

  it("refuses a stale weights version with a conflict, and writes nothing", async () => {
    await logChatbot(org);
    signInAs(org.users.ADMIN.id);
    expect(await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: TWO_OFF, note: "first" })).toMatchObject({ ok: true });
    const before = await snapshot(org);
    const res = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: ALL_ON, note: "second, from an old page" });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT", details: { currentWeightsVersion: 2 } });
    expect(await snapshot(org)).toEqual(before);
  });

  it.each(["EXECUTIVE", "LEAD", "FINANCE"] as const)("refuses %s, and writes nothing", async (role) => {
    await logChatbot(org);
    const before = await snapshot(org);
    signInAs(org.users[role].id);
    const res = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: TWO_OFF, note: "not allowed" });
    expect(res).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(org)).toEqual(before);
  });

  it("refuses another organization's admin naming this organization, and writes nothing", async () => {
    await logChatbot(org);
    const before = await snapshot(org);
    const otherBefore = await snapshot(other);
    signInAs(other.users.ADMIN.id);
    const res = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: TWO_OFF, note: "not mine" });
    expect(res).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
    expect(await snapshot(org)).toEqual(before);
    expect(await snapshot(other)).toEqual(otherBefore);
  });

  it("refuses signed-out callers", async () => {
    signOut();
    expect(await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: TWO_OFF, note: "x" })).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
  });

  it("gives field errors for bad input, and writes nothing", async () => {
    await logChatbot(org);
    const before = await snapshot(org);
    signInAs(org.users.ADMIN.id);

    const unknown = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: { ...ALL_ON, "made-up": 2 }, note: "x" });
    expect(unknown).toMatchObject({ ok: false, code: "VALIDATION" });
    if (unknown.ok) throw new Error("expected a refusal");
    expect(unknown.fieldErrors?.weights?.join(" ")).toContain("made-up");

    const bad = await saveFrameworkWeights(org.slug, {
      expectedWeightsVersion: 1,
      weights: { ...ALL_ON, "three-questions": 6, "ordered-decision-tree": -1, "start-with-rag": 1.25, "when-to-use": Number.NaN },
      note: "   ",
    });
    if (bad.ok) throw new Error("expected a refusal");
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(
      ["note", "weights.ordered-decision-tree", "weights.start-with-rag", "weights.three-questions", "weights.when-to-use"].sort(),
    );

    const missing = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: { "three-questions": 1 }, note: "x" });
    expect(missing).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { "weights.ordered-decision-tree": expect.any(Array) } });

    const extra = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: ALL_ON, note: "x", organizationId: other.id });
    expect(extra).toMatchObject({ ok: false, code: "VALIDATION" });

    const version = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1.5, weights: ALL_ON, note: "x" });
    expect(version).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { expectedWeightsVersion: expect.any(Array) } });

    const long = await saveFrameworkWeights(org.slug, { expectedWeightsVersion: 1, weights: ALL_ON, note: "x".repeat(501) });
    expect(long).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { note: ["At most 500 characters."] } });

    expect(await snapshot(org)).toEqual(before);
  });
});
