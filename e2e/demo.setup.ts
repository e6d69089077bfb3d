/**
 * Seeds the demo organization, as `npm start` seeds it, once before the journeys that walk it
 * (the "every-page" project depends on this one, so its tests can run in several workers at once
 * without seeding it twice at the same moment). Idempotent: nothing happens the second time.
 */
import { execFileSync } from "node:child_process";
import { test } from "@playwright/test";

test("the demo organization is seeded", () => {
  test.setTimeout(240_000);
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/db-seed.ts", "--demo"], { env: process.env, stdio: "pipe", timeout: 240_000 });
});
