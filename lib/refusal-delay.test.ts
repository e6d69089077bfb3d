import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_REFUSAL_DELAY_MS, holdRefusal, parseRefusalDelay } from "./refusal-delay";

describe("the refusal delay (a tarpit for floods)", () => {
  afterEach(() => vi.useRealTimers());

  it("reads REFUSAL_DELAY_MS: a second by default, 0 turns it off, nonsense falls back, ten seconds at most", () => {
    expect(parseRefusalDelay(undefined)).toBe(DEFAULT_REFUSAL_DELAY_MS);
    expect(DEFAULT_REFUSAL_DELAY_MS).toBe(1000);
    expect(parseRefusalDelay("")).toBe(1000);
    expect(parseRefusalDelay("0")).toBe(0);
    expect(parseRefusalDelay("250")).toBe(250);
    expect(parseRefusalDelay("-5")).toBe(1000);
    expect(parseRefusalDelay("soon")).toBe(1000);
    expect(parseRefusalDelay("1e9")).toBe(10_000);
  });

  it("holds the answer for the delay, and not a moment less", async () => {
    vi.useFakeTimers();
    let done = false;
    void holdRefusal(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
