/**
 * Three cost sentences a CTO would not trust, read on the demo (cost engine 2.13), and what they
 * read now (2.14):
 * - "Needs a decision", Broker email replies: "RAG: $72,000 to build in 2026, then $90,681 a year
 *   (lifecycle $312,042 over 3 years)": $72,000 + 3 × $90,681 is not $312,042; the run rate held
 *   a one-off $16,000 evaluation set.
 * - The adjuster assistant's cost panel: fine-tuning chosen ($1,885,702, missing the 14-day lag),
 *   and nothing said of what that choice costs against RAG.
 * - The regulatory change monitor's break-even: "Above 5.16 million calls a month, fine-tuning
 *   costs less than RAG … (365 stale days a year, base)", an offer of a model never current.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { CostPanel } from "@/app/o/[org]/use-cases/[id]/_panels/cost-panel";
import { proposalSpendText } from "@/lib/domain/costing/options";
import { db } from "@/lib/server/db";
import { readQueue } from "@/lib/server/decisions/queue";
import { getStoredProjection } from "@/lib/server/projections";
import { rederiveOrganization } from "@/lib/server/use-cases/derive";
import { pageText as text, seedDemoForTest } from "./helpers/demo-org";
import { signInAs, signOut } from "./helpers/session";

let org: { id: string; slug: string };
let finance: string;

beforeAll(async () => {
  const demo = await seedDemoForTest("costwords");
  org = demo.org;
  finance = demo.users.FINANCE;
}, 240_000);

const idOf = async (title: string) => (await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, title }, select: { id: true } })).id;

async function panel(useCaseId: string, testId: string): Promise<string[]> {
  try {
    signInAs(finance);
    const html = renderToStaticMarkup(await CostPanel({ orgSlug: org.slug, organizationId: org.id, useCaseId }));
    return [...html.matchAll(new RegExp(`<p[^>]*data-testid="${testId}"[^>]*>(.*?)</p>`, "gs"))].map((m) => text(m[1]!));
  } finally {
    signOut();
  }
}

async function brokerLine() {
  const id = await idOf("Broker email replies");
  const item = (await readQueue(org.id)).items.find((i) => i.id === id)!;
  return { id, item, said: proposalSpendText(item.proposedApproach!, item.proposedSpend, item, item.buildYear, item.lifecycleYears, item.lastYearCents) };
}

describe("the demo's cost sentences add up and never offer an approach that cannot serve", () => {
  it("Broker email replies: the one-off evaluation set is part of the build, so build + 3 × run rate is the lifecycle", async () => {
    const { id, item, said } = await brokerLine();
    expect(said).toMatch(/^RAG: \$88,000 to build in (\d{4}), and \$74,681 a year to run from \1 \(lifecycle \$312,042 over 3 years\)$/);
    const years = (await getStoredProjection(org.id, id)).years.filter((y) => y.approach === "RAG").map((y) => y.base);
    expect(item.buildCents + 3 * item.yearlyBudgetCents!).toBe(years.reduce((a, b) => a + b, 0));
  });

  it("a waiting proposal's budget follows a re-projection, as it follows an edit", async () => {
    const { id } = await brokerLine();
    const budget = () => db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: id }, select: { buildCents: true, yearlyBudgetCents: true } });
    const now = await budget();
    expect(now.buildCents).toBe(88_000_00n);
    // As engine 2.13 stored it: the evaluation set in the run rate.
    await db.useCaseDecision.update({ where: { useCaseId: id }, data: { buildCents: 72_000_00n, yearlyBudgetCents: now.yearlyBudgetCents! + 16_000_00n } });
    await rederiveOrganization((fn) => db.$transaction(fn, { timeout: 60_000 }), org.id, undefined, [id]);
    expect(await budget()).toEqual(now);
  });

  it("Adjuster assistant: the panel says what choosing fine-tuning, which misses the 14-day lag, costs against RAG", async () => {
    const [premium] = await panel(await idOf("Adjuster assistant for coverage questions"), "premium");
    // $320,519 since cost engine 2.16 prices no retraining the assessment gives no budget for ($1,520,519 before);
    // since judgement 2.13 the first reason fine-tuning cannot serve it is the citations its answers need (the table also says the lag).
    expect(premium).toMatch(
      /^RAG would save \$320,519 \(\d+(\.\d)?%\) against Fine-tuning, the chosen approach, over the lifecycle in the base case, \$[\d,]+ \(\d+(\.\d)?%\) in the low scenario and \$[\d,]+ \(\d+(\.\d)?%\) in the high; Fine-tuning also cannot serve the use case: it cannot cite the sources the use case's answers must cite\. Why it was chosen is in the decision notes, on the Decision tab\.$/,
    );
  });

  it("Regulatory change monitor: no break-even volume is offered for a fine-tuned model that cannot serve it", async () => {
    const [breakEven] = await panel(await idOf("Regulatory change monitor"), "break-even");
    // Its answers cite the regulations (judgement 2.13); before, "None: fine-tuning would never be current" (stale all year, the lag unanswered).
    expect(breakEven).toMatch(/^Break-even volume: None: fine-tuning cannot cite the sources the use case's answers must cite at any volume/);
    expect(breakEven).not.toMatch(/Above [\d.]+ million calls a month/);
  });
});
