/**
 * Journey: a lead logs a use case and sees the frameworks' recommendation, why each framework
 * says what it says (the trace with its seed citation), and what it would cost; the list then
 * filters by that recommendation.
 */
import { expect, test } from "./registry-fixtures";

test("a lead saves a use case and sees the consensus, the trace and the costs; the list filters by recommendation", async ({ page, registry }) => {
  await registry.signInAs("LEAD");
  await page.goto(registry.path("/new"));
  await page.getByLabel("Title").fill("Compliance Q&A over weekly regulation");
  await page.getByLabel("How often the underlying knowledge changes").selectOption("weekly");
  await page.getByLabel("Longest acceptable lag (days)").fill("2");
  await page.getByLabel("Core need").selectOption("retrieval");
  await page.getByRole("group", { name: "Answers must cite sources" }).getByLabel("Yes").check();
  await page.getByLabel("Monthly LLM calls now").fill("150000");
  await page.getByRole("button", { name: "Save use case" }).click();
  await expect(page.getByRole("heading", { name: "Compliance Q&A over weekly regulation" })).toBeVisible();

  await expect(page.getByTestId("consensus")).toHaveText("RAG");
  // Four of the seven deciding answers are not given: provisional, and it says what to answer next.
  await expect(page.getByTestId("evidence")).toHaveText("Provisional");
  await expect(page.getByTestId("agreement")).toContainText(/^\d of \d voting agree/);
  await expect(page.getByTestId("unanswered")).toContainText("Curated, labeled training examples");
  const card = page.getByRole("article", { name: "Three questions framework" });
  await expect(card).toContainText("Recommends RAG");
  await card.getByText(/Why \(\d+ rules? fired\)/).click();
  await expect(card).toContainText("If the answer is daily or weekly, RAG wins.");
  await expect(card).toContainText("Fine-Tuning vs. RAG, Which Approach is Right for Your Business?");
  await expect(page.getByTestId("sensitivity")).not.toBeEmpty();

  // Nobody typed a price: the default model is priced from the catalogue, and nothing is missing.
  await expect(page.getByTestId("pricing")).toContainText("priced from a public price list");
  await expect(page.getByTestId("projection-missing")).toHaveCount(0);
  await expect(page.getByTestId("lifecycle-table")).toContainText("Fine-tuning");

  await page.goto(registry.path("?recommended=RAG"));
  await expect(page.getByRole("link", { name: "Compliance Q&A over weekly regulation" })).toBeVisible();
  await page.goto(registry.path("?recommended=FINE_TUNING"));
  await expect(page.getByRole("link", { name: "Compliance Q&A over weekly regulation" })).toHaveCount(0);
});
