import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatWait } from "./dates";

describe("dates and waits in words", () => {
  it("writes dates the same everywhere, in UTC", () => {
    expect(formatDate("2026-12-05T23:30:00Z")).toBe("5 Dec 2026");
    expect(formatDateTime("2026-12-05T17:25:00Z")).toBe("5 Dec 2026, 17:25 UTC");
  });

  it("says a wait in seconds under a minute, else in whole minutes rounded up", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(0.2)).toBe("1 second");
    expect(formatWait(45)).toBe("45 seconds");
    expect(formatWait(60)).toBe("1 minute");
    expect(formatWait(61)).toBe("2 minutes");
    expect(formatWait(599)).toBe("10 minutes");
  });
});
