/**
 * Finance previews new assumptions (what saving would move, with nothing saved), then saves them and
 * is told what that moved: the portfolio's lifecycle total as
 * chosen before → after (the figures the portfolio shows before and after the save), how many use
 * cases moved, and the ones that moved most, each linked to its page.
 */
import { expect, test } from "./registry-fixtures";
import { expectTwoHelpdesksMoved, logRetrievalUseCase, portfolioTotal } from "./support/retrieval-use-case";

test("finance previews a new price, then saves it and sees the lifecycle total move where the preview said, as the portfolio then shows it", async ({ page, registry }) => {
  // Two use cases logged, two saves that re-project them, the portfolio read twice.
  test.setTimeout(120_000);
  await registry.signInAs("LEAD");
  await logRetrievalUseCase(page, registry, "Busy helpdesk", "400000");
  await logRetrievalUseCase(page, registry, "Quiet helpdesk", "10000");

  await registry.signInAs("FINANCE");
  const before = await portfolioTotal(page, registry);
  expect(before).toMatch(/^\$[\d,]+$/);

  await page.goto(`/o/${registry.org.slug}/assumptions`);
  const form = page.getByRole("form", { name: "Edit the assumptions" });
  // Typed figures are asked about before the page is left (components/unsaved-changes.tsx): each
  // question is counted and answered "leave".
  const asked: string[] = [];
  page.on("dialog", async (d) => {
    asked.push(d.type());
    await d.accept();
  });
  // A preview refuses what a save would, at the figure at fault, in words.
  const rate = form.getByTestId("edit-engineerRate");
  await rate.getByLabel("ML engineer rate base").fill("abc");
  await form.getByRole("button", { name: "Preview the effect" }).click();
  await expect(rate.getByTestId("field-error")).toHaveText("Base: Not a number: use digits, with a decimal point if needed.");
  await expect(rate.getByLabel("ML engineer rate base")).toHaveAttribute("aria-invalid", "true");
  await expect(rate.getByLabel("ML engineer rate low")).not.toHaveAttribute("aria-invalid", "true");
  await rate.getByLabel("ML engineer rate base").fill("100");
  await rate.getByLabel("ML engineer rate low").fill("150");
  await form.getByRole("button", { name: "Preview the effect" }).click();
  await expect(rate.getByTestId("field-error")).toHaveText("Low (150) is above base (100): low ≤ base ≤ high.");
  await expect(form.getByTestId("assumptions-preview")).toHaveCount(0);
  expect(asked).toEqual([]);
  await page.reload();
  await expect.poll(() => asked).toEqual(["beforeunload"]);
  for (const s of ["low", "base", "high"]) {
    await form.getByLabel(`Model price, input (by hand) ${s}`).fill("10");
    await form.getByLabel(`Model price, output (by hand) ${s}`).fill("30");
  }
  // Before saving, the preview says what the save would move, and saves nothing.
  await form.getByRole("button", { name: "Preview the effect" }).click();
  const preview = form.getByTestId("assumptions-preview");
  await expect(preview).toContainText("If you save these figures as version 1, for the 2 use cases not in the trash:");
  const previewed = /^The lifecycle total as chosen would move from (\$[\d,]+) to (\$[\d,]+) \(\+\$[\d,]+; 2 use cases costed\)\.$/.exec((await preview.getByTestId("preview-total").textContent())!);
  expect(previewed).not.toBeNull();
  expect(previewed![1]).toBe(before);
  await expect(preview.getByTestId("preview-moved")).toHaveText("All 2 use cases costed would have a new lifecycle cost:");
  await expect(preview.getByTestId("preview-most").getByRole("listitem").first()).toContainText(/^Busy helpdesk: \$[\d,]+ → \$[\d,]+ \(\+\$[\d,]+\)$/);
  expect(await portfolioTotal(page, registry)).toBe(before);
  expect(asked).toEqual(["beforeunload", "beforeunload"]);
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  for (const s of ["low", "base", "high"]) {
    await form.getByLabel(`Model price, input (by hand) ${s}`).fill("10");
    await form.getByLabel(`Model price, output (by hand) ${s}`).fill("30");
  }
  await form.getByRole("button", { name: "Preview the effect" }).click();
  await expect(preview.getByTestId("preview-total")).toContainText(`The lifecycle total as chosen would move from ${before} to ${previewed![2]} `);
  // A change to the form drops the preview, which no longer describes it.
  await form.getByLabel("Why the figures change").fill("Negotiated price list");
  await expect(preview).toHaveCount(0);
  await form.getByRole("button", { name: "Save a new version" }).click();

  const saved = form.getByTestId("assumptions-saved");
  const after = await expectTwoHelpdesksMoved(saved, before);
  // The save moved the total exactly where the preview said it would.
  expect(after).toBe(previewed![2]);

  // Each use case named is linked to its page.
  await saved.getByRole("link", { name: "Busy helpdesk" }).click();
  await expect(page).toHaveURL(/\/use-cases\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Busy helpdesk");

  // The portfolio now shows the "after" total.
  expect(await portfolioTotal(page, registry)).toBe(after);

  // A figure no formula uses: saved, and the message says nothing moved.
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  for (const s of ["low", "base", "high"]) await form.getByTestId("edit-ragInfraYearlyUsd").locator(`input[name="ragInfraYearlyUsd.${s}"]`).fill("12345");
  await form.getByLabel("Why the figures change").fill("For reference");
  await form.getByRole("button", { name: "Save a new version" }).click();
  await expect(saved).toContainText("Saved version 2; 2 use cases re-projected.");
  await expect(saved.getByTestId("saved-total")).toHaveText(`Nothing moved: the lifecycle total as chosen stays at ${after} (2 use cases costed).`);
  await expect(saved.getByTestId("saved-moved")).toHaveCount(0);
  await expect(saved.getByTestId("saved-rerecommended")).toHaveText("No recommendation changed.");
  await expect(saved.getByTestId("saved-most")).toHaveCount(0);
  // Saved: leaving asks nothing.
  expect(asked).toEqual(["beforeunload", "beforeunload"]);

  // A figure blanked: the total would fall, and the preview says that is cost no longer counted, not a saving.
  await page.goto(`/o/${registry.org.slug}/assumptions`);
  for (const s of ["low", "base", "high"]) await form.getByTestId("edit-vectorDbMonthlyUsd").locator(`input[name="vectorDbMonthlyUsd.${s}"]`).fill("");
  await form.getByRole("button", { name: "Preview the effect" }).click();
  await expect(preview.getByTestId("preview-missing")).toHaveText(
    "2 use cases costed would lack a figure (0 now): their totals leave out the cost whose figure is missing (it is not $0), so part of any fall in the total above is cost no longer counted, not a saving.",
  );
  await expect(preview.getByTestId("preview-most").getByRole("listitem").first()).toContainText(/^Busy helpdesk: \$[\d,]+ → \$[\d,]+ \+ missing$/);
});
