/**
 * axe-core run straight in the page: its source evaluated into the page, then `axe.run` on the
 * document, asking for the violations only. @axe-core/playwright did the same in three times
 * the time: by default it runs a partial check in each frame, then finishes it in a blank page
 * it opens for every call, serialising every result, passes included (6.2 s for the
 * assumptions page on a 2-core machine, against 1.7 s here). The app's pages have no frames,
 * so nothing is lost. Each navigation is a new document, so it is evaluated on every call;
 * evaluated like a test's own script, axe is not subject to the page's
 * Content-Security-Policy.
 */
import axe from "axe-core";
import type { Page } from "@playwright/test";

export type AxeViolation = Pick<axe.Result, "id" | "impact" | "help"> & { nodes: { target: string[] }[] };

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) }));
  });
}
