/**
 * Journey: an executive opens the portfolio, filters it by business unit, reads the matrix of
 * recommended against chosen approaches, follows a cell to the use-case list, and finds the same
 * use cases, as many as the cell said. Use cases and their stored cost rows are written straight
 * to the test database, so every amount on the page is known.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Auth, type Org } from "./fixtures";

interface Seed {
  title: string;
  businessUnit: string;
  recommended: string | null;
  chosen?: string | null;
  /** Base cents per approach for its first two years (low = 80%, high = 125%). */
  costs: Record<string, [number, number]>;
  /** The calendar year of its first year: 2027 unless said. */
  firstYear?: number;
  /**
   * Its planned start: 1 January of its first year unless said. Null: none, so (as the app
   * projects it) its first year is the year it was logged, today's.
   */
  startDate?: string | null;
}

async function seed(auth: Auth, org: Org, uc: Seed): Promise<string> {
  const id = `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;
  const owner = org.users.EXECUTIVE!.id;
  const firstYear = uc.firstYear ?? 2027;
  const startDate = uc.startDate === undefined ? `${firstYear}-01-01` : uc.startDate;
  if (startDate === null && firstYear !== new Date().getUTCFullYear()) throw new Error("A use case with no planned start is projected from the year it was logged, this year.");
  const approaches: Record<string, unknown> = {};
  for (const [approach, [y1, y2]] of Object.entries(uc.costs)) {
    approaches[approach] = {
      lifecycle: { low: Math.round(y1 * 0.8) + Math.round(y2 * 0.8), base: y1 + y2, high: Math.round(y1 * 1.25) + Math.round(y2 * 1.25), complete: true },
      staleDaysPerYear: { low: 0, base: 0, high: 0 },
      timeToValueWeeks: { low: 1, base: 2, high: 4 },
      missing: [],
    };
  }
  await auth.query(
    `INSERT INTO "UseCase" (id, "organizationId", title, "businessUnit", "ownerId", "createdById", status, "recommendedApproach", "chosenApproach", "projectionSummary", evidence, "startDate", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $5, 'ASSESSING', $6::"Approach", $7::"Approach", $8::jsonb, CASE WHEN $6::"Approach" IS NULL THEN 'none' ELSE 'assessed' END::"Evidence", $9::date, now())`,
    [id, org.id, uc.title, uc.businessUnit, owner, uc.recommended, uc.chosen ?? null, JSON.stringify({ approaches }), startDate],
  );
  for (const [approach, amounts] of Object.entries(uc.costs)) {
    for (const [i, base] of amounts.entries()) {
      await auth.query(
        // Stored as the app stores yearly totals: one row per use case and approach, a year per element.
        `INSERT INTO "CostYearSet" ("organizationId", "useCaseId", approach, "yearIndex", "calendarYear", "lowCents", "baseCents", "highCents", complete)
         VALUES ($1, $2, $3::"Approach", ARRAY[$4::int], ARRAY[$5::int], ARRAY[$6::bigint], ARRAY[$7::bigint], ARRAY[$8::bigint], ARRAY[true])
         ON CONFLICT ("useCaseId", approach) DO UPDATE SET
           "yearIndex" = "CostYearSet"."yearIndex" || EXCLUDED."yearIndex", "calendarYear" = "CostYearSet"."calendarYear" || EXCLUDED."calendarYear",
           "lowCents" = "CostYearSet"."lowCents" || EXCLUDED."lowCents", "baseCents" = "CostYearSet"."baseCents" || EXCLUDED."baseCents",
           "highCents" = "CostYearSet"."highCents" || EXCLUDED."highCents", "complete" = "CostYearSet"."complete" || EXCLUDED."complete"`,
        [org.id, id, approach, i + 1, firstYear + i, Math.round(base * 0.8), base, Math.round(base * 1.25)],
      );
    }
  }
  // The dashboard's rollup row, rebuilt as every save rebuilds it (lib/server/portfolio/rollup.ts).
  await auth.query(`SELECT "UseCaseRollup_refresh"($1, $2::text[])`, [org.id, [id]]);
  return id;
}

test("an executive filters the portfolio and follows a matrix cell to the same use cases", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "EXECUTIVE"] });
  await seed(auth, org, { title: "Support search A", businessUnit: "Support", recommended: "RAG", chosen: "RAG", costs: { RAG: [1_000_00, 1_100_00], FINE_TUNING: [5_000_00, 5_000_00] } });
  await seed(auth, org, { title: "Support search B", businessUnit: "Support", recommended: "RAG", chosen: "RAG", costs: { RAG: [2_000_00, 2_000_00], FINE_TUNING: [6_000_00, 6_000_00] } });
  await seed(auth, org, { title: "Support tuned", businessUnit: "Support", recommended: "RAG", chosen: "FINE_TUNING", costs: { RAG: [500_00, 500_00], FINE_TUNING: [40_000_00, 40_000_00] } });
  await seed(auth, org, { title: "Support agent", businessUnit: "Support", recommended: "AGENT", costs: { RAG: [700_00, 700_00] } });
  await seed(auth, org, { title: "Legal search", businessUnit: "Legal", recommended: "RAG", chosen: "RAG", costs: { RAG: [9_000_00, 9_000_00] } });

  await auth.signIn(page, org.users.EXECUTIVE!, { from: org.path("portfolio") });
  await expect(page).toHaveURL(new RegExp(`${org.path("portfolio")}$`));
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  await expect(page.getByTestId("portfolio-count")).toContainText("5 use cases");
  // As chosen, whole organization: A 2,100 + B 4,000 + tuned 80,000 + Legal 18,000 = $104,100; the agent has no cost and says so.
  await expect(page.getByTestId("headline-lifecycle")).toHaveAttribute("title", "$104,100");
  await expect(page.getByTestId("headline-lifecycle")).toContainText("$104k over the lifecycle");
  await expect(page.getByTestId("not-costed")).toContainText("1 use case has no cost as chosen (an agent without a manual estimate, or no recommendation and no decision yet)");
  await expect(page.getByTestId("not-costed")).toContainText("Support agent");
  // What needs the executive: the agent awaits a decision, linked to the list of exactly those.
  await page.getByTestId("headline-needs").getByRole("link", { name: "1 use case awaiting a decision" }).click();
  await expect(page).toHaveURL(/\/use-cases\?awaiting=yes$/);
  await expect(page.getByText("1–1 of 1 use case")).toBeVisible();
  await expect(page.getByRole("link", { name: "Support agent" })).toBeVisible();
  await page.goBack();

  // The filter folds away until it is wanted.
  await page.getByText("Filter the portfolio").click();
  await page.locator(`select[name="bu"]`).selectOption("Support");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]bu=Support/);
  await expect(page.getByTestId("portfolio-count")).toContainText("4 use cases");
  await expect(page.getByTestId("headline-lifecycle")).toHaveAttribute("title", "$86,100");
  // A governance filter as well (read from the use cases, which the rollup does not copy): none of
  // these has an EU AI Act tier recorded, so "not recorded" keeps all four and "high risk" none.
  await page.locator(`select[name="eurisk"]`).selectOption("NOT_RECORDED");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]eurisk=NOT_RECORDED/);
  await expect(page.getByTestId("portfolio-count")).toContainText("4 use cases in this view");
  await expect(page.getByTestId("headline-lifecycle")).toHaveAttribute("title", "$86,100");
  await page.locator(`select[name="eurisk"]`).selectOption("HIGH");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No use cases match this filter" })).toBeVisible();
  await page.goto(`${org.path("portfolio")}?bu=Support`);

  // The spend chart has a table view with the same numbers.
  const spend = page.getByTestId("spend");
  await spend.getByRole("button", { name: /as a table/ }).click();
  await expect(spend.getByRole("row", { name: /2027/ })).toContainText("$43,000");

  // Scenarios side by side: everything RAG for the Support use cases is 1,000 + 1,100 + 2,000 × 2 + 500 × 2 + 700 × 2 = $8,500.
  await expect(page.getByTestId("scenarios").locator('tr[data-scenario="RAG"]')).toContainText("$8,500");

  const cell = page.getByRole("link", { name: "2 recommended RAG, chosen RAG" });
  await expect(cell).toHaveText("2");
  await cell.click();
  await expect(page).toHaveURL(/\/use-cases\?/);
  await expect(page).toHaveURL(/bu=Support/);
  await expect(page).toHaveURL(/recommended=RAG/);
  await expect(page).toHaveURL(/chosen=RAG/);
  await expect(page.getByText("1–2 of 2 use cases")).toBeVisible();
  await expect(page.getByRole("link", { name: "Support search A" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Support search B" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Support tuned" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Legal search" })).toHaveCount(0);

  // Back on the dashboard, the fine-tuned cell leads to the one use case behind it.
  await page.goBack();
  await page.getByRole("link", { name: "1 recommended RAG, chosen Fine-tuning" }).click();
  await expect(page.getByText("1–1 of 1 use case")).toBeVisible();
  await expect(page.getByRole("link", { name: "Support tuned" })).toBeVisible();

  // The no-decision cell, and a lifecycle total's use cases as chosen, lead to lists too.
  await page.goBack();
  await page.getByRole("link", { name: "1 recommended Agent with tools, none chosen" }).click();
  await expect(page).toHaveURL(/chosen=NONE/);
  await expect(page.getByText("1–1 of 1 use case")).toBeVisible();
  await expect(page.getByRole("link", { name: "Support agent" })).toBeVisible();
  await page.goBack();
  await page.getByTestId("lifecycle").getByRole("link", { name: "RAG: 2 use cases as chosen" }).click();
  await expect(page).toHaveURL(/as=RAG/);
  await expect(page.getByTestId("as-chosen-filter")).toContainText("Counted as RAG, as chosen");
  await expect(page.getByText("1–2 of 2 use cases")).toBeVisible();
  await expect(page.getByRole("link", { name: "Support tuned" })).toHaveCount(0);
});

test("the headline says how much of this year's spend comes from use cases with no planned start date", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "EXECUTIVE"] });
  const year = new Date().getUTCFullYear();
  await seed(auth, org, { title: "Planned search", businessUnit: "Support", recommended: "RAG", chosen: "RAG", firstYear: year, startDate: `${year}-03-01`, costs: { RAG: [10_000_00, 10_000_00] } });
  // Two ideas logged today with no planned start: counted in this year, a full first year each.
  await seed(auth, org, { title: "Idea A", businessUnit: "Claims", recommended: "RAG", firstYear: year, startDate: null, costs: { RAG: [2_500_00, 1_000_00] } });
  await seed(auth, org, { title: "Idea B", businessUnit: "Legal", recommended: "FINE_TUNING", firstYear: year, startDate: null, costs: { FINE_TUNING: [7_000_00, 3_000_00], RAG: [800_00, 800_00] } });

  await auth.signIn(page, org.users.EXECUTIVE!, { from: org.path("portfolio") });
  // This year: 10,000 + 2,500 + 7,000 = $19,500, of which the two ideas' 2,500 + 7,000.
  await expect(page.getByTestId("headline-year")).toHaveAttribute("title", "$19,500");
  await expect(page.getByTestId("headline-undated")).toHaveText(
    "Of it, $9,500 is from 2 use cases with no planned start date, counted in the year they were logged: a full first year each.",
  );
  // Filtered, it counts what is in view: one idea, or none.
  await page.goto(`${org.path("portfolio")}?bu=Legal`);
  await expect(page.getByTestId("headline-undated")).toHaveText("Of it, $7,000 is from 1 use case with no planned start date, counted in the year it was logged: its full first year.");
  await page.goto(`${org.path("portfolio")}?bu=Support`);
  await expect(page.getByTestId("headline-year")).toHaveAttribute("title", "$10,000");
  await expect(page.getByTestId("headline-undated")).toHaveCount(0);
});

test("someone from another organization gets not found", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  const other = await auth.makeOrg({ roles: ["ADMIN"] });
  await auth.signIn(page, other.users.ADMIN);
  const res = await page.goto(org.path("portfolio"));
  expect(res?.status()).toBe(404);
});

test("without the page's script, each chart's numbers are there to read as its table", async ({ page, auth, browser }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "EXECUTIVE"] });
  await seed(auth, org, { title: "Support search", businessUnit: "Support", recommended: "RAG", chosen: "RAG", costs: { RAG: [1_000_00, 1_100_00] } });
  await auth.signIn(page, org.users.EXECUTIVE!, { from: org.path("portfolio") });
  await expect(page).toHaveURL(new RegExp(`${org.path("portfolio")}$`));
  // With the script, the chart shows and its table waits behind the button.
  await expect(page.getByRole("table", { name: /Projected spend per year by approach/ })).toHaveCount(0);

  // The same person, in a browser that runs no script (blocked, failed, or not loaded yet).
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const bare = await noScript.newPage();
  await bare.goto(org.path("portfolio"));
  const spend = bare.getByTestId("spend").getByRole("table", { name: /Projected spend per year by approach/ });
  await expect(spend).toBeVisible();
  await expect(spend.getByRole("row", { name: /^2027/ })).toBeVisible();
  await expect(spend.getByRole("row", { name: /^2028/ })).toBeVisible();
  await noScript.close();
});
