/**
 * What a CTO reads on the demo's "Supplier invoice coding" (judgement 2.9). Its assessment says it
 * must learn from user interactions (the accounts team's corrections); it is recommended, and has
 * chosen, a structured pipeline. The capability rule rules out RAG, fine-tuning, the hybrid and
 * prompting for that need and leaves a pipeline able, so before, nothing on the page said a
 * pipeline learns only if a feedback loop is built into it. Now a risk flag says so, on the use
 * case's page and in the portfolio's risk flags; a score stored by the judgement before (2.8) is
 * re-scored at start-up to the same.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ScorePanel } from "@/app/o/[org]/use-cases/[id]/_panels/score-panel";
import { FlagsPanel } from "@/app/o/[org]/portfolio/_components/use-case-panels";
import { JUDGEMENT_VERSION } from "@/lib/domain/frameworks";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { outdatedScoreCount, rescoreOrganization } from "@/lib/server/rescore";
import { pageText as text, seedDemoForTest } from "./helpers/demo-org";
import { signInAs, signOut } from "./helpers/session";

const TITLE = "Supplier invoice coding";
const LABEL = "Learning from users without a feedback loop";
const SENTENCE =
  "The chosen approach is a structured pipeline, but the use case must learn from its users' interactions, which 002 says takes RLHF or a similar feedback loop; a structured pipeline learns only if such a loop is built into it, so plan and cost one, or consider feedback learning.";

let org: { id: string; slug: string };
let useCaseId: string;
let cto: string;

beforeAll(async () => {
  const demo = await seedDemoForTest("invoices");
  org = demo.org;
  cto = demo.users.EXECUTIVE;
  useCaseId = (await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, title: TITLE }, select: { id: true } })).id;
}, 240_000);

async function scorePanel() {
  try {
    signInAs(cto);
    return text(renderToStaticMarkup(await ScorePanel({ organizationId: org.id, useCaseId })));
  } finally {
    signOut();
  }
}

/** The portfolio's risk flags panel, unfiltered (its counts come from the kept tallies). */
async function flagsPanel() {
  const d = await loadDashboard(org.id, EMPTY_FILTER);
  const html = text(renderToStaticMarkup(FlagsPanel({ d, listHref: () => "/list", useCaseHref: (id) => `/u/${id}` })));
  return { count: d.flags.find((f) => f.code === "LEARNING_WITHOUT_FEEDBACK_LOOP")?.useCases, html };
}

async function expectTheFlag() {
  const row = await db.useCase.findUniqueOrThrow({ where: { id: useCaseId }, select: { recommendedApproach: true, chosenApproach: true, riskFlags: true, score: true } });
  expect(row.recommendedApproach).toBe("PIPELINE");
  expect(row.chosenApproach).toBe("PIPELINE");
  expect((row.score as { judgementVersion?: string }).judgementVersion).toBe(JUDGEMENT_VERSION);
  expect(row.riskFlags).toContain("LEARNING_WITHOUT_FEEDBACK_LOOP");
  const score = await scorePanel();
  expect(score).toContain(`${LABEL}${SENTENCE}`);
  expect(score).toContain("require reinforcement learning from human feedback (RLHF) or similar approaches");
  // The portfolio counts it under its label: this use case alone in the demo.
  const { count, html } = await flagsPanel();
  expect(count).toBe(1);
  expect(html).toContain(`${LABEL}: 1`);
}

describe("the demo's supplier invoice coding, which must learn from its users and chose a pipeline", () => {
  it("says on its page and in the portfolio that a pipeline learns only with a feedback loop built in", async () => {
    await expectTheFlag();
  });

  it("a score stored by the judgement before (2.8: no such flag) is re-scored at start-up to the same", async () => {
    const row = await db.useCase.findUniqueOrThrow({ where: { id: useCaseId }, select: { score: true, riskFlags: true } });
    const stored = row.score as { flags: { code: string }[] } & Record<string, unknown>;
    const old = { ...stored, judgementVersion: "2.8", flags: stored.flags.filter((f) => f.code !== "LEARNING_WITHOUT_FEEDBACK_LOOP") };
    await db.useCase.update({ where: { id: useCaseId }, data: { score: old, riskFlags: row.riskFlags.filter((c) => c !== "LEARNING_WITHOUT_FEEDBACK_LOOP") } });
    expect(await scorePanel()).not.toContain(LABEL);
    // Start-up (rescoreOutdatedEverywhere) re-scores each organization with an outdated score as
    // below; this organization alone here, so as not to touch other tests' organizations.
    expect(await outdatedScoreCount(org.id)).toBe(1);
    expect(await rescoreOrganization(org.id, { actorId: null, reason: "re-scored at start-up" })).toMatchObject({ useCases: 1 });
    expect(await outdatedScoreCount(org.id)).toBe(0);
    await expectTheFlag();
  });
});
