/**
 * Per-file setup: Next's request-bound helpers are replaced by test doubles, and the session is
 * whatever `signInAs` (tests/helpers/session.ts) last set.
 */
import { inject, vi } from "vitest";

process.env.DATABASE_URL ??= inject("databaseUrl");
// Refusals are answered at once here; lib/refusal-delay.test.ts and the browser tests hold them.
process.env.REFUSAL_DELAY_MS ??= "0";

vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
vi.mock("@/lib/server/session", async () => {
  const mod = await import("./helpers/session");
  const { db } = await import("@/lib/server/db");
  return {
    // As the real session does: the person as stored now, or null when there is none.
    getSessionUser: async () => {
      const id = mod.currentTestUserId();
      return id ? db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } }) : null;
    },
    getSessionId: async () => mod.currentTestSessionId(),
  };
});
vi.mock("@/lib/server/request-ip", async () => {
  const mod = await import("./helpers/client-address");
  return { requestIp: async () => mod.currentTestAddress(), requestPath: async () => mod.currentTestPath(), PATH_HEADER: "x-tradeoff-path" };
});
