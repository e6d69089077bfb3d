/**
 * Journey (issue 14): a use case whose knowledge changes weekly, with one day of acceptable lag.
 * Fine-tuning can never be current within a day (a retraining cycle takes weeks, 000), so the page
 * says it does not meet the lag and never offers it as a saving; the saving it does show names the
 * cheapest approach that meets the lag and compares scenario with scenario (never one side's best
 * case against the other's worst), with the Monte Carlo's odds.
 */
import type { Page } from "@playwright/test";
import { FINE_TUNING_CASE } from "../tests/helpers/answers";
import { expect, test } from "./registry-fixtures";

/** A lead logs a use case with these answers; its page's address. */
async function logUseCase(page: Page, newPath: string, a: { title: string; changes: string; lagDays: string }): Promise<string> {
  await page.goto(newPath);
  await page.getByLabel("Title").fill(a.title);
  await page.getByLabel("How often the underlying knowledge changes").selectOption(a.changes);
  await page.getByLabel("Longest acceptable lag (days)").fill(a.lagDays);
  await page.getByLabel("Monthly LLM calls now").fill("100000");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByText("Use case saved.")).toBeVisible();
  return page.url().split("?")[0]!;
}

/** An executive records a decision on the use case, then opens its page again. */
async function decide(page: Page, useCaseUrl: string, approach: string, label: string, notes?: string): Promise<void> {
  await page.goto(`${useCaseUrl}?tab=decision`);
  await page.getByLabel("Chosen approach").selectOption(approach);
  if (notes !== undefined) await page.getByLabel("Decision notes").fill(notes);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("chosen-approach")).toHaveText(label);
  // The same approach again: its notes showing are what says the save is done.
  if (notes !== undefined) await expect(page.getByTestId("decision-notes")).toHaveText(notes);
  await page.goto(useCaseUrl);
}

test("the use-case page never shows a saving from an approach that fails the lag, nor a mixed-scenario range", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await logUseCase(page, registry.path("/new"), { title: "Price-list assistant", changes: "weekly", lagDays: "1" });

  await expect(page.getByTestId("fails-lag-FINE_TUNING")).toHaveText("does not meet the 1-day lag");
  await expect(page.getByTestId("fails-lag-RAG")).toHaveCount(0);
  await expect(page.getByTestId("infeasible").filter({ hasText: "Fine-tuning" })).toContainText("Fine-tuning does not meet the 1-day lag");
  // Knowledge that changes weekly is knowledge of its own: prompting alone never sees it, however cheap.
  await expect(page.getByTestId("lacks-knowledge-PROMPTING")).toHaveText("does not reach the use case's knowledge");
  await expect(page.getByTestId("infeasible").filter({ hasText: "Prompting" })).toContainText("Prompting only does not reach the use case's own knowledge");

  const savings = page.getByTestId("savings");
  // Prompting only, cheaper, was put aside for not seeing the knowledge, not for the lag.
  await expect(savings).toContainText("is the cheapest approach that can serve it within the 1-day lag");
  await expect(savings).not.toContainText("Fine-tuning");
  await expect(savings).not.toContainText("Prompting");
  // Scenario with scenario: the base, the low and the high case each on their own.
  await expect(savings).toContainText("in the base case");
  await expect(savings).toContainText("in the low scenario");
  await expect(savings).toContainText("in the high scenario");
  // Percentages to one decimal, as the portfolio gives them.
  await expect(savings).toContainText(/against \S+ it saves (\d+(\.\d)?|under 0\.1)% over the lifecycle in the base case/);
  await expect(savings).not.toContainText(/\d\.\d\d%/);
  // The odds as a count of trials, never a share rounded up to 100%.
  await expect(page.getByTestId("simulation")).toContainText(/costs less than .+ in (all|\d{1,3}(,\d{3})?) of 2,000 trials/);
  await expect(page.getByTestId("simulation")).not.toContainText("Fine-tuning");
  await expect(page.getByTestId("break-even")).toContainText("fine-tuning does not meet the 1-day lag");
});

test("the portfolio counts the use cases over their lag and never offers a scenario that misses it as a saving", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  const useCaseUrl = await logUseCase(page, registry.path("/new"), { title: "Tariff assistant", changes: "weekly", lagDays: "1" });

  // An executive first decides on a hybrid, the only other approach that serves: the savings
  // sentence names it as the decision, and no second sentence repeats the comparison.
  await registry.signInAs("EXECUTIVE");
  await decide(page, useCaseUrl, "HYBRID", "Hybrid");
  await expect(page.getByTestId("savings")).toContainText("against Hybrid (the chosen approach) it saves");
  await expect(page.getByTestId("premium")).toHaveCount(0);

  // Where the decision is recorded, each option carries its price, and one that cannot serve says so.
  await page.goto(`${useCaseUrl}?tab=decision`);
  const chosen = page.getByLabel("Chosen approach");
  await expect(chosen.locator('option[value="RAG"]')).toHaveText(/^RAG \(recommended\) — \$[\d,]+ over the lifecycle \(base\), the cheapest that serves$/);
  await chosen.selectOption("FINE_TUNING");
  await expect(page.locator("#decision-chosen-note")).toHaveText(/^Fine-tuning: \$[\d,]+ over the lifecycle \(base\); does not meet the 1-day lag\.$/);
  // A screen reader hears it with the select.
  await expect(chosen).toHaveAccessibleDescription(/does not meet the 1-day lag/);
  // Then on fine-tuning, which cannot keep a 1-day lag: the panel says what the choice costs, from
  // the side of the cheapest that serves, scenario by scenario, and that it cannot serve; fine-tuning
  // is never the side that saves.
  await decide(page, useCaseUrl, "FINE_TUNING", "Fine-tuning");
  await expect(page.getByTestId("infeasible").filter({ hasText: "Fine-tuning" })).toBeVisible();
  await expect(page.getByTestId("premium")).toHaveText(
    /^RAG would save \$[\d,]+ \(\d+(\.\d)?%\) against Fine-tuning, the chosen approach, over the lifecycle in the base case, \$[\d,]+ \(\d+(\.\d)?%\) in the low scenario and \$[\d,]+ \(\d+(\.\d)?%\) in the high; Fine-tuning also cannot keep answers within the 1-day lag\.$/,
  );

  // A benefit entered for it is a benefit fine-tuning would never bring: the page says so, and the
  // portfolio counts it apart instead of netting it.
  const value = page.getByTestId("value-panel");
  await value.getByLabel("What the use case brings").selectOption("REVENUE");
  await value.getByLabel("Low (dollars a year)").fill("1000000");
  await value.getByLabel("Base (dollars a year)").fill("2000000");
  await value.getByLabel("High (dollars a year)").fill("3000000");
  await value.getByRole("button", { name: "Save the benefit" }).click();
  await expect(value.getByTestId("benefit-summary")).toContainText("$1,000,000 / $2,000,000 / $3,000,000 a year");

  await page.goto(`/o/${registry.org.slug}/portfolio`);
  const portfolioValue = page.getByTestId("portfolio-value");
  await expect(portfolioValue.getByTestId("value-cannot-serve")).toHaveText(["1 more not netted: the approach as chosen cannot serve it", "1 more not netted: the approach as chosen cannot serve it"]);
  await expect(portfolioValue.getByTestId("value-total")).not.toContainText("$2,000,000");
  await expect(page.getByTestId("portfolio-no-value")).toHaveText("Nothing to net: the one use case in view with a value and a cost has an approach as chosen that cannot serve it.");
  await expect(page.getByText("Use cases whose chosen approach cannot keep them current")).toBeVisible();
  await expect(page.getByTestId("exceeding-lag")).toHaveText("1");
  await expect(page.getByText(/as chosen; it is Tariff assistant, a change waits up to \d+ days, against a 1-day lag/)).toBeVisible();
  await expect(page.getByTestId("lag-summary")).toHaveText(/^1 use case cannot be kept current as chosen: the approach cannot bring a change into its answers within the lag/);
  await expect(page.getByTestId("worst-lag")).toContainText(/Tariff assistant · Fine-tuning · a change waits up to \d+ days, against a 1-day lag/);

  const scenarios = page.getByTestId("scenarios");
  await expect(scenarios.locator('tr[data-scenario="FINE_TUNING"]')).toContainText("1 it cannot serve");
  await expect(scenarios.locator('tr[data-scenario="chosen"]')).toContainText("1 it cannot serve");
  // Neither the fine-tuned scenario nor the decision (fine-tuned) is ever shown saving anything.
  await expect(scenarios.locator('tr[data-scenario="FINE_TUNING"]')).not.toContainText("saves");
  await expect(scenarios.locator('tr[data-scenario="chosen"]')).not.toContainText("saves");
  // Everything on RAG does meet the lag, and costs less than the decision.
  await expect(scenarios.locator('tr[data-scenario="RAG"]')).toContainText("saves");
});

test("a decision dearer than the cheapest approach that serves says what it costs over it", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  const useCaseUrl = await logUseCase(page, registry.path("/new"), { title: "Policy wording assistant", changes: "annually", lagDays: "180" });

  // RAG, fine-tuning and a hybrid all keep a 180-day lag; the executive picks the hybrid.
  await registry.signInAs("EXECUTIVE");
  await decide(page, useCaseUrl, "HYBRID", "Hybrid");
  await expect(page.getByTestId("savings")).toContainText(/^RAG is the cheapest approach that can serve it within the 180-day lag: against Fine-tuning it saves/);
  await expect(page.getByTestId("premium")).toHaveText(/^Hybrid, the chosen approach, costs \$[\d,]+ more than RAG over the lifecycle in the base case \((\d+(\.\d)?% above|[\d.]+ times) RAG's\), \$[\d,]+ more in the low scenario and \$[\d,]+ more in the high\.$/);

  // Once the decision has notes, the sentence says where to read why it is worth the premium, a click away.
  const why = "The hybrid keeps the policy's wording and cites the clause it comes from.";
  await decide(page, useCaseUrl, "HYBRID", "Hybrid", why);
  const premium = page.getByTestId("premium");
  await expect(premium).toHaveText(/ more in the high\. Why it was chosen is in the decision notes, on the Decision tab\.$/);
  await premium.getByRole("link", { name: "Decision tab" }).click();
  await expect(page.getByTestId("decision-notes")).toHaveText(why);
});

test("two approaches whose saving does not hold across the scenarios and the trials are said to cost about the same, on the page and in the queue", async ({ page, registry }) => {
  // The demo's commercial property risk summaries, but with no citations to give (since judgement
  // 2.13 fine-tuning alone cannot serve answers that must cite): a house template a prompted model
  // falls short of, so RAG alone cannot serve; the hybrid comes out a little under fine-tuning in
  // the base case only.
  const id = await registry.seedUseCase({
    title: "Property risk summaries",
    ownerRole: "LEAD",
    assessment: {
      changeFrequency: "quarterly", maxLagDays: 60, coreNeed: "both", needsStyleOrFormat: true, needsCitations: false, fitsContextWindow: false,
      corpusDocuments: 15_000, labeledExamples: 800, latencySensitive: false, monthlyCalls: 4_000, yearlyGrowthPct: 10, sensitiveDataOutOfTraining: false,
      retrainingBudget: true, expertiseDocumented: false, needsToolUse: false, transformationAtVolume: false, learnsFromFeedback: false,
      promptedBaselineMeetsBar: "no", evaluationSetExists: true, weeksToProduction: 8,
    },
  });
  // Seeded unscored: the lead's save (a 30-day lag, as the demo's) scores and costs it.
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}/edit`));
  await page.getByLabel("Longest acceptable lag (days)").fill("30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.goto(registry.path(`/${id}`));

  const savings = page.getByTestId("savings");
  // It read "Hybrid is the cheapest approach … it saves 1.6% … costs 9.6% more in the high scenario",
  // beside "Hybrid costs less than Fine-tuning in 854 of 2,000 trials".
  await expect(savings).toHaveText(
    /^Hybrid and Fine-tuning \(the recommendation\), the two cheapest approaches that can serve it within the 30-day lag, cost about the same: Hybrid comes to \$[\d,]+ \(\d+(\.\d)?%\) less than Fine-tuning over the lifecycle in the base case, \d+(\.\d)?% less in the low scenario and \d+(\.\d)?% more in the high scenario, and it is the cheaper in fewer than half of the simulation's trials \(below\)\.$/,
  );
  await expect(savings).not.toContainText("cheapest approach that");
  await expect(savings).not.toContainText("saves");
  await expect(page.getByTestId("simulation")).toHaveText(/^Hybrid costs less than Fine-tuning in \d{3} of 2,000 trials; the saving runs from −\$[\d,]+ to \$[\d,]+ \(P10–P90; negative: it costs more\)\.$/);
  await expect(page.getByTestId("premium")).toHaveCount(0);

  // The queue asks to approve fine-tuning without a premium over the hybrid, as the Decision tab's choices say it.
  await registry.signInAs("EXECUTIVE");
  await page.goto(`/o/${registry.org.slug}/decisions`);
  const row = page.getByTestId("queue-row").filter({ hasText: "Property risk summaries" });
  await expect(row.getByTestId("queue-option-note")).toHaveText(/^Fine-tuning: \$[\d,]+ over the lifecycle \(base\), about the same as Hybrid$/);
  await page.goto(`${registry.path(`/${id}`)}?tab=decision`);
  const chosen = page.getByLabel("Chosen approach");
  await expect(chosen.locator('option[value="HYBRID"]')).toHaveText(/^Hybrid — \$[\d,]+ over the lifecycle \(base\), about the same as Fine-tuning$/);
});

test("fine-tuning the frameworks pick is not recommended once it cannot keep the lag, and the page says why", async ({ page, registry }) => {
  // Four frameworks pick fine-tuning for this case (002's high-volume classification), one a hybrid;
  // its knowledge changes monthly, kept in 500 documents a hybrid's retrieval reads, and a
  // retraining takes 21 days. Seeded unscored; each save scores it.
  const id = await registry.seedUseCase({ title: "Claims coding at volume", ownerRole: "LEAD", assessment: { ...FINE_TUNING_CASE, corpusDocuments: 500, changeFrequency: "monthly", maxLagDays: 90 } });
  await registry.signInAs("LEAD");
  const saveLag = async (days: string) => {
    await page.goto(registry.path(`/${id}/edit`));
    await page.getByLabel("Longest acceptable lag (days)").fill(days);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await page.goto(registry.path(`/${id}`));
  };

  await saveLag("60");
  await expect(page.getByTestId("consensus")).toHaveText("Fine-tuning");
  await expect(page.getByTestId("held-back")).toHaveCount(0);

  // Two weeks is shorter than one retraining: fine-tuning can never be current, so the page
  // recommends the next approach the frameworks pick that can, and says why.
  await saveLag("14");
  await expect(page.getByTestId("consensus")).toHaveText("Hybrid");
  await expect(page.getByTestId("held-back")).toContainText(
    "Fine-tuning, which 4 of 5 voting frameworks pick, does not meet the 14-day lag: each retraining takes about 21 days. The recommendation is the next approach they pick that can, Hybrid (1 of 5).",
  );
  await expect(page.getByTestId("agreement")).toHaveText("1 of 5 voting agree, four differ; Fine-tuning, which 4 pick, is set aside as it cannot serve the use case");
  await expect(page.getByTestId("fails-lag-FINE_TUNING")).toHaveText("does not meet the 14-day lag");
  // Nothing is flagged: the recommendation shown can serve the use case (before, fine-tuning was
  // recommended with a "Staleness beyond the acceptable lag" flag against itself).
  await expect(page.getByText("No risk flags.")).toBeVisible();
  // What would bring fine-tuning back is said too, at the nearest lag that does: its retraining lag (21 days), not the frameworks' 30.
  // (Since judgement 2.10 it is the first: no change that would leave nothing to recommend is offered before it.)
  await expect(page.getByTestId("sensitivity")).toHaveText("If 21 days of lag were acceptable (now 14 days), the recommendation would be Fine-tuning.");

  // The list and the filter agree with the page.
  await page.goto(registry.path("?recommended=HYBRID"));
  await expect(page.getByRole("link", { name: "Claims coding at volume" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Claims coding at volume/ })).toContainText("Hybrid(1 of 5)");
});

test("with nothing to retrieve, neither RAG nor a hybrid is offered as a saving or recommended, and choosing one is flagged", async ({ page, registry }) => {
  // A reviewer's case (judgement 2.15, cost engine 2.17): 002's classifier, no style to keep, 18,000
  // calls a month, no documents, expertise that cannot be documented, a prompted model tried and
  // short. The panel read "RAG is the cheapest approach that can serve it: against Fine-tuning (the
  // recommendation) it saves 65.7%": RAG over an empty index is the prompted model that fell short.
  const id = await registry.seedUseCase({ title: "Claims triage classifier", ownerRole: "LEAD", assessment: { ...FINE_TUNING_CASE, needsStyleOrFormat: false, monthlyCalls: 18_000 } });
  await registry.signInAs("LEAD");
  await page.goto(registry.path(`/${id}/edit`));
  await page.getByLabel("Description").fill("Sorts incoming claims into forty queues.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.goto(registry.path(`/${id}`));

  await expect(page.getByTestId("consensus")).toHaveText("Fine-tuning");
  const nothing = "has nothing to retrieve (the assessment gives a corpus of 0 documents and expertise that cannot be documented)";
  await expect(page.getByTestId("empty-index-RAG")).toHaveText("has nothing to retrieve (an empty index)");
  await expect(page.getByTestId("empty-index-HYBRID")).toHaveText("has nothing to retrieve (an empty index)");
  await expect(page.getByTestId("infeasible").filter({ hasText: "RAG" })).toContainText(`RAG ${nothing}: it would be a prompted base model with an empty index, which is Prompting only, so it is never offered as a saving.`);
  await expect(page.getByTestId("infeasible").filter({ hasText: "Hybrid" })).toContainText(`Hybrid ${nothing}: it would be fine-tuning with an empty index`);
  // Fine-tuning is the one approach that can serve: nothing to compare it with, no saving said.
  await expect(page.getByTestId("savings")).toHaveCount(0);
  // What would change it names only answers that give retrieval something to read.
  await expect(page.getByTestId("sensitivity")).not.toContainText("lag were acceptable");

  // The organization chooses a hybrid anyway: the page says why that is no option of its own.
  await registry.signInAs("EXECUTIVE");
  const url = page.url();
  await decide(page, url, "HYBRID", "Hybrid");
  await expect(page.getByTestId("risk-flags")).toContainText("Retrieval with nothing to retrieve");
  await expect(page.getByTestId("risk-flags")).toContainText("The chosen approach is a hybrid, but there is nothing to retrieve");
});
