import { afterEach, describe, expect, it, vi } from "vitest";

describe("the domain's zod", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });
  it("compiles parsers on the server (no window)", async () => {
    const { z } = await import("./zod");
    expect(z.config().jitless).not.toBe(true);
  });
  it("never compiles code in the browser, where the CSP forbids eval", async () => {
    vi.stubGlobal("window", {});
    vi.resetModules();
    const { z } = await import("./zod");
    expect(z.config().jitless).toBe(true);
    z.config({ jitless: false }); // zod's settings are global to the process: leave them as found
  });
});
