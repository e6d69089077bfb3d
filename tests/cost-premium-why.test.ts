/**
 * The cost panel's premium, what the approach in play costs over the cheapest that serves, says
 * where the page answers "why this, then?": the Recommendation section above it for the
 * recommendation, the decision notes on the Decision tab for a chosen approach that has them.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { CostPanel } from "@/app/o/[org]/use-cases/[id]/_panels/cost-panel";
import { ScorePanel } from "@/app/o/[org]/use-cases/[id]/_panels/score-panel";
import { createUseCase, recordDecision } from "@/app/o/[org]/use-cases/actions";
import { FINE_TUNING_CASE } from "./helpers/answers";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; data?: { id: string; version: number } };
const PREMIUM = /^Fine-tuning, the (recommendation|chosen approach), costs \$[\d,]+ more than RAG over the lifecycle in the base case \([^)]+\), \$[\d,]+ (more|less) in the low scenario and \$[\d,]+ more in the high\./;

/**
 * Knowledge that changes monthly, so fine-tuning (still recommended) retrains ten times a year and
 * costs more than RAG: a premium to explain. No style to keep: since judgement 2.10 RAG alone cannot
 * serve a style a prompted model fell short of, and fine-tuning is then itself the cheapest that
 * serves (the hybrid costs more), with no premium to explain. With FINE_TUNING_CASE's quarterly
 * changes it has cost less than RAG at its 2 million calls a month since cost engine 2.13 (it no
 * longer pays a retrieval index's upkeep, $124,800 over three years). 500 documents to retrieve: with
 * none (the classifier's own answers), RAG is a prompted model with an empty index and cannot serve
 * (judgement 2.15).
 */
const CHANGES = { changeFrequency: "monthly", needsStyleOrFormat: false, corpusDocuments: 500 } as const;

let org: TestOrg;
let id: string;
let version: number;

/** The premium's paragraph as finance reads the panel (an editor's panel holds a client form). */
const premium = async () => {
  const html = await runAs(org.users.FINANCE.id, async () => renderToStaticMarkup(await CostPanel({ orgSlug: org.slug, organizationId: org.id, useCaseId: id })));
  return html.match(/<p[^>]*data-testid="premium"[^>]*>(.*?)<\/p>/s)?.[1] ?? null;
};

beforeAll(async () => {
  org = await createTestOrg("premium");
  const r = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { title: "Claims coding at volume", startDate: "2027-01-01", horizonYears: 3, assessment: { ...FINE_TUNING_CASE, ...CHANGES } }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  ({ id, version } = r.data!);
});

/** The executive records the chosen approach with these notes. */
const decide = async (decisionNotes: string) => {
  const r = (await runAs(org.users.EXECUTIVE.id, () => recordDecision(org.slug, { id, expectedVersion: version, chosenApproach: "FINE_TUNING", decisionNotes }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  version = r.data!.version;
};

describe("the premium says where to read why one would pay it", () => {
  it("for the recommendation, links to the Recommendation section above the cost panel", async () => {
    const p = (await premium())!;
    expect(p).toMatch(PREMIUM);
    expect(p).toMatch(/ Why it is recommended and what would change it are under <a class="underline" href="#recommendation-heading">Recommendation<\/a> above\.$/);
    // The anchor is the section's heading on the same page.
    const score = await runAs(org.users.FINANCE.id, async () => renderToStaticMarkup((await ScorePanel({ organizationId: org.id, useCaseId: id }))!));
    expect(score).toContain('<h2 id="recommendation-heading"');
  });

  it("for a chosen approach, links to the Decision tab where its notes say why, and says nothing of why when there are none", async () => {
    await decide("Volume and latency need a small model of our own.");
    const p = (await premium())!;
    expect(p).toMatch(PREMIUM);
    expect(p).toMatch(new RegExp(` Why it was chosen is in the decision notes, on the <a class="underline" href="/o/${org.slug}/use-cases/${id}\\?tab=decision">Decision tab</a>\\.$`));
    await decide("");
    const bare = (await premium())!;
    expect(bare).toMatch(PREMIUM);
    expect(bare).toMatch(/in the high\.$/);
  });
});
