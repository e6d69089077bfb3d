/**
 * Issue 21 item 4: an early warning raised by any write, not only by an actuals import, tells the
 * executives and admins once (in the app, and by mail after the commit): a use-case edit that
 * moves the range below the spend, finance approving a budget the run rate passes, an actuals
 * import's undo. A flag already up, or one that clears, tells no one; one raised again after it
 * cleared is told again. Figures worked out by hand below.
 *
 * The range moved by edits is a prompted model's (its inference, a twelfth a month): 1,000 input
 * tokens a call and none out, at $0.75–$1.00–$1.25 a million (its own cost figures), so 100,000
 * calls a month cost $900–$1,200–$1,500 a year. The budget warnings use an agent with a manual
 * estimate: the approved budget is the yearly budget finance approved in the decision workflow,
 * frozen when the approach was decided (the estimate's base then), and not moved by later edits
 * of the estimate. An estimate is the whole yearly cost, people's time in it, so its bills are
 * held to that budget but not compared with its range.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { saveRule } from "@/lib/server/actuals/rules";
import { undoActualImport } from "@/lib/server/actuals/undo";
import { watchWarnings } from "@/lib/server/actuals/warnings";
import { loadVariances } from "@/lib/server/actuals/read";
import { rederiveOrganization } from "@/lib/server/use-cases/derive";
import { EDITABLE_SELECT, rowToFields } from "@/lib/server/use-cases/mapping";
import { approveBudget, approveDecision } from "@/lib/server/decisions/workflow";
import { inUseCaseTransaction, writeUseCase } from "@/lib/server/use-cases/write";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { chunked } from "./helpers/actuals-samples";

const bill = (rows: [string, string][]) => chunked(["date,cost,tags", ...rows.map(([d, c]) => `${d},${c},usecase=UC-AGENT`)].join("\n") + "\n");
const SUBJECT = (org: TestOrg) => `${org.name}: early warning on actual spend`;
const told = (org: TestOrg, userId: string) =>
  db.notification.findMany({ where: { organizationId: org.id, userId, kind: "early_warning" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { useCaseId: true, message: true } });
const mailed = (org: TestOrg, email: string) => db.outboxMessage.count({ where: { to: email, subject: SUBJECT(org) } });

const roleOf = (org: TestOrg, role: "LEAD" | "EXECUTIVE" | "FINANCE" | "ADMIN") => ({ organizationId: org.id, actorId: org.users[role].id, role });

/**
 * An agent, tagged UC-AGENT, from January 2026, with a yearly manual estimate (cents), decided by
 * the executive and its yearly budget (the estimate's base) approved by finance.
 */
async function agent(org: TestOrg, estimate: { low: number; base: number; high: number }) {
  const lead = roleOf(org, "LEAD");
  const { id } = await inUseCaseTransaction((tx) =>
    writeUseCase(tx, lead, { fields: { title: "Agent bot", horizonYears: 3, startDate: "2026-01-01", externalId: "UC-AGENT", manualEstimate: estimate, assessment: { changeFrequency: "static", coreNeed: "neither" } } }),
  );
  await inUseCaseTransaction((tx) => approveDecision(tx, roleOf(org, "EXECUTIVE"), { id, approach: "AGENT" }));
  await inUseCaseTransaction((tx) => approveBudget(tx, roleOf(org, "FINANCE"), { id }));
  /** The lead edits the use case (the one write path, as the edit form does). */
  const edit = async (change: (f: ReturnType<typeof rowToFields>) => ReturnType<typeof rowToFields>) => {
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT });
    await inUseCaseTransaction((tx) => writeUseCase(tx, lead, { id, expectedVersion: row.version, fields: change(rowToFields(row)) }));
  };
  return { id, edit };
}

/** Its cost figures: 1,000 input tokens a call, no output, $0.75–$1.00–$1.25 a million input tokens. */
const PRICED = {
  inputTokensPerCall: { low: 1000, base: 1000, high: 1000 },
  outputTokensPerCall: { low: 0, base: 0, high: 0 },
  modelInputPricePerMTokens: { low: 0.75, base: 1, high: 1.25 },
  modelOutputPricePerMTokens: { low: 1, base: 1, high: 1 },
};

/**
 * A prompted model, tagged UC-AGENT, from January 2026, costed at PRICED for `monthlyCalls` calls
 * a month, decided by the executive (no budget approved).
 */
async function prompted(org: TestOrg, monthlyCalls: number) {
  const lead = roleOf(org, "LEAD");
  const { id } = await inUseCaseTransaction((tx) =>
    writeUseCase(tx, lead, { fields: { title: "Prompt bot", horizonYears: 3, startDate: "2026-01-01", externalId: "UC-AGENT", assessment: { changeFrequency: "static", coreNeed: "neither", monthlyCalls } } }),
  );
  await db.useCase.update({ where: { id }, data: { overrides: PRICED } });
  await rederiveOrganization((fn) => db.$transaction(fn), org.id, undefined, [id]);
  await inUseCaseTransaction((tx) => approveDecision(tx, roleOf(org, "EXECUTIVE"), { id, approach: "PROMPTING" }));
  /** The lead changes the monthly calls (the one write path, as the edit form does). */
  const calls = async (n: number, change: (f: ReturnType<typeof rowToFields>) => ReturnType<typeof rowToFields> = (f) => f) => {
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT });
    const f = change(rowToFields(row));
    await inUseCaseTransaction((tx) => writeUseCase(tx, lead, { id, expectedVersion: row.version, fields: { ...f, assessment: { ...f.assessment, monthlyCalls: n } } }));
  };
  return { id, calls };
}

const finance = (org: TestOrg): ActualsActor => ({ organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" });

describe("early warnings raised by writes other than an import", () => {
  it("an edit that moves the range below the spend tells the executive and the admin once; an edit that changes no flag tells nobody; raised again after clearing, told again", async () => {
    const org = await createTestOrg("warn-edit");
    // 100,000 calls a month: $900–$1,200–$1,500 a year.
    const { id, calls } = await prompted(org, 100_000);
    // January to March, $100 a month: $300 against $225–$300–$375 to date (on the base). No flag.
    const out = await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" });
    expect(out).toMatchObject({ committed: true });
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);

    // The lead lowers the calls to 80,000: $720–$960–$1,200 a year, to date $180–$240–$300, so $300
    // is at the high case, not above it: still no flag, nobody told.
    await calls(80_000);
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);

    // Lower still, 60,000: to date $135–$180–$225, and $300 is above the high case, 67% over the base.
    await calls(60_000);
    const sentence =
      "Early warning on “Prompt bot”: actual spend above its range. Spent $300 so far this year (January to March), 67% over the base projection, above the high case ($225).";
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: sentence }]);
      expect(await mailed(org, who.email)).toBe(1);
    }
    // Neither the lead who edited nor finance is told.
    expect(await told(org, org.users.LEAD.id)).toEqual([]);
    expect(await told(org, org.users.FINANCE.id)).toEqual([]);

    // An edit that changes no flag: the description; then fewer calls still (50,000): the flag was up already.
    await calls(60_000, (f) => ({ ...f, description: "Answers supplier emails." }));
    await calls(50_000);
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);
    expect(await mailed(org, org.users.EXECUTIVE.email)).toBe(1);

    // The calls raised back to 100,000: the flag clears, which tells no one.
    await calls(100_000);
    expect(await told(org, org.users.ADMIN.id)).toHaveLength(1);
    expect(await db.useCase.findUniqueOrThrow({ where: { id }, select: { description: true } })).toEqual({ description: "Answers supplier emails." });

    // Lowered again: raised again, so told again, once.
    await calls(60_000);
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: sentence }, { useCaseId: id, message: sentence }]);
      expect(await mailed(org, who.email)).toBe(2);
    }
  });

  it("an agent's bill is held to the budget finance approved, not compared with its owner's estimate, which has people's time in it", async () => {
    const org = await createTestOrg("warn-estimate");
    // Estimate $1,000–$1,200–$1,500 a year: budget $1,200 approved. Billed $20 a month, far under
    // the estimate's $250 low case to date: no range to fall below, so no warning.
    await agent(org, { low: 1_000_00, base: 1_200_00, high: 1_500_00 });
    await importActuals(finance(org), { source: bill([["2026-01-05", "20.00"], ["2026-02-05", "20.00"], ["2026-03-05", "20.00"]]), fileName: "q1.csv", feed: "Bills" });
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);
    const [v] = (await loadVariances(org.id, { now: new Date(Date.UTC(2026, 3, 15)) })).useCases;
    expect(v!.variance).toMatchObject({ actual: 60_00, projected: null, position: null, flags: [] });
    expect(v!.variance.sentence).toBe(
      "Spent $60 so far this year (January to March); it is costed from its owner's yearly estimate, the whole yearly cost with people's time in it, which a bill does not measure, so the bill is not set against it.",
    );
  });

  it("undoing an actuals import that raises a flag tells the executives; undoing one that clears a flag tells nobody", async () => {
    const org = await createTestOrg("warn-undo");
    // Estimate $1,000–$1,200–$1,500 a year: budget $1,200 approved; to date for January–March $250–$300–$375.
    const { id } = await agent(org, { low: 1_000_00, base: 1_200_00, high: 1_500_00 });
    // The first file: January $100, February $100, March $400: $600; at the last three months' $200
    // a month the year ends at $600 + 9 × $200 = $2,400, past $1,200: $600 + 3 × $200 = $1,200 by
    // the end of June, passed in July. The budget's flag, told at the import (the estimate is no range to be above).
    const first = await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "400.00"]]), fileName: "q1.csv", feed: "Bills" });
    expect(first).toMatchObject({ committed: true });
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);
    // A corrected March ($100) replaces the first file's: $300, ending at $1,200: the flag clears, nobody is told.
    const corrected = await importActuals(finance(org), { source: bill([["2026-03-05", "100.00"]]), fileName: "march-corrected.csv", feed: "Bills" });
    expect(corrected).toMatchObject({ committed: true, replacedMonths: ["2026-03"] });
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);

    // Undoing the correction brings the first file's March back: the flag is raised again, and told.
    await undoActualImport(finance(org), corrected.importId!);
    const message =
      "Early warning on “Agent bot”: will pass its approved budget by July. Spent $600 so far this year (January to March); it is costed from its owner's yearly estimate, the whole yearly cost with people's time in it, which a bill does not measure, so the bill is not set against it. At this rate the year ends near $2,400, past the $1,200 yearly budget finance approved (in July).";
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      const list = await told(org, who.id);
      expect(list).toHaveLength(2);
      expect(list[1]).toEqual({ useCaseId: id, message });
      expect(await mailed(org, who.email)).toBe(2);
    }
    expect(await told(org, org.users.FINANCE.id)).toEqual([]);

    // Undoing the first file too: no spend is left, every flag clears; nobody is told.
    await undoActualImport(finance(org), first.importId!);
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(2);
    expect(await mailed(org, org.users.EXECUTIVE.email)).toBe(2);
  });

  it("a write inside another (as a use-case import's undo re-saves its use cases) tells once, when the outer one closes", async () => {
    const org = await createTestOrg("warn-nested");
    const lead = roleOf(org, "LEAD");
    const { id } = await prompted(org, 100_000);
    expect(await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" })).toMatchObject({ committed: true });
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT });
    const fields = rowToFields(row);
    const raised = await db.$transaction(async (tx) => {
      const outer = await watchWarnings(tx, org.id, "all");
      // The same lowered range as above ($300 above its $225 high case), saved through the one write path inside the outer write.
      await writeUseCase(tx, lead, { id, expectedVersion: row.version, fields: { ...fields, assessment: { ...fields.assessment, monthlyCalls: 60_000 } } });
      // Nothing told yet: the outer write has not finished.
      expect(await tx.notification.count({ where: { organizationId: org.id, kind: "early_warning" } })).toBe(0);
      return outer.close(lead.actorId);
    });
    expect(raised).toBe(1);
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: expect.stringMatching(/^Early warning on “Prompt bot”: actual spend above its range\. Spent \$300 .*above the high case \(\$225\)\.$/) }]);
      expect(await mailed(org, who.email)).toBe(1);
    }
  });

  it("a re-projection of the organization (as after new assumptions, weights or a re-score) tells of the flags it raises, once", async () => {
    const org = await createTestOrg("warn-reproject");
    const { id } = await prompted(org, 100_000);
    expect(await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" })).toMatchObject({ committed: true });
    // What the stored projection is derived from changes (here its token price, a quarter of it,
    // written behind the write path's back); only the re-projection, as finance's new assumption
    // version runs it, moves the figures: to date $56–$75–$94.
    await db.useCase.update({ where: { id }, data: { overrides: { ...PRICED, modelInputPricePerMTokens: { low: 0.75 / 4, base: 0.25, high: 1.25 / 4 } } } });
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);
    await rederiveOrganization((fn) => db.$transaction(fn), org.id, undefined, undefined, org.users.FINANCE.id);
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: expect.stringMatching(/^Early warning on “Prompt bot”: actual spend above its range\. Spent \$300 .*above the high case \(\$94\)\.$/) }]);
    }
    // Again: nothing changes, nobody is told again.
    await rederiveOrganization((fn) => db.$transaction(fn), org.id, undefined, undefined, org.users.FINANCE.id);
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);
    expect(await mailed(org, org.users.EXECUTIVE.email)).toBe(1);
  });

  it("a new use case that takes spend another one had by a rule tells of the flag that other one now raises", async () => {
    const org = await createTestOrg("warn-touch");
    // B: prompting, decided; $2,400 a year metered: January to March $480–$600–$750.
    const b = await insertUseCaseWithCosts(org.id, { title: "Shared GPU user", ownerId: org.users.LEAD.id, recommended: "PROMPTING", chosen: "PROMPTING", startYear: 2026, yearly: { PROMPTING: { INFERENCE: [2_400_00] } } });
    await db.useCase.update({ where: { id: b }, data: { externalId: "UC-B" } });
    await saveRule(finance(org), { field: "resource", value: "shared-gpu", useCaseId: b, shareBp: 10_000 });
    // Each month $100 tagged UC-B, and $100 on the shared GPU tagged UC-NEW, a use case nobody has logged yet: the rule gives it to B.
    // B: $600, on its base; at $200 a month it ends the year at $2,400, not past its budget.
    const header = "ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ServiceCategory,SkuId,ConsumedQuantity,ConsumedUnit,ResourceId,SubAccountId,Tags";
    const line = (m: number, resource: string, tag: string) => `2026-0${m}-10T00:00:00Z,2026-0${m}-10T23:59:59Z,100.00,100.00,USD,AI and Machine Learning,sku-1,1,Requests,${resource},sub-1,"{""usecase"":""${tag}""}"`;
    const file = [header, ...[1, 2, 3].flatMap((m) => [line(m, "res-b", "UC-B"), line(m, "shared-gpu", "UC-NEW")])].join("\n") + "\n";
    expect(await importActuals(finance(org), { source: chunked(file), fileName: "q1-focus.csv", feed: "Cloud" })).toMatchObject({ committed: true });
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);

    // The lead logs UC-NEW: its tag wins over the rule, so B keeps $300, below its $480 low case.
    const lead = { organizationId: org.id, actorId: org.users.LEAD.id, role: "LEAD" as const };
    await inUseCaseTransaction((tx) => writeUseCase(tx, lead, { fields: { title: "New bot", startDate: "2026-01-01", externalId: "UC-NEW", assessment: { changeFrequency: "static", coreNeed: "neither" } } }));
    const aboutB = (await told(org, org.users.EXECUTIVE.id)).filter((n) => n.useCaseId === b);
    expect(aboutB).toEqual([{ useCaseId: b, message: "Early warning on “Shared GPU user”: actual spend below its range. Spent $300 so far this year (January to March), 50% under the base projection, below the low case ($480)." }]);
  });

  it("finance approving a budget the run rate passes tells the executives and admins; deciding without it tells nobody of a budget", async () => {
    const org = await createTestOrg("warn-decide");
    // Undecided (no approved budget), its estimate $800–$1,000–$1,200 for an agent if chosen.
    const { id } = await inUseCaseTransaction((tx) =>
      writeUseCase(tx, roleOf(org, "LEAD"), { fields: { title: "Agent bot", horizonYears: 3, startDate: "2026-01-01", externalId: "UC-AGENT", manualEstimate: { low: 800_00, base: 1_000_00, high: 1_200_00 }, assessment: { changeFrequency: "static", coreNeed: "neither" } } }),
    );
    expect(await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" })).toMatchObject({ committed: true });
    // The admin decides the agent: its yearly budget is proposed at the estimate's $1,000, which the
    // $100 a month passes in November; but finance has not approved it, so there is no budget to pass.
    await inUseCaseTransaction((tx) => approveDecision(tx, roleOf(org, "ADMIN"), { id, approach: "AGENT" }));
    const before = { exec: await told(org, org.users.EXECUTIVE.id), admin: await told(org, org.users.ADMIN.id) };
    expect([...before.exec, ...before.admin].filter((n) => n.message.includes("budget"))).toEqual([]);
    // Finance approves the $1,000: now the run rate passes it.
    await inUseCaseTransaction((tx) => approveBudget(tx, roleOf(org, "FINANCE"), { id }));
    const message =
      "Early warning on “Agent bot”: will pass its approved budget by November. Spent $300 so far this year (January to March); it is costed from its owner's yearly estimate, the whole yearly cost with people's time in it, which a bill does not measure, so the bill is not set against it. At this rate the year ends near $1,200, past the $1,000 yearly budget finance approved (in November).";
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([...before.exec, { useCaseId: id, message }]);
    expect(await told(org, org.users.ADMIN.id)).toEqual([...before.admin, { useCaseId: id, message }]);
    // Finance, who approved it, is not told of their own step.
    expect(await told(org, org.users.FINANCE.id)).toEqual([]);
  });
});
