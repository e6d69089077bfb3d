/**
 * Journey: an executive opens the portfolio, filters by business unit, follows a cell of the
 * recommended-against-chosen matrix to the use-case list, and finds the same count there.
 */
import { expect, test } from "./registry-fixtures";

test("an executive filters the portfolio and follows a matrix cell to the same use cases", async ({ page, registry }) => {
  const make = async (title: string, businessUnit: string, rec: string, chosen: string | null) => {
    const id = await registry.seedUseCase({ title, businessUnit, recommendedApproach: rec as never });
    if (chosen) await registry.query(`UPDATE "UseCase" SET "chosenApproach" = $1::"Approach" WHERE id = $2`, [chosen, id]);
  };
  await make("Support search A", "Support", "RAG", "RAG");
  await make("Support search B", "Support", "RAG", "RAG");
  await make("Support tuned", "Support", "RAG", "FINE_TUNING");
  await make("Legal search", "Legal", "RAG", "RAG");

  await registry.signInAs("EXECUTIVE");
  await page.goto(`/o/${registry.org.slug}/portfolio`);
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  await expect(page.getByTestId("portfolio-count")).toContainText("4 use cases");

  await page.getByLabel("Business unit").selectOption("Support");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/bu=Support/);
  await expect(page.getByTestId("portfolio-count")).toContainText("3 use cases");

  const cell = page.getByRole("link", { name: "2 recommended RAG, chosen RAG" });
  await expect(cell).toHaveText("2");
  await cell.click();
  await expect(page).toHaveURL(/use-cases\?/);
  await expect(page.getByRole("link", { name: "Support search A" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Support search B" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Support tuned" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Legal search" })).toHaveCount(0);
});
