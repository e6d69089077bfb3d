/**
 * Journey: the Frameworks page explains the five frameworks to everyone; an admin turns one
 * framework off with a reason and sees the new weights version; a lead reads the same
 * explanations but gets no form.
 */
import { SOURCES, sourceTitle } from "../lib/domain/sources";
import { expect, test } from "./fixtures";

const FRAMEWORKS = [
  { id: "three-questions", source: "000_2a5380ca2875bd0d.txt" },
  { id: "ordered-decision-tree", source: "001_882c99e1fd832846.txt" },
  { id: "behaviour-vs-knowledge", source: "002_eb871f56c24eca94.txt" },
  { id: "start-with-rag", source: "003_cef81cc6bb37c5d4.txt" },
  { id: "when-to-use", source: "004_b4720be0fbd1a961.txt" },
];

test("an admin reads the five frameworks, turns one off with a reason, and sees the new weights version", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  await auth.signIn(page, org.users.ADMIN);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Frameworks" }).click();
  await expect(page).toHaveURL(new RegExp(`${org.path("frameworks")}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Frameworks" })).toBeVisible();
  // How a recommendation is held to what can serve the use case is said where the rules are.
  await expect(page.getByTestId("held-to-what-serves")).toContainText("fine-tuning that misses the acceptable lag");
  // The contradiction flag lists the pairs it checks, each with the seed question it breaks,
  // rather than one sentence of a seed that says nothing about contradictions.
  const contradictions = page.getByTestId("flag-CONTRADICTORY_ANSWERS");
  await expect(contradictions).toContainText("Raised when two answers cannot both hold");
  await expect(contradictions).toContainText("The knowledge is said never to change, yet no lag at all is acceptable after a change");
  await expect(contradictions).toContainText("What is your acceptable lag time between business changes and model accuracy?");
  await expect(contradictions).not.toContainText("how to think through the decision");

  for (const f of FRAMEWORKS) {
    const section = page.getByTestId(`framework-${f.id}`);
    await expect(section).toBeVisible();
    // The source by its title, linked to its text; never its file name.
    await expect(section.getByRole("link", { name: sourceTitle(f.source), exact: true })).toHaveAttribute("href", `${org.path("sources")}/${f.source.slice(0, 3)}`);
    await expect(section).not.toContainText(f.source);
    await expect(section.getByRole("listitem").first()).toBeVisible();
  }
  // Each rule cites its source by a short name ("Right for your AI project?"): the Sources page gives it beside the title.
  await page.goto(org.path("sources"));
  for (const s of SOURCES) {
    await expect(page.getByTestId("source").filter({ hasText: s.title })).toContainText(`Cited beside the frameworks' rules as “${s.short}”.`);
  }
  await page.goto(org.path("frameworks"));
  await expect(page.getByRole("heading", { name: "How the consensus is formed" })).toBeVisible();
  await expect(page.getByTestId("tie-order")).toHaveText("Prompting only, RAG, Hybrid, Fine-tuning, Structured pipeline, Agent with tools, Feedback learning");
  await expect(page.getByText("Fine-tuning on fast-changing knowledge", { exact: true })).toBeVisible();
  await expect(page.getByTestId("weights-version")).toHaveText("1");

  const form = page.getByRole("form", { name: "Framework weights" });
  // A missing reason is refused next to the field, and nothing changes.
  await form.getByLabel("Start with RAG").fill("0");
  await form.getByRole("button", { name: "Save weights and re-score" }).click();
  await expect(form.getByText("Say why you are changing the weights.")).toBeVisible();
  await expect(page.getByTestId("weights-version")).toHaveText("1");

  // A weight between the steps: the preview asks for steps of 0.5 instead of guessing, and the save is refused next to the field.
  const rag = form.getByLabel("Start with RAG");
  await rag.fill("1.3");
  await expect(page.getByTestId("weights-preview")).toContainText("Enter a weight from 0 to 5, in steps of 0.5 (0, 0.5, 1, 1.5 …), for every framework to see what would change.");
  await form.getByLabel("Reason for the change").fill("A weight between the steps");
  await form.getByRole("button", { name: "Save weights and re-score" }).click();
  await expect(form.getByText("Use steps of 0.5 (0, 0.5, 1, 1.5 …).")).toBeVisible();
  await expect(rag).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("weights-version")).toHaveText("1");
  await rag.fill("0");

  // Before saving, the form says what the new weights would do (this organization has no use cases yet).
  await expect(page.getByTestId("weights-preview")).toContainText("There are no use cases yet: no recommendation to change.");
  await expect(page.getByTestId("weights-preview")).toContainText("Use cases with no recommendation: 0 now, 0 after saving.");
  await form.getByLabel("Reason for the change").fill("Trying the portfolio without the RAG-first framework");
  await form.getByRole("button", { name: "Save weights and re-score" }).click();
  await expect(form.getByRole("status")).toContainText("Saved. Weights version 2");
  await expect(page.getByTestId("weights-saved")).toContainText("There are no use cases yet: no recommendation to change.");
  await expect(page.getByTestId("weights-version")).toHaveText("2");
  await expect(page.getByTestId("weight-start-with-rag")).toContainText("0 (off)");
  await expect(page.getByTestId("weight-three-questions")).toContainText("1");

  const [row] = await auth.query<{ weightsVersion: number; frameworkWeights: Record<string, number> }>(
    `SELECT "weightsVersion", "frameworkWeights" FROM "Organization" WHERE id = $1`,
    [org.id],
  );
  expect(row!.weightsVersion).toBe(2);
  expect(row!.frameworkWeights["start-with-rag"]).toBe(0);

  await page.reload();
  await expect(page.getByTestId("weights-version")).toHaveText("2");
  await expect(page.getByRole("form", { name: "Framework weights" }).getByLabel("Start with RAG")).toHaveValue("0");
});

test("a project lead sees the explanations but no weights form", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "LEAD"] });
  await auth.signIn(page, org.users.LEAD!);
  const response = await page.goto(org.path("frameworks"));
  expect(response?.status()).toBe(200);
  for (const f of FRAMEWORKS) await expect(page.getByTestId(`framework-${f.id}`)).toBeVisible();
  await expect(page.getByTestId("weights-version")).toHaveText("1");
  await expect(page.getByRole("form", { name: "Framework weights" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save weights and re-score" })).toHaveCount(0);
  await expect(page.getByText("Only an admin can change the weights.")).toBeVisible();
});

test("a preview still on its way when a weight changes again is not shown over the new weights", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN"] });
  await auth.signIn(page, org.users.ADMIN);
  await page.goto(org.path("frameworks"));
  const form = page.getByRole("form", { name: "Framework weights" });
  const preview = page.getByTestId("weights-preview");

  // Hold the first preview's answer until the admin has typed something else.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let sent!: () => void;
  const first = new Promise<void>((resolve) => (sent = resolve));
  let holding = true;
  await page.route(/\/frameworks$/, async (route) => {
    const r = route.request();
    if (holding && r.method() === "POST" && r.headers()["next-action"]) {
      holding = false;
      sent();
      await held;
    }
    await route.fallback();
  });

  const rag = form.getByLabel("Start with RAG");
  await rag.fill("0");
  await first;
  await rag.fill("1.3");
  await expect(preview).toContainText("Enter a weight from 0 to 5, in steps of 0.5");
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  release();
  await answered;
  // Give the page time to take in the late answer; it must still speak of what the form holds.
  await page.waitForTimeout(750);
  await expect(preview).toContainText("Enter a weight from 0 to 5, in steps of 0.5");
  await expect(preview).not.toContainText("No recommendation would change");
});
