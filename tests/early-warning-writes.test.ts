/**
 * Issue 21 item 4: an early warning raised by any write, not only by an actuals import, tells the
 * executives and admins once (in the app, and by mail after the commit): a use-case edit that
 * moves the range below the spend, finance approving a budget the run rate passes, an actuals
 * import's undo. A flag already up, or one that clears, tells no one; one raised again after it
 * cleared is told again. Figures worked out by hand below.
 *
 * Here an agent with a manual estimate: the range is the estimate's low–high, a twelfth a month
 * (the estimate is the same for each calendar year from 2026). The approved budget is the yearly
 * budget finance approved in the decision workflow: frozen when the approach was decided (the
 * estimate's base then), and not moved by later edits of the estimate.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { saveRule } from "@/lib/server/actuals/rules";
import { undoActualImport } from "@/lib/server/actuals/undo";
import { watchWarnings } from "@/lib/server/actuals/warnings";
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

const finance = (org: TestOrg): ActualsActor => ({ organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" });

describe("early warnings raised by writes other than an import", () => {
  it("an edit that moves the range below the spend tells the executive and the admin once; an edit that changes no flag tells nobody; raised again after clearing, told again", async () => {
    const org = await createTestOrg("warn-edit");
    // Estimate $1,000–$1,200–$1,500 a year: finance approved $1,200.
    const { id, edit } = await agent(org, { low: 1_000_00, base: 1_200_00, high: 1_500_00 });
    // January to March, $100 a month: $300 against $250–$300–$375 to date (on the base); at $100 a
    // month the year ends at $300 + 9 × $100 = $1,200, not past the $1,200 budget. No flag.
    const out = await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" });
    expect(out).toMatchObject({ committed: true });
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);

    // The lead lowers the estimate to $800–$1,000–$1,200: to date $200–$250–$300, so $300 is at the
    // high case, not above it. The budget finance approved stays $1,200 (an estimate is not a
    // budget), which the year's $1,200 does not pass: still no flag, nobody told.
    await edit((f) => ({ ...f, manualEstimate: { low: 800_00, base: 1_000_00, high: 1_200_00 } }));
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);

    // Lower still, $600–$800–$1,000: to date $150–$200–$250, and $300 is above the high case, 50% over the base.
    await edit((f) => ({ ...f, manualEstimate: { low: 600_00, base: 800_00, high: 1_000_00 } }));
    const sentence =
      "Early warning on “Agent bot”: actual spend outside its range. Spent $300 so far this year (January to March), 50% over the base projection, above the high case ($250).";
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: sentence }]);
      expect(await mailed(org, who.email)).toBe(1);
    }
    // Neither the lead who edited nor finance is told.
    expect(await told(org, org.users.LEAD.id)).toEqual([]);
    expect(await told(org, org.users.FINANCE.id)).toEqual([]);

    // An edit that changes no flag: the description; then a lower estimate still (high $900): the flag was up already.
    await edit((f) => ({ ...f, description: "Answers supplier emails." }));
    await edit((f) => ({ ...f, manualEstimate: { low: 500_00, base: 700_00, high: 900_00 } }));
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);
    expect(await mailed(org, org.users.EXECUTIVE.email)).toBe(1);

    // The estimate raised back to $1,200: the flag clears, which tells no one.
    await edit((f) => ({ ...f, manualEstimate: { low: 1_000_00, base: 1_200_00, high: 1_500_00 } }));
    expect(await told(org, org.users.ADMIN.id)).toHaveLength(1);
    expect(await db.useCase.findUniqueOrThrow({ where: { id }, select: { description: true } })).toEqual({ description: "Answers supplier emails." });

    // Lowered again: raised again, so told again, once.
    await edit((f) => ({ ...f, manualEstimate: { low: 600_00, base: 800_00, high: 1_000_00 } }));
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: sentence }, { useCaseId: id, message: sentence }]);
      expect(await mailed(org, who.email)).toBe(2);
    }
  });

  it("undoing an actuals import that raises a flag tells the executives; undoing one that clears a flag tells nobody", async () => {
    const org = await createTestOrg("warn-undo");
    // Estimate $1,000–$1,200–$1,500 a year: budget $1,200 approved; to date for January–March $250–$300–$375.
    const { id } = await agent(org, { low: 1_000_00, base: 1_200_00, high: 1_500_00 });
    // The first file: January $100, February $100, March $400: $600, above the $375 high case; at
    // the last three months' $200 a month the year ends at $600 + 9 × $200 = $2,400, past $1,200:
    // $600 + 3 × $200 = $1,200 by the end of June, passed in July. Two flags, told at the import.
    const first = await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "400.00"]]), fileName: "q1.csv", feed: "Bills" });
    expect(first).toMatchObject({ committed: true });
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);
    // A corrected March ($100) replaces the first file's: $300, on the base, ending at $1,200: both flags clear, nobody is told.
    const corrected = await importActuals(finance(org), { source: bill([["2026-03-05", "100.00"]]), fileName: "march-corrected.csv", feed: "Bills" });
    expect(corrected).toMatchObject({ committed: true, replacedMonths: ["2026-03"] });
    expect(await told(org, org.users.EXECUTIVE.id)).toHaveLength(1);

    // Undoing the correction brings the first file's March back: both flags are raised again, and told.
    await undoActualImport(finance(org), corrected.importId!);
    const message =
      "Early warning on “Agent bot”: actual spend outside its range; will pass its approved budget by July. Spent $600 so far this year (January to March), 100% over the base projection, above the high case ($375). At this rate the year ends near $2,400, past the $1,200 yearly budget finance approved (in July).";
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
    const { id } = await agent(org, { low: 1_000_00, base: 1_200_00, high: 1_500_00 });
    expect(await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" })).toMatchObject({ committed: true });
    const row = await db.useCase.findUniqueOrThrow({ where: { id }, select: EDITABLE_SELECT });
    const raised = await db.$transaction(async (tx) => {
      const outer = await watchWarnings(tx, org.id, "all");
      // The same lowered range as above ($300 above its $250 high case), saved through the one write path inside the outer write.
      await writeUseCase(tx, lead, { id, expectedVersion: row.version, fields: { ...rowToFields(row), manualEstimate: { low: 600_00, base: 800_00, high: 1_000_00 } } });
      // Nothing told yet: the outer write has not finished.
      expect(await tx.notification.count({ where: { organizationId: org.id, kind: "early_warning" } })).toBe(0);
      return outer.close(lead.actorId);
    });
    expect(raised).toBe(1);
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: expect.stringMatching(/^Early warning on “Agent bot”: actual spend outside its range\. Spent \$300 .*above the high case \(\$250\)\.$/) }]);
      expect(await mailed(org, who.email)).toBe(1);
    }
  });

  it("a re-projection of the organization (as after new assumptions, weights or a re-score) tells of the flags it raises, once", async () => {
    const org = await createTestOrg("warn-reproject");
    const { id } = await agent(org, { low: 1_000_00, base: 1_200_00, high: 1_500_00 });
    expect(await importActuals(finance(org), { source: bill([["2026-01-05", "100.00"], ["2026-02-05", "100.00"], ["2026-03-05", "100.00"]]), fileName: "q1.csv", feed: "Bills" })).toMatchObject({ committed: true });
    // What the stored projection is derived from changes (here the estimate, written behind the
    // write path's back); only the re-projection, as finance's new assumption version runs it, moves the figures.
    await db.useCase.update({ where: { id }, data: { manualEstimate: { low: 600_00, base: 800_00, high: 1_000_00 } } });
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([]);
    await rederiveOrganization((fn) => db.$transaction(fn), org.id, undefined, undefined, org.users.FINANCE.id);
    for (const who of [org.users.EXECUTIVE, org.users.ADMIN]) {
      expect(await told(org, who.id)).toEqual([{ useCaseId: id, message: expect.stringMatching(/^Early warning on “Agent bot”: actual spend outside its range\. Spent \$300 .*above the high case \(\$250\)\.$/) }]);
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
    expect(aboutB).toEqual([{ useCaseId: b, message: "Early warning on “Shared GPU user”: actual spend outside its range. Spent $300 so far this year (January to March), 50% under the base projection, below the low case ($480)." }]);
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
      "Early warning on “Agent bot”: will pass its approved budget by November. Spent $300 so far this year (January to March), 20% over the base projection, inside the high case. At this rate the year ends near $1,200, past the $1,000 yearly budget finance approved (in November).";
    expect(await told(org, org.users.EXECUTIVE.id)).toEqual([...before.exec, { useCaseId: id, message }]);
    expect(await told(org, org.users.ADMIN.id)).toEqual([...before.admin, { useCaseId: id, message }]);
    // Finance, who approved it, is not told of their own step.
    expect(await told(org, org.users.FINANCE.id)).toEqual([]);
  });
});
