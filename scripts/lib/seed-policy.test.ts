import { describe, expect, it } from "vitest";
import { demoSeedAllowed } from "./seed-policy";

describe("when npm start seeds the demo organization", () => {
  it("only on the embedded database outside production", () => {
    expect(demoSeedAllowed({ embedded: true, nodeEnv: undefined }).seed).toBe(true);
    expect(demoSeedAllowed({ embedded: true, nodeEnv: "development" }).seed).toBe(true);
    expect(demoSeedAllowed({ embedded: true, nodeEnv: "production" })).toMatchObject({ seed: false, why: expect.stringContaining("--demo") });
    expect(demoSeedAllowed({ embedded: false, nodeEnv: undefined })).toMatchObject({ seed: false, why: expect.stringContaining("DATABASE_URL") });
    expect(demoSeedAllowed({ embedded: false, nodeEnv: "production" }).seed).toBe(false);
  });
});
