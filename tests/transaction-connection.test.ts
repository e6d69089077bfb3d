/**
 * transactionWithConnection (lib/server/db.ts): the node-postgres connection it hands over is the
 * one under Prisma's transaction, so what is sent on it (the import's COPY) commits and rolls back
 * with the transaction; and it still finds it when the module is loaded more than once (Next.js
 * bundles lib/server/db.ts into many chunks, and the one Prisma client is shared on globalThis).
 */
import { describe, expect, it, vi } from "vitest";
import { db, transactionWithConnection } from "@/lib/server/db";
import { createTestOrg } from "./helpers/factory";

const OPTIONS = { timeout: 60_000, maxWait: 30_000 };

describe("transactionWithConnection", () => {
  it("hands over the transaction's own connection: its writes commit with the transaction, and roll back with it", async () => {
    const org = await createTestOrg("tx-connection");
    const rename = (name: string) => `UPDATE "Organization" SET name = $1 WHERE id = $2`.replace("$1", `'${name}'`).replace("$2", `'${org.id}'`);
    await transactionWithConnection(async (_tx, connection) => {
      await connection.query(rename("Renamed on the connection"));
    }, OPTIONS);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("Renamed on the connection");

    await expect(
      transactionWithConnection(async (tx, connection) => {
        await connection.query(rename("Never kept"));
        // Seen from Prisma's side of the same transaction...
        expect((await tx.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("Never kept");
        throw new Error("changed my mind");
      }, OPTIONS),
    ).rejects.toThrow("changed my mind");
    // ...and gone with its rollback.
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("Renamed on the connection");
  });

  it("finds the connection when this module is a second copy of lib/server/db.ts (as in a Next.js build)", async () => {
    await db.$queryRaw`SELECT 1`; // the shared client exists, made by the first copy
    vi.resetModules();
    const second = await import("@/lib/server/db");
    const pid = await second.transactionWithConnection(async (tx, connection) => {
      const [mine] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      const theirs = await connection.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(theirs.rows[0]!.pid).toBe(mine!.pid);
      return mine!.pid;
    }, OPTIONS);
    expect(typeof pid).toBe("number");
  });
});
