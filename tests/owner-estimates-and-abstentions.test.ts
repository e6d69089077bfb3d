/**
 * Two things a reader of the lists took for what they are not. A lifecycle cost that is the owner's
 * manual yearly estimate times the years read as the cost model's projection wherever one cost per
 * use case is listed (the use-case list, the portfolio's ten most expensive, the decision queue);
 * now each is marked "owner's estimate", with a title that says what it is. And "(1 of 1 voting
 * agree)" read as unanimous where four of the five frameworks abstained; now the abstentions are
 * counted beside it.
 */
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { prerender } from "react-dom/static";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { PathnameContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import UseCasesPage from "@/app/o/[org]/use-cases/page";
import UseCasePage from "@/app/o/[org]/use-cases/[id]/page";
import DecisionQueuePage from "@/app/o/[org]/decisions/page";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { createTestOrg } from "./helpers/factory";
import { writeRenewalNotes } from "./helpers/renewal-notes";
import { signInAs } from "./helpers/session";

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
const render = (node: ReactNode) =>
  renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, createElement(PathnameContext.Provider, { value: "/o/x/use-cases" }, node))).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");

async function twoUseCases() {
  const org = await createTestOrg("owner-estimate");
  const ctx = { organizationId: org.id, actorId: org.users.ADMIN.id, role: "ADMIN" as const };
  const renewalId = await writeRenewalNotes(org);
  // A use case the model prices: RAG over a changing knowledge base.
  const search = await inUseCaseTransaction((tx) =>
    writeUseCase(tx, ctx, {
      fields: {
        title: "Policy wording search", businessUnit: "Claims", horizonYears: 3, startDate: "2027-02-01",
        assessment: { changeFrequency: "daily", maxLagDays: 1, coreNeed: "retrieval", corpusDocuments: 80_000, monthlyCalls: 12_000, needsToolUse: false },
      } as never,
    }),
  );
  const searchId = (search as { id: string }).id;
  return { org, renewalId, searchId };
}

describe("owners' estimates and abstentions, where one line stands for a use case", () => {
  let org: Awaited<ReturnType<typeof twoUseCases>>["org"];
  let renewalId: string;
  let searchId: string;
  const params = () => ({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) });
  const pages = async () => {
    signInAs(org.users.ADMIN.id);
    const list = render(await UseCasesPage(params()));
    const portfolio = render(await PortfolioPage(params()));
    const queue = render(await DecisionQueuePage(params()));
    const top = portfolio.match(/data-testid="top-ten".*?<\/ol>/)?.[0] ?? "";
    return {
      listRow: (id: string) => list.split("<tr").find((r) => r.includes(`/use-cases/${id}"`)) ?? "",
      topLine: (id: string) => top.split("<li").find((l) => l.includes(`/use-cases/${id}"`)) ?? "",
      queueLine: (id: string) => queue.split("<li").find((l) => l.includes(`/use-cases/${id}?`)) ?? "",
      ownersLine: (portfolio.match(/data-testid="headline-owner-estimates">(.*?)<\/p>/)?.[1] ?? "").replace(/<[^>]+>/g, ""),
    };
  };
  beforeAll(async () => {
    ({ org, renewalId, searchId } = await twoUseCases());
  });

  it("mark a lifecycle cost that is the owner's manual estimate in the list, the ten most expensive and the decision queue, and count them in the headline", async () => {
    const { listRow, topLine, queueLine, ownersLine } = await pages();
    expect(listRow(renewalId)).toMatch(/\$2,400,000<span[^>]*title="The owner's manual yearly estimate times the years of the lifecycle, not the cost model's projection"[^>]*>owner's estimate<\/span>/);
    expect(listRow(searchId)).toMatch(/\$[\d,]+/);
    expect(listRow(searchId)).not.toContain("owner's estimate");
    expect(topLine(renewalId)).toContain("$2,400,000");
    expect(topLine(renewalId)).toContain(">owner's estimate</span>");
    expect(topLine(searchId)).toMatch(/\$[\d,]+/);
    expect(topLine(searchId)).not.toContain("owner's estimate");
    expect(queueLine(renewalId)).toMatch(/data-testid="queue-spend"[^>]*>lifecycle \$2,400,000.*owner's estimate/);
    expect(queueLine(searchId)).not.toContain("owner's estimate");
    // The headline says how much of its lifecycle total is owners' estimates.
    expect(ownersLine).toBe(
      "$2.4M of the lifecycle, for 1 use case, is its owner's manual yearly estimate times the years, not the cost model's projection: the model does not price agents, pipelines or feedback learning.",
    );
  });

  it("count the frameworks that abstained beside '1 of 1 voting', in the list, the decision queue and the use case's summary", async () => {
    const { listRow, queueLine } = await pages();
    expect(listRow(renewalId)).toContain("(1 of 1 voting on the answers so far; 4 abstained)");
    expect(listRow(searchId)).not.toContain("abstained");
    expect(queueLine(renewalId)).toContain("1 of 1 voting agree on the answers so far; 4 abstained");
    // The use case's own summary says how many of how many abstained, and why.
    // (The page holds async parts: rendered whole, as the server streams it.)
    const { prelude } = await prerender(createElement(AppRouterContext.Provider, { value: router }, await UseCasePage({ params: Promise.resolve({ org: org.slug, id: renewalId }), searchParams: Promise.resolve({}) })));
    const page = (await new Response(prelude).text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
    const summary = page.match(/data-testid="recommended-summary">(.*?)<\/span>/)?.[1] ?? "";
    expect(summary).toBe("Agent with tools · provisional (1 of 1 voting agree; 4 of 5 abstained: tool use is outside their source)");
  });
});
