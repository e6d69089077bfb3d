/**
 * One member cannot take the server's cores from everyone else (lib/server/member-work-throttle.ts):
 * finance, over their budget of previews for these ten minutes, is told why and when they can
 * preview again, at the form, and nothing is worked out; their export is refused the same way,
 * with a Retry-After.
 */
import { expect, test } from "./registry-fixtures";

test("finance over their budget of previews is told why and when, and an export over budget answers 429", async ({ page, registry }) => {
  await registry.seedUseCase({ title: "Helpdesk answers", assessment: { coreNeed: "retrieval", changeFrequency: "weekly", monthlyCalls: 40_000 } });
  await registry.signInAs("FINANCE");
  const finance = registry.org.users.FINANCE.id;
  // 300,000 use cases' worth of previews a minute ago, finished: the budget of ten minutes is spent.
  await registry.query(`INSERT INTO "MemberWork" (id, key, units, at, "doneAt") VALUES (gen_random_uuid()::text, $1, 300000, now() - interval '1 minute', now() - interval '1 minute')`, [`assumptions.preview:${registry.org.id}:${finance}`]);

  await page.goto(`/o/${registry.org.slug}/assumptions`);
  const form = page.getByRole("form", { name: "Edit the assumptions" });
  await form.getByTestId("edit-engineerRate").getByLabel("ML engineer rate base").fill("230");
  await form.getByRole("button", { name: "Preview the effect" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Previews of new assumptions over 300,000 use cases in the last 10 minutes: one member may ask for 300,000 in any 10 minutes, " +
      "so that no one person can slow the app down for everyone else. This one (1 use case) can run in 9 minutes.",
  );
  await expect(page.getByTestId("assumptions-preview")).toHaveCount(0);

  await registry.query(`INSERT INTO "MemberWork" (id, key, units, at, "doneAt") VALUES (gen_random_uuid()::text, $1, 600000, now() - interval '5 minutes', now() - interval '5 minutes')`, [`export.detail:${registry.org.id}:${finance}`]);
  const res = await page.request.get(`/o/${registry.org.slug}/export/detail.csv`);
  expect(res.status()).toBe(429);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThan(240);
  expect((await res.json()).error).toMatch(/^Exports of the cost detail over 600,000 use cases .* can run in 5 minutes\.$/);
});
