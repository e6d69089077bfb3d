import { describe, expect, it } from "vitest";
import { demoSeedAllowed, localOutboxAllowed } from "./seed-policy";

describe("when npm start seeds the demo organization", () => {
  it("only on the embedded database outside production", () => {
    expect(demoSeedAllowed({ embedded: true, nodeEnv: undefined }).seed).toBe(true);
    expect(demoSeedAllowed({ embedded: true, nodeEnv: "development" }).seed).toBe(true);
    expect(demoSeedAllowed({ embedded: true, nodeEnv: "production" })).toMatchObject({ seed: false, why: expect.stringContaining("--demo") });
    expect(demoSeedAllowed({ embedded: false, nodeEnv: undefined })).toMatchObject({ seed: false, why: expect.stringContaining("DATABASE_URL") });
    expect(demoSeedAllowed({ embedded: false, nodeEnv: "production" }).seed).toBe(false);
  });

  it("shows kept mail at /dev/outbox only on the embedded database, outside production, with no SMTP server", () => {
    expect(localOutboxAllowed({ embedded: true, nodeEnv: undefined, smtpUrl: undefined })).toBe(true);
    expect(localOutboxAllowed({ embedded: true, nodeEnv: "development", smtpUrl: "" })).toBe(true);
    expect(localOutboxAllowed({ embedded: true, nodeEnv: "production", smtpUrl: undefined })).toBe(false);
    expect(localOutboxAllowed({ embedded: false, nodeEnv: undefined, smtpUrl: undefined })).toBe(false);
    expect(localOutboxAllowed({ embedded: true, nodeEnv: undefined, smtpUrl: "smtp://mail.example.com:587" })).toBe(false);
  });
});
