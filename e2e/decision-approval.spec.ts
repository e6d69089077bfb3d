/**
 * Journey (issue 20): one use case from logged to budget approved across a lead, an executive and
 * finance. The lead logs it and proposes the recommendation; the executive lands on "Needs a
 * decision", is notified, reads a comment thread, and approves from the queue; finance is notified
 * and approves the budget from its queue; the lead is told of each. Every step is in the history
 * and the audit log, naming who and when.
 */
import { linkInMail, mailTo } from "./mail";
import { dollars } from "../lib/domain/money";
import { ONE_TIME } from "../lib/domain/costing/drivers";
import { expect, test } from "./registry-fixtures";

test("a lead's proposal is approved by an executive and its budget by finance, each notified", async ({ page, registry }) => {
  // A long journey through three roles: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const { users } = registry.org;
  const title = "Claims handbook answers for adjusters";

  // The lead logs the use case with a few answers.
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("How often the underlying knowledge changes").selectOption("weekly");
  await page.getByLabel("Longest acceptable lag (days)").fill("3");
  await page.getByLabel("Monthly LLM calls now").fill("20000");
  await page.getByLabel("Corpus size (documents)").fill("5000");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const id = page.url().split("/use-cases/")[1]!.split("?")[0]!;
  const [uc] = await registry.query<{ recommendedApproach: string }>(`SELECT "recommendedApproach" FROM "UseCase" WHERE id = $1`, [id]);
  expect(uc!.recommendedApproach).toBe("RAG");
  const [year1] = await registry.query<{ base: string; year: number; years: number }>(
    `SELECT "baseCents"::text AS base, "calendarYear" AS year, (SELECT count(*)::int FROM "CostYear" WHERE "useCaseId" = $1 AND approach = 'RAG') AS years FROM "CostYear" WHERE "useCaseId" = $1 AND approach = 'RAG' AND "yearIndex" = 1`,
    [id],
  );
  const [oneOff] = await registry.query<{ base: string }>(
    `SELECT coalesce(sum("baseCents"), 0)::text AS base FROM "CostLine" WHERE "useCaseId" = $1 AND approach = 'RAG' AND "yearIndex" = 1 AND category = ANY($2)`,
    [id, [...ONE_TIME]],
  );
  // A budget reads in whole dollars, on the decision, the queue's line and button and the
  // notifications: RAG's one-off build apart from its yearly run rate (the first year's other costs).
  const build = BigInt(oneOff!.base);
  expect(build).toBeGreaterThan(0n);
  const budget = `${dollars(build)} to build in ${year1!.year}, and ${dollars(BigInt(year1!.base) - build)} a year to run from ${year1!.year}`;

  // It proposes the recommendation; a lead is offered no approval.
  await page.getByRole("link", { name: "Decision", exact: true }).click();
  await expect(page.getByTestId("stage")).toHaveText("logged");
  await expect(page.getByLabel("Approach")).toHaveValue("RAG");
  // Notes as a lead types them, markup and all: shown as text, never as markup.
  const notes = "Retrieval over the claims handbook; it changes weekly. <b>Not</b> fine-tuning & not yet agents.";
  await page.getByLabel("Notes").fill(notes);
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByTestId("stage")).toHaveText("proposed");
  // The confirmation outlives the refresh that took the proposal form away.
  await expect(page.getByTestId("workflow-message")).toHaveText("Proposed: the executives are notified.");
  await expect(page.getByTestId("workflow-steps")).toContainText(`Proposed RAG by ${users.LEAD.name} on`);
  await expect(page.getByTestId("workflow-steps")).toContainText(`budget: ${budget}.`);
  await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);

  // The executive lands on the queue, notified.
  await registry.signInAs("EXECUTIVE");
  await page.goto(`/o/${registry.org.slug}`);
  await expect(page).toHaveURL(new RegExp(`/o/${registry.org.slug}/decisions$`));
  await expect(page.getByRole("heading", { name: "Needs a decision", level: 1 })).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveText("1");
  await expect(page.getByTestId("panel-awaiting-approval").getByTestId("panel-count")).toHaveText("1");
  const row = page.getByTestId("queue-row").filter({ hasText: title });
  await expect(row.getByTestId("queue-recommendation")).toContainText("RAG · provisional");
  // Approving from the queue, the executive reads the lead's notes there too.
  await expect(row.getByTestId("queue-proposal-notes")).toHaveText(`${users.LEAD.name}’s notes with the proposal: “${notes}”`);
  // The spend is the proposed approach's, named: its build apart from its yearly run rate, as
  // approving stores them, then its lifecycle (base), whole: every figure it needs was given. In
  // whole dollars, the exact sum of the stored years rounded once. It is the recommendation too, so
  // no second figure follows.
  const [life] = await registry.query<{ base: string }>(`SELECT sum("baseCents")::text AS base FROM "CostYear" WHERE "useCaseId" = $1 AND approach = 'RAG'`, [id]);
  await expect(row.getByTestId("queue-spend")).toHaveText(`RAG: ${budget} (lifecycle ${dollars(BigInt(life!.base))} over ${year1!.years} years)`);
  await expect(row.getByTestId("queue-spend-other")).toHaveCount(0);
  // Beside "Approve RAG": what RAG costs over the lifecycle, and whether it is the cheapest that serves.
  await expect(row.getByTestId("queue-option-note")).toHaveText(/^RAG: \$[\d,]+ over the lifecycle \(base\)/);
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification").first()).toContainText(`${users.LEAD.name} proposed RAG for “${title}”`);
  await expect(page.getByTestId("notification").first()).toContainText("awaits your approval");
  // And by mail, with a link to the use case.
  expect(await linkInMail(users.EXECUTIVE.email, `/o/${registry.org.slug}/use-cases/`)).toBe(`/o/${registry.org.slug}/use-cases/${id}`);

  // A question in the comments, mentioning the lead.
  await page.getByRole("link", { name: "Open the use case" }).first().click();
  // Before approving, the executive reads the lead's notes with the proposal, quoted, as typed.
  await page.getByRole("link", { name: "Decision", exact: true }).click();
  await expect(page.getByTestId("proposal-notes")).toHaveText(`${users.LEAD.name}’s notes with the proposal:“${notes}”`);
  await page.getByRole("link", { name: "Comments" }).click();
  await page.getByLabel("Add a comment").fill(`@${users.LEAD.name} is the handbook in one place?`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comment-message")).toContainText("the person mentioned will be notified");
  await expect(page.getByTestId("comments")).toContainText(`mentions ${users.LEAD.name}`);

  // It approves from the queue.
  await page.getByRole("link", { name: "To decide" }).click();
  // Named by its use case for a screen reader or voice control, not one of several "Approve RAG".
  await row.getByRole("button", { name: `Approve RAG for “${title}”`, exact: true }).click();
  // Said on the page, not only shown by the line changing: what was approved, the budget now
  // awaiting finance, and that the as-chosen total already counted RAG (the recommendation of a use case not yet decided).
  await expect(page.getByRole("status").filter({ hasText: "Approved RAG" })).toHaveText(
    `Approved RAG for “${title}”. Its budget of ${budget} now awaits finance. The portfolio's as-chosen total does not change: it already counted RAG for it, as recommended.`,
  );
  await expect(page.getByTestId("panel-awaiting-approval").getByTestId("panel-count")).toHaveText("0");
  await expect(row.getByTestId("queue-reasons")).toContainText(/^approved · /);
  await expect(row.getByTestId("queue-reasons")).toContainText("Budget awaiting finance");
  await expect(page.getByTestId("panel-budget").getByTestId("panel-count")).toHaveText("1");

  // Finance is notified and approves the budget from its queue; it is offered nothing else.
  await registry.signInAs("FINANCE");
  await page.goto(`/o/${registry.org.slug}/decisions`);
  await expect(page.getByTestId("unread-count")).toHaveText("1");
  await expect(page.getByTestId("queue-panels").getByRole("link")).toHaveCount(1);
  const financeRow = page.getByTestId("queue-row").filter({ hasText: title });
  await expect(financeRow.getByRole("button", { name: /^Approve RAG/ })).toHaveCount(0);
  await financeRow.getByRole("button", { name: `Approve budget: ${budget}` }).click();
  // Approved, it needs nobody now: it leaves the queue, and the page says what was approved.
  await expect(financeRow).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Approved the budget" })).toHaveText(`Approved the budget for “${title}”: ${budget}.`);
  await expect(page.getByText("Nothing here needs a decision today.")).toBeVisible();
  await page.goto(`/o/${registry.org.slug}/notifications`);
  await expect(page.getByTestId("notification").first()).toContainText(`${users.EXECUTIVE.name} approved RAG for “${title}”: its budget, ${budget}, awaits your approval.`);
  // Answered, the request no longer asks: it shows as done, and the bell has nothing unread.
  await expect(page.getByTestId("notification").first().getByTestId("notification-resolved")).toHaveText(/^Done No longer awaits you: you approved its budget \(.+\)\.$/);
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  expect(await linkInMail(users.FINANCE.email, `/o/${registry.org.slug}/use-cases/`)).toBe(`/o/${registry.org.slug}/use-cases/${id}`);

  // The lead was told of the mention, the approval and the budget; marking them read clears the bell.
  await registry.signInAs("LEAD");
  await page.goto(`/o/${registry.org.slug}/notifications`);
  await expect(page.getByTestId("unread-count")).toHaveText("3");
  const texts = await page.getByTestId("notification").allTextContents();
  expect(texts.join("\n")).toContain(`${users.EXECUTIVE.name} mentioned you on “${title}”`);
  expect(texts.join("\n")).toContain(`${users.EXECUTIVE.name} approved your decision on “${title}”`);
  expect(texts.join("\n")).toContain(`${users.FINANCE.name} approved the budget for “${title}”: ${budget}.`);
  // Each also by mail; nobody was mailed of their own step.
  await expect.poll(() => mailTo(users.LEAD.email).map((m) => m.subject).sort()).toEqual(
    [`${registry.org.name}: a budget was approved`, `${registry.org.name}: you were mentioned in a comment`, `${registry.org.name}: your decision was approved`].sort(),
  );
  await expect.poll(() => mailTo(users.EXECUTIVE.email).map((m) => m.subject).sort()).toEqual([`${registry.org.name}: a budget was approved`, `${registry.org.name}: a decision awaits your approval`]);
  await expect.poll(() => mailTo(users.FINANCE.email).map((m) => m.subject)).toEqual([`${registry.org.name}: a budget awaits your approval`]);
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
  await expect(page.getByTestId("notification-bell")).toHaveAttribute("aria-label", "Notifications, none unread");

  // The Decision tab says where it stands and who did what; the history has every step.
  await page.goto(registry.path(`/${id}?tab=decision`));
  await expect(page.getByTestId("stage")).toHaveText("budget approved");
  await expect(page.getByTestId("workflow-steps")).toContainText(`Approved by ${users.EXECUTIVE.name} on`);
  await expect(page.getByTestId("workflow-steps")).toContainText(`Budget approved by ${users.FINANCE.name} on`);
  await expect(page.getByTestId("decided-by")).toContainText(`Recorded by ${users.EXECUTIVE.name} on`);
  // Approved, the proposal's notes are the decision's: shown once, under "Decision notes".
  await expect(page.getByTestId("proposal-notes")).toHaveCount(0);
  await expect(page.getByTestId("decision-notes")).toHaveText(notes);
  await page.getByRole("link", { name: "History" }).click();
  const history = page.getByTestId("history");
  await expect(history).toContainText(`${users.LEAD.name} proposed a decision`);
  await expect(history).toContainText(`${users.EXECUTIVE.name} commented`);
  await expect(history).toContainText(`${users.EXECUTIVE.name} approved the decision`);
  await expect(history).toContainText(`${users.FINANCE.name} approved the budget`);

  const audit = await registry.query<{ action: string; actorId: string }>(
    `SELECT action, "actorId" FROM "AuditEvent" WHERE "entityId" = $1 AND action LIKE 'decision.%' ORDER BY at, id`,
    [id],
  );
  expect(audit).toEqual([
    { action: "decision.proposed", actorId: users.LEAD.id },
    { action: "decision.approved", actorId: users.EXECUTIVE.id },
    { action: "decision.budget_approved", actorId: users.FINANCE.id },
  ]);
});

test("approving the recommendation of an undecided use case from the queue says what it approved and what it means for the money", async ({ page, registry }) => {
  const title = "Complaint letter drafting";
  await registry.seedUseCase({ title, ownerRole: "LEAD", recommendedApproach: "FINE_TUNING", agreementVotes: 3, agreementVoters: 5 });
  await registry.signInAs("EXECUTIVE");
  await page.goto(`/o/${registry.org.slug}/decisions`);
  const row = page.getByTestId("queue-row").filter({ hasText: title });
  await row.getByRole("button", { name: "Approve Fine-tuning" }).click();
  // The line changes in place (approved, its budget awaiting finance); the page's status line names the approach and the use case.
  const status = page.getByTestId("queue-status");
  await expect(status).toHaveRole("status");
  await expect(status).toContainText(`Approved Fine-tuning for “${title}”.`);
  // Seeded with no projection, its budget has no figure, said as such; the as-chosen total counted the recommendation already.
  await expect(status).toContainText("Its yearly budget has no figure yet");
  await expect(status).toContainText("The portfolio's as-chosen total does not change: it already counted Fine-tuning for it, as recommended.");
  await expect(row.getByTestId("queue-reasons")).toContainText(/^approved · /);
  await expect(row.getByRole("button", { name: "Approve Fine-tuning" })).toHaveCount(0);
  await expect(status).toBeVisible();
});

test("approving a proposal on the use case's Decision tab says what it approved and what it means for the money, as the queue does", async ({ page, registry }) => {
  const title = "Broker email drafts";
  const id = await registry.seedUseCase({ title, ownerRole: "LEAD", recommendedApproach: "FINE_TUNING", agreementVotes: 3, agreementVoters: 5 });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}?tab=decision`));
  await page.getByLabel("Notes").fill("As recommended.");
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByTestId("stage")).toHaveText("proposed");

  await registry.signInAs("EXECUTIVE");
  await page.goto(registry.path(`/${id}?tab=decision`));
  await page.getByRole("button", { name: "Approve Fine-tuning" }).click();
  await expect(page.getByTestId("stage")).toHaveText("approved");
  const said = page.getByTestId("workflow-message");
  await expect(said).toContainText(`Approved Fine-tuning for “${title}”.`);
  await expect(said).toContainText("Its yearly budget has no figure yet");
  await expect(said).toContainText("The portfolio's as-chosen total does not change: it already counted Fine-tuning for it, as recommended. Finance is notified.");
});

test("where nothing is recommended, the proposal picks no approach for the lead, and asks for one", async ({ page, registry }) => {
  const id = await registry.seedUseCase({ title: "Playbook redlining", ownerRole: "LEAD", recommendedApproach: null });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}?tab=decision`));
  await expect(page.getByLabel("Approach")).toHaveValue("");
  await expect(page.getByTestId("option-note")).toHaveCount(0);
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByTestId("workflow-message")).toHaveText("Choose the approach to propose: nothing is recommended yet.");
  await expect(page.getByTestId("stage")).not.toHaveText("proposed");
  await page.getByLabel("Approach").selectOption("HYBRID");
  await page.getByRole("button", { name: "Propose" }).click();
  await expect(page.getByTestId("stage")).toHaveText("proposed");
});
