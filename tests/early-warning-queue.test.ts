/**
 * Issue 21 item 4 in the executives' queue (issue 20): a use case whose actual spend leaves its
 * low–high range, or whose run rate will pass its approved budget before the year ends, is in
 * "Needs a decision" with the reason said, one line however many reasons it has, sorted with the
 * rest by projected spend; an actuals import that raises a flag not raised before tells the
 * executives (in the app and by mail), once. Figures worked out by hand below.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { readQueue } from "@/lib/server/decisions/queue";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { chunked } from "./helpers/actuals-samples";

/*
 * X: prompting, decided as recommended; $1,200 of inference in 2026: $100 a month base, $80 low,
 *    $125 high; finance approved a yearly budget of $1,200. Not in the queue otherwise.
 * Y: recommended RAG, decided prompting (so "differs"); $2,400 a year as chosen: $200 a month base,
 *    $160 low, $250 high; budget $2,400 approved.
 * Z: recommended RAG, undecided; $600 a year; no actual spend.
 * Projected spend (lifecycle base as chosen, one year): Y $2,400, X $1,200, Z $600.
 */
let org: TestOrg;
let finance: ActualsActor;
const ids = { X: "", Y: "", Z: "" };

const bill = (rows: [string, string, string][]) => chunked(["date,cost,tags", ...rows.map(([d, c, uc]) => `${d},${c},usecase=UC-${uc}`)].join("\n") + "\n");
const earlyWarnings = (userId: string) =>
  db.notification.findMany({ where: { organizationId: org.id, userId, kind: "early_warning" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { useCaseId: true, message: true } });

beforeAll(async () => {
  org = await createTestOrg("warned");
  finance = { organizationId: org.id, userId: org.users.FINANCE.id, role: "FINANCE" };
  const lead = org.users.LEAD.id;
  ids.X = await insertUseCaseWithCosts(org.id, { title: "Overspending bot", ownerId: lead, recommended: "PROMPTING", chosen: "PROMPTING", budgetApproved: 1_200_00, startYear: 2026, yearly: { PROMPTING: { INFERENCE: [1_200_00] } } });
  ids.Y = await insertUseCaseWithCosts(org.id, { title: "Frugal bot", ownerId: lead, recommended: "RAG", chosen: "PROMPTING", budgetApproved: 2_400_00, startYear: 2026, yearly: { PROMPTING: { INFERENCE: [2_400_00] }, RAG: { INFERENCE: [5_000_00] } } });
  ids.Z = await insertUseCaseWithCosts(org.id, { title: "Undecided bot", ownerId: lead, recommended: "RAG", startYear: 2026, yearly: { RAG: { INFERENCE: [600_00] } } });
  for (const [k, id] of Object.entries(ids)) await db.useCase.update({ where: { id }, data: { externalId: `UC-${k}` } });
});

describe("early warnings in the executives' queue", () => {
  it("lists a use case outside its range once, beside its other reasons, sorted by projected spend, and tells the executives once", async () => {
    const before = await readQueue(org.id);
    expect(before.items.map((i) => [i.title, i.reasons])).toEqual([
      ["Frugal bot", ["differs"]],
      ["Undecided bot", ["undecided"]],
    ]);
    expect(before.counts["early-warning"]).toBe(0);

    // January: X spends $100 (on its base), Y $150 (below its $160 low case; at that rate $1,800 for the year, inside its budget).
    const january: [string, string, string][] = [["2026-01-10", "60.00", "X"], ["2026-01-20", "40.00", "X"], ["2026-01-15", "150.00", "Y"]];
    expect(await importActuals(finance, { source: bill(january), fileName: "january.csv", feed: "Bills" })).toMatchObject({ committed: true });
    const q = await readQueue(org.id);
    expect(q.items.map((i) => [i.title, i.reasons, i.warnings, i.spendCents])).toEqual([
      ["Frugal bot", ["differs", "early-warning"], ["actual spend below its range"], 2_400_00],
      ["Undecided bot", ["undecided"], [], 600_00],
    ]);
    expect(q.counts).toMatchObject({ differs: 1, undecided: 1, "early-warning": 1 });
    expect(q.total).toBe(2);
    // The executive and the admin are told; finance, who imported, is not.
    for (const who of [org.users.EXECUTIVE.id, org.users.ADMIN.id]) {
      expect(await earlyWarnings(who)).toEqual([{ useCaseId: ids.Y, message: expect.stringMatching(/^Early warning on “Frugal bot”: actual spend below its range\. Spent \$150 so far this year \(January\)/) }]);
    }
    expect(await earlyWarnings(org.users.FINANCE.id)).toEqual([]);
    expect(await db.outboxMessage.count({ where: { to: org.users.EXECUTIVE.email, subject: `${org.name}: early warning on actual spend` } })).toBe(1);

    // The same file again: the flag was raised already, nobody is told again.
    expect(await importActuals(finance, { source: bill(january), fileName: "january-again.csv", feed: "Bills" })).toMatchObject({ committed: true, replacedMonths: ["2026-01"] });
    expect(await earlyWarnings(org.users.EXECUTIVE.id)).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { to: org.users.EXECUTIVE.email, subject: `${org.name}: early warning on actual spend` } })).toBe(1);
  });

  it("flags a run rate that passes the approved budget, says by when, and clears a use case back inside its range", async () => {
    // February: X spends $300, so $400 for January–February against $160–$250 (above the high case), and
    // at the last months' $200 a month the year ends at $400 + 10 × $200 = $2,400, past its $1,200 budget:
    // $400 + 4 × $200 = $1,200 by the end of June, passed in July. Y spends $200: $350 against $320–$500, inside.
    const twoMonths: [string, string, string][] = [["2026-01-10", "100.00", "X"], ["2026-02-12", "300.00", "X"], ["2026-01-15", "150.00", "Y"], ["2026-02-15", "200.00", "Y"]];
    expect(await importActuals(finance, { source: bill(twoMonths), fileName: "february.csv", feed: "Bills" })).toMatchObject({ committed: true });
    const q = await readQueue(org.id);
    expect(q.items.map((i) => [i.title, i.reasons, i.warnings])).toEqual([
      ["Frugal bot", ["differs"], []],
      ["Overspending bot", ["early-warning"], ["actual spend above its range", "will pass its approved budget by July"]],
      ["Undecided bot", ["undecided"], []],
    ]);
    // One panel: the early warnings only.
    expect((await readQueue(org.id, { reasons: ["early-warning"] })).items.map((i) => i.title)).toEqual(["Overspending bot"]);

    // The executive is told of X's two new flags in one notification; Y, back inside, raises nothing.
    const told = await earlyWarnings(org.users.EXECUTIVE.id);
    expect(told).toHaveLength(2);
    expect(told[1]).toEqual({ useCaseId: ids.X, message: expect.stringContaining("Early warning on “Overspending bot”: actual spend above its range; will pass its approved budget by July. Spent $400 so far this year (January to February), 100% over the base projection, above the high case ($250).") });
    const mail = await db.outboxMessage.findMany({ where: { to: org.users.EXECUTIVE.email, text: { contains: "Overspending bot" } } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`/o/${org.slug}/use-cases/${ids.X}`);
  });
});
