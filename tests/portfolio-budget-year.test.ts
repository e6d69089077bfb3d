/**
 * Which year the portfolio's spend and budgets are for. The headline gives this year's spend; the
 * budget panel opens on this year's budgets, or, when there are none for this year, on the next
 * year that has some. Found by the portfolio review: the demo read "$2.87M in 2026" beside
 * "Budgets in 2027" and nothing said why the years differ. The page now says both years and why.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { inUseCaseTransaction } from "@/lib/server/use-cases/write";
import { setBusinessUnitBudget } from "@/lib/server/value/write";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";

let org: TestOrg;
const thisYear = new Date().getUTCFullYear();
const next = thisYear + 1;

beforeAll(async () => {
  org = await createTestOrg("budgetyear");
  await insertUseCaseWithCosts(org.id, { title: "Claims answers", businessUnit: "Claims", ownerId: org.users.LEAD.id, recommended: "RAG", startYear: thisYear, yearly: { RAG: { INFERENCE: [100_000_00, 200_000_00, 300_000_00] } } });
  const ctx = { organizationId: org.id, actorId: org.users.FINANCE.id, role: "FINANCE" as const };
  // Budgets for next year only, as in the demo (2027's, seen in 2026).
  await inUseCaseTransaction((tx) => setBusinessUnitBudget(tx, ctx, { businessUnit: "Claims", year: next, amountCents: 150_000_00 }));
});

async function page(params: Record<string, string> = {}) {
  signInAs(org.users.EXECUTIVE.id);
  return renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve(params) }));
}
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'");

describe("the years of the headline's spend and of the budgets", () => {
  it("say which year each is, and why the budgets are next year's when this year has none", async () => {
    const html = await page();
    const headline = text(html.match(/data-testid="headline".*?<\/section>/s)![0]);
    expect(headline).toContain(`$100k in ${thisYear}, this year (low–high`);
    const budgets = text(html.match(/data-testid="budget-panel".*?<\/section>/s)![0]);
    expect(budgets).toContain(`Budgets in ${next}`);
    expect(budgets).toContain(`Showing ${next}: no budget is set for ${thisYear} (this year), and ${next} is the next year with one.`);
  });

  it("say nothing of it when the year was chosen", async () => {
    const budgets = text((await page({ budgetYear: String(next) })).match(/data-testid="budget-panel".*?<\/section>/s)![0]);
    expect(budgets).toContain(`Budgets in ${next}`);
    expect(budgets).not.toContain("Showing");
  });
});
