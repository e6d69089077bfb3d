/**
 * A framework none of whose questions is answered shows no fit per approach: a review of a new use
 * case read "No pick yet: none of its questions is answered" above a bar of "RAG 20" (its
 * unconditional starting points), through the real create path.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ScorePanel } from "@/app/o/[org]/use-cases/[id]/_panels/score-panel";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { createTestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; data?: { id: string } };

describe("a framework with none of its questions answered", () => {
  it("says so, with no fit bars beside it; one with an answer still shows its fit", async () => {
    const org = await createTestOrg("score-unanswered");
    const r = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { title: "Nothing answered yet", horizonYears: 3, assessment: {} }))) as Result;
    expect(r.ok).toBe(true);
    const html = await runAs(org.users.LEAD.id, async () => renderToStaticMarkup((await ScorePanel({ organizationId: org.id, useCaseId: r.data!.id }))!));
    const cards = html.split("<article").slice(1);
    const unanswered = cards.filter((c) => c.includes("No pick yet: none of its questions is answered."));
    expect(unanswered.length).toBeGreaterThan(0);
    for (const c of unanswered) expect(c).not.toContain('aria-label="Fit per approach"');

    const answered = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { title: "Weekly knowledge", horizonYears: 3, assessment: { changeFrequency: "weekly" } }))) as Result;
    const html2 = await runAs(org.users.LEAD.id, async () => renderToStaticMarkup((await ScorePanel({ organizationId: org.id, useCaseId: answered.data!.id }))!));
    expect(html2.split("<article").slice(1).some((c) => c.includes('aria-label="Fit per approach"'))).toBe(true);
  });
});
