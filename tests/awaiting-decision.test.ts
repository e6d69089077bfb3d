/**
 * "Awaiting a decision": the decision queue and the portfolio's headline count the same use cases,
 * on the unfiltered portfolio (read from the kept sums) and under a filter (read from the rollup),
 * and the headline's link opens exactly them.
 *
 * Found in review: a retired use case with a recommendation and no decision counted as awaiting a
 * decision on both (nobody decides how to build what was switched off); and a decision sent back
 * after an earlier approval had left a chosen approach was undecided in the queue but not counted
 * by the portfolio, which knew only the chosen approach.
 */
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import PortfolioPage from "@/app/o/[org]/portfolio/page";
import { approveDecision, proposeDecision, sendBackDecision } from "@/app/o/[org]/decisions/actions";
import { createUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { EMPTY_FILTER, parsePortfolioFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { STATUSES } from "@/lib/domain/use-case";
import { db } from "@/lib/server/db";
import { readQueue } from "@/lib/server/decisions/queue";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { useCasePanels, useCasePanelsFromRollup } from "@/lib/server/portfolio/panels/use-cases";
import { listUseCases } from "@/lib/server/use-cases/list";
import { readMigrations } from "../scripts/lib/migrate";
import { RAG_ANSWERS } from "./helpers/answers";
import { withClient } from "./helpers/pg-client";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs, signInAs } from "./helpers/session";

type Result = { ok: boolean; data?: Record<string, unknown> };
let org: TestOrg;
const ids: Record<string, string> = {};

async function newUseCase(name: string, status = "ASSESSING"): Promise<string> {
  const r = (await runAs(org.users.LEAD.id, () => createUseCase(org.slug, { title: `${name} ${randomUUID().slice(0, 6)}`, status, startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS }))) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return (ids[name] = (r.data as { id: string }).id);
}

async function edit(id: string, changes: Record<string, unknown>): Promise<void> {
  const u = await db.useCase.findUniqueOrThrow({ where: { id } });
  const r = (await runAs(org.users.LEAD.id, () =>
    updateUseCase(org.slug, { id, expectedVersion: u.version, title: u.title, status: u.status, startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS, ...changes }),
  )) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
}

const ok = async (p: Promise<unknown>) => expect(await p).toMatchObject({ ok: true });

beforeAll(async () => {
  org = await createTestOrg("awaiting");
  // Recommended (RAG), no decision: awaits one.
  await newUseCase("undecided");
  // The same, then switched off: awaits nothing.
  await edit(await newUseCase("retired"), { status: "RETIRED" });
  // Logged as retired, with its recommendation: nor does it.
  await newUseCase("retired from the start", "RETIRED");
  // Proposed by its lead: awaits the executive's approval.
  const proposed = await newUseCase("proposed");
  await ok(runAs(org.users.LEAD.id, () => proposeDecision(org.slug, { id: proposed, approach: "RAG", notes: "" })));
  // Decided: awaits nothing.
  const decided = await newUseCase("decided");
  await ok(runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: decided, approach: "RAG" })));
  // Decided at once, a deciding answer changed (to review), then sent back: the chosen approach
  // the approval left stays on the use case, but no decision stands.
  const sentBack = await newUseCase("sent back");
  await ok(runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: sentBack, approach: "RAG" })));
  await edit(sentBack, { assessment: { ...RAG_ANSWERS, maxLagDays: 7 } });
  expect((await db.useCaseDecision.findUniqueOrThrow({ where: { useCaseId: sentBack } })).state).toBe("TO_REVIEW");
  await ok(runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id: sentBack, reason: "Check the 7-day lag first." })));
  expect(await db.useCase.findUniqueOrThrow({ where: { id: sentBack }, select: { chosenApproach: true } })).toEqual({ chosenApproach: "RAG" });
  // The same, then retired: no longer anyone's to decide.
  const sentBackRetired = await newUseCase("sent back, then retired");
  await ok(runAs(org.users.EXECUTIVE.id, () => approveDecision(org.slug, { id: sentBackRetired, approach: "RAG" })));
  await edit(sentBackRetired, { assessment: { ...RAG_ANSWERS, maxLagDays: 7 } });
  await ok(runAs(org.users.EXECUTIVE.id, () => sendBackDecision(org.slug, { id: sentBackRetired, reason: "Check the lag." })));
  await edit(sentBackRetired, { status: "RETIRED", assessment: { ...RAG_ANSWERS, maxLagDays: 7 } });
}, 120_000);

const AWAITING = ["undecided", "proposed", "sent back"];
const named = (list: readonly { id: string }[]) => list.map((u) => Object.keys(ids).find((k) => ids[k] === u.id) ?? u.id).sort();
const listed = async (filter: PortfolioFilter) => named((await listUseCases(org.id, { ...DEFAULT_LIST_QUERY, filter, pageSize: 100 })).rows);

describe("awaiting a decision", () => {
  it("the queue: a retired use case is never undecided; a decision sent back is, whatever an earlier approval left chosen", async () => {
    const { items, counts } = await readQueue(org.id);
    expect(named(items.filter((i) => i.reasons.includes("undecided")))).toEqual(["sent back", "undecided"]);
    expect(named(items.filter((i) => i.reasons.includes("awaiting-approval")))).toEqual(["proposed"]);
    expect(counts.undecided).toBe(2);
    expect(counts["awaiting-approval"]).toBe(1);
    // Retired, they need nobody at all: in no panel.
    expect(named(items)).not.toContain("retired");
    expect(named(items)).not.toContain("retired from the start");
    expect(named(items)).not.toContain("sent back, then retired");
  });

  it("the portfolio counts the queue's two panels, unfiltered (kept sums) and filtered (rollup) alike", async () => {
    const { counts } = await readQueue(org.id);
    const expected = counts.undecided + counts["awaiting-approval"];
    expect(expected).toBe(AWAITING.length);
    expect((await loadDashboard(org.id, EMPTY_FILTER)).awaitingDecision).toBe(expected);
    expect((await useCasePanels(org.id, EMPTY_FILTER)).awaitingDecision).toBe(expected);
    expect((await useCasePanelsFromRollup(org.id, EMPTY_FILTER)).awaitingDecision).toBe(expected);
    // A filter that keeps every use case reads the rollup, and says the same.
    expect((await loadDashboard(org.id, { ...EMPTY_FILTER, status: [...STATUSES] })).awaitingDecision).toBe(expected);
    // Only the retired: none awaits a decision.
    expect((await loadDashboard(org.id, { ...EMPTY_FILTER, status: ["RETIRED"] })).awaitingDecision).toBe(0);
    // Only those chosen RAG: the sent back one (its earlier approval) still awaits one.
    expect((await loadDashboard(org.id, { ...EMPTY_FILTER, chosen: ["RAG"] })).awaitingDecision).toBe(1);
  });

  it("the list's 'awaiting a decision' filter holds exactly them, and its 'no' the rest", async () => {
    expect(await listed({ ...EMPTY_FILTER, awaitingDecision: ["yes"] })).toEqual([...AWAITING].sort());
    expect(await listed({ ...EMPTY_FILTER, awaitingDecision: ["no"] })).toEqual(["decided", "retired", "retired from the start", "sent back, then retired"]);
    expect((await listed({ ...EMPTY_FILTER, awaitingDecision: ["yes", "no"] })).length).toBe(Object.keys(ids).length);
    // The portfolio's filtered view reads the same condition over the rollup.
    expect((await loadDashboard(org.id, { ...EMPTY_FILTER, awaitingDecision: ["yes"] })).useCases).toBe(AWAITING.length);
    expect((await loadDashboard(org.id, { ...EMPTY_FILTER, awaitingDecision: ["no"] })).awaitingDecision).toBe(0);
  });

  it("the headline says how many, and its link opens that list", async () => {
    signInAs(org.users.EXECUTIVE.id);
    const html = renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ org: org.slug }), searchParams: Promise.resolve({}) }));
    const m = html.match(/<a [^>]*href="([^"]*\/use-cases\?[^"]*)"[^>]*>(\d+) use cases? awaiting a decision<\/a>/);
    expect(m?.[2]).toBe(String(AWAITING.length));
    const filter = parsePortfolioFilter(new URL(m![1]!.replace(/&amp;/g, "&"), "http://x").searchParams);
    expect(await listed(filter)).toEqual([...AWAITING].sort());
  });
});

describe("the migration that keeps the rollup's part as a tally", () => {
  const name = `tradeoff_awaiting_${randomUUID().slice(0, 8)}`;
  const url = (() => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  afterAll(() => withClient((c) => c.query(`drop database if exists ${name} with (force)`)));

  it("adds every organization's existing use cases to it, and the writes after it keep it", async () => {
    await withClient((c) => c.query(`create database ${name}`));
    const migrations = await readMigrations();
    const at = migrations.findIndex((m) => m.name === "20261206110000_awaiting_decision_tally");
    expect(at).toBeGreaterThan(0);
    await withClient(async (c) => {
      for (const m of migrations.slice(0, at)) await c.query(m.sql);
      await c.query(`insert into "User" (id, email, name, "updatedAt") values ('user', 'user@awaiting.test', 'User', now())`);
      // Rollup rows as the writes before it left them: [status, recommended, chosen, deleted].
      const rows: [string, string | null, string | null, boolean][] = [
        ["ASSESSING", "RAG", null, false], ["LIVE", "HYBRID", null, false], // awaiting
        ["RETIRED", "RAG", null, false], ["ASSESSING", null, null, false], ["ASSESSING", "RAG", "RAG", false], ["IDEA", "RAG", null, true], // not
      ];
      for (const org of ["a", "b"]) {
        await c.query(`insert into "Organization" (id, name, slug, "updatedAt") values ($1, $1, $1, now())`, [org]);
        for (const [i, [status, rec, chosen, deleted]] of rows.entries()) {
          if (org === "b" && i > 0) break; // b: one awaiting
          const id = `${org}-${i}`;
          await c.query(`insert into "UseCase" (id, "organizationId", title, "ownerId", "createdById", "updatedAt") values ($1, $2, $1, 'user', 'user', now())`, [id, org]);
          await c.query(
            `insert into "UseCaseRollup" ("useCaseId", "organizationId", "businessUnit", status, "ownerId", "recommendedApproach", "chosenApproach", "updatedAt", "deletedAt")
             values ($1, $2, '', $3::"UseCaseStatus", 'user', $4::"Approach", $5::"Approach", now(), $6)`,
            [id, org, status, rec, chosen, deleted ? new Date() : null],
          );
        }
      }
      await c.query(migrations[at]!.sql);
      const tally = async () =>
        Object.fromEntries(
          (await c.query<{ org: string; n: string }>(`select "organizationId" as org, sum(n)::text as n from "PortfolioTally" where kind = 'awaiting' group by 1 order by 1`)).rows.map((r) => [r.org, Number(r.n)]),
        );
      expect(await tally()).toEqual({ a: 2, b: 1 });
      // After it, the triggers keep it: one retired, one decided, one recommended afresh.
      await c.query(`update "UseCaseRollup" set status = 'RETIRED' where "useCaseId" = 'a-0'`);
      await c.query(`update "UseCaseRollup" set "chosenApproach" = 'RAG' where "useCaseId" = 'b-0'`);
      await c.query(`update "UseCaseRollup" set "recommendedApproach" = 'RAG' where "useCaseId" = 'a-3'`);
      expect(await tally()).toEqual({ a: 2, b: 0 });
    }, url);
  });
});
