/** GET /api/health: 200 with the database up, 503 when it does not answer; never cached. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "@/lib/server/db";
import pkg from "@/package.json";

describe("GET /api/health", () => {
  afterEach(() => vi.restoreAllMocks());

  it("says ok, database up, and the version", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", database: "up", version: pkg.version });
  });

  it("answers 503, database down, when the database fails", async () => {
    vi.spyOn(db, "$queryRaw").mockRejectedValueOnce(new Error("connection refused"));
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", database: "down", version: pkg.version });
  });
});
