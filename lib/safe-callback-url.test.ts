import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl: after signing in, only a path on this site", () => {
  it.each([
    ["/o/acme/portfolio", "/o/acme/portfolio"],
    ["/o/acme/use-cases?status=LIVE#top", "/o/acme/use-cases?status=LIVE#top"],
    ["http://127.0.0.1:3000/o/acme/members", "/o/acme/members"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example/x", "/x"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/sign-in?callbackUrl=/x", "/"],
    ["/api/auth/signout", "/"],
    ["", "/"],
    [undefined, "/"],
    [["/a", "/b"], "/"],
  ])("%j → %j", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });
});
