/**
 * GET /api/health: { status, database: "up" | "down", version }. 200 when the database answers
 * within two seconds, 503 otherwise. Public, reveals nothing about any organization.
 *
 * With DATABASE_REPLICA_URL set, also `replica: { state: "up" | "behind" | "down", lagBytes?,
 * lagSeconds?, skippedUntil? }` (lib/server/replica-health.ts), measured beside the
 * database within the same two seconds. The replica never changes the status: reads it cannot
 * serve run on the primary, so the app is as available as the primary is. No address is shown.
 */
import { db } from "@/lib/server/db";
import { replicaHealth } from "@/lib/server/replica-health";
import { registerEntryPoint, tagEntryPoint } from "@/lib/server/action";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

const NAME = "health";
registerEntryPoint({ name: NAME, kind: "route", roles: "public", mutates: false });

async function databaseUp(timeoutMs = 2000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      db.$queryRaw`SELECT 1`.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const GET = tagEntryPoint(async (): Promise<Response> => {
  const [up, replica] = await Promise.all([databaseUp(), replicaHealth(2000)]);
  return Response.json(
    { status: up ? "ok" : "unavailable", database: up ? "up" : "down", version: pkg.version, ...(replica ? { replica } : {}) },
    { status: up ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}, NAME);
