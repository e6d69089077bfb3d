/**
 * Journey: an executive opens a lead's use case and records the decision (the chosen approach
 * and the notes); the lead can read the decision but not record one.
 */
import { expect, test } from "./registry-fixtures";

test("an executive records the decision on a lead's use case", async ({ page, registry }) => {
  const id = await registry.seedUseCase({
    title: "Contract clause review",
    ownerRole: "LEAD",
    recommendedApproach: "RAG",
    agreementVotes: 4,
    agreementVoters: 5,
  });

  await registry.signInAs("EXECUTIVE");
  await page.goto(registry.path());
  await expect(page.getByRole("row", { name: /Contract clause review/ })).toContainText("RAG");
  await expect(page.getByRole("row", { name: /Contract clause review/ })).toContainText("4 of 5");
  await page.getByRole("link", { name: "Contract clause review" }).click();
  await page.getByRole("link", { name: "Decision" }).click();
  await expect(page.getByTestId("chosen-approach")).toHaveText("Not decided");
  // Both ways to decide are offered, each saying what it does (a reviewer met the two with no word on the difference).
  await expect(page.getByTestId("propose-explained")).toHaveText("A proposal waits for an executive to approve it or send it back; once approved, finance is asked to approve its budget.");
  await expect(page.getByTestId("record-explained")).toContainText("approved at once as your decision, with no proposal to approve first; finance is then asked to approve its budget.");

  await page.getByLabel("Chosen approach").selectOption("HYBRID");
  await expect(page.getByText("This differs from the recommendation")).toBeVisible();
  await page.getByLabel("Decision notes").fill("House style matters: fine-tune for clause format, RAG for current case law.");
  await page.getByRole("button", { name: "Record decision" }).click();

  await expect(page.getByText("Decision recorded.")).toBeVisible();
  await expect(page.getByTestId("chosen-approach")).toHaveText("Hybrid");
  await expect(page.getByTestId("decision-notes")).toContainText("fine-tune for clause format");
  await expect(page.getByTestId("decided-by")).toContainText(`Recorded by ${registry.org.users.EXECUTIVE.name} on`);
  // Recorded by an executive: through the approval workflow, approved, its budget asked of finance (never "counts as approved" with no budget).
  await expect(page.getByTestId("stage")).toHaveText("approved");
  await expect(page.getByTestId("workflow")).toContainText("Approved, budget awaiting finance");
  await expect(page.getByTestId("workflow-none")).toHaveCount(0);
  const [row] = await registry.query<{ chosenApproach: string; decisionNotes: string; version: number }>(
    `SELECT "chosenApproach", "decisionNotes", version FROM "UseCase" WHERE id = $1`,
    [id],
  );
  expect(row).toMatchObject({ chosenApproach: "HYBRID", version: 2 });
  const audit = await registry.query<{ actorId: string; before: unknown; after: unknown }>(
    `SELECT "actorId", before, after FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'use_case.decision_recorded'`,
    [id],
  );
  expect(audit).toEqual([{ actorId: registry.org.users.EXECUTIVE.id, before: { chosenApproach: null, decisionNotes: "" }, after: { chosenApproach: "HYBRID", decisionNotes: row!.decisionNotes } }]);

  await page.getByRole("link", { name: "History" }).click();
  // Newest first: the approval, then the decision it recorded.
  await expect(page.getByTestId("history").getByRole("listitem").first()).toContainText("approved the decision");
  await expect(page.getByTestId("history").getByRole("listitem").first()).toContainText("Approved, budget awaiting finance");
  await expect(page.getByTestId("history").getByRole("listitem").nth(1)).toContainText("recorded the decision");
  await expect(page.getByTestId("history").getByRole("listitem").nth(1)).toContainText("Hybrid");

  // On "Needs a decision" the line names the recommendation (none, now that the decision re-scored
  // its empty assessment); its spend is said to be the chosen approach's.
  await page.goto(`/o/${registry.org.slug}/decisions`);
  const queued = page.getByTestId("queue-row").filter({ hasText: "Contract clause review" });
  await expect(queued.getByTestId("queue-recommendation")).toHaveText("Not assessed");
  await expect(queued.getByTestId("queue-spend")).toContainText("not costed for Hybrid, as chosen");
  await page.goto(registry.path(`/${id}?tab=decision`));

  // recording the same decision again records nothing, and says so
  await page.getByRole("link", { name: "Decision" }).click();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("decision-message")).toHaveText("Nothing changed: the approach and notes are as they were, so nothing was recorded.");
  await expect(page.getByText("Decision recorded.")).toHaveCount(0);
  const [again] = await registry.query<{ version: number }>(`SELECT version FROM "UseCase" WHERE id = $1`, [id]);
  expect(again!.version).toBe(2);

  // the lead who owns it reads the decision but cannot record one
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}?tab=decision`));
  await expect(page.getByTestId("chosen-approach")).toHaveText("Hybrid");
  await expect(page.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await expect(page.getByText("Executives and admins record the decision.")).toBeVisible();
});
