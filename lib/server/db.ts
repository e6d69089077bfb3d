import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { collectAfterCommit, runAfterCommit } from "./after-commit";

/**
 * One PrismaClient per process, through the node-postgres driver adapter (no native engine).
 * Password hashes are omitted from every query unless a caller asks for them explicitly.
 */
function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which sets it.");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true, totpSecret: true, totpPendingSecret: true } } });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { tradeoffPrisma?: Client };

function client(): Client {
  return (globalForPrisma.tradeoffPrisma ??= createClient());
}

/**
 * `$transaction` with after-commit tasks (lib/server/after-commit.ts): an interactive transaction's
 * body may queue work (mail) that runs once it has committed, and never if it rolled back. The
 * batch form (an array of queries) has no body and is passed through.
 */
function transactionWithAfterCommit(c: Client): Client["$transaction"] {
  const original = c.$transaction.bind(c) as (arg: unknown, options?: unknown) => Promise<unknown>;
  return (async (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return original(arg, options);
    const body = arg as (tx: unknown) => Promise<unknown>;
    const { result, tasks } = await collectAfterCommit(() => original((tx: unknown) => body(tx), options));
    await runAfterCommit(tasks);
    return result;
  }) as Client["$transaction"];
}

/**
 * Created on first use rather than at import, so that `next build` (which imports route modules)
 * needs no database.
 */
export const db: Client = new Proxy({} as Client, {
  get(target, prop) {
    // Properties set on the facade itself (test spies) win over the client's.
    if (Object.prototype.hasOwnProperty.call(target, prop)) return Reflect.get(target, prop);
    const c = client();
    if (prop === "$transaction") return transactionWithAfterCommit(c);
    const value = Reflect.get(c, prop, c) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(c) : value;
  },
  has(target, prop) {
    return Reflect.has(target, prop) || Reflect.has(client(), prop);
  },
  getOwnPropertyDescriptor(target, prop) {
    const own = Reflect.getOwnPropertyDescriptor(target, prop);
    if (own) return own;
    const c = client();
    if (!Reflect.has(c, prop)) return undefined;
    return { configurable: true, enumerable: true, writable: true, value: Reflect.get(c, prop, c) };
  },
});

export type Db = Client;
/** A transaction client, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
export { Prisma } from "@/lib/generated/prisma/client";
export type { Role, Approach, UseCaseStatus } from "@/lib/generated/prisma/client";
