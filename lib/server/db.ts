import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { collectAfterCommit, runAfterCommit } from "./after-commit";
import { numberSetting } from "./env-number";

/**
 * One PrismaClient per process, through the node-postgres driver adapter (no native engine).
 * Password hashes are omitted from every query unless a caller asks for them explicitly.
 */
function createClient(pool?: { connectionString: string; max: number; application_name: string; connectionTimeoutMillis: number }) {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString && !pool) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which sets it.");
  const adapter = new PrismaPg(pool ?? { connectionString, max: numberSetting("DATABASE_POOL_SIZE", 10, 1) });
  // Every pool the adapter makes (one per connect; again after a disconnect) lends its connections
  // to transactionWithConnection, below.
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    claimable(connected.underlyingDriver());
    listenOnEveryConnection(connected.underlyingDriver());
    return connected;
  };
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true, totpSecret: true, totpPendingSecret: true } } });
}

/**
 * pg-pool removes its own error listener from a connection when it hands it out, and the taker adds
 * its own a microtask later. A server that ends sessions as a connection opens (a restart: the
 * ReadyForQuery and the FATAL arrive in one read) emits an error in that gap that nobody hears,
 * which would end the process (seen with a read replica restarting, tests/read-replica.test.ts).
 * Every connection keeps one listener of its own: the error still reaches its holder (the next
 * query on it fails), and the pool still discards it.
 */
export function listenOnEveryConnection(pool: pg.Pool): void {
  pool.on("connect", (c) => {
    c.on("error", () => {});
  });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { tradeoffPrisma?: Client };

function client(): Client {
  return routes.getStore() ?? primaryDb();
}

/**
 * The read replica (lib/server/replica.ts): a second client, on another server, and a way to run
 * a read with `db` answering from it. Inside `readingFrom(other, fn)` every use of `db` in `fn`'s
 * async context goes to `other`; everything else, before, after and beside it, to the primary.
 */
const globalForRoutes = globalThis as unknown as { tradeoffDbRoutes?: AsyncLocalStorage<Client> };
const routes = (globalForRoutes.tradeoffDbRoutes ??= new AsyncLocalStorage<Client>());

export function createReadClient(pool: { connectionString: string; max: number; application_name: string; connectionTimeoutMillis: number }): Client {
  return createClient(pool);
}

export function readingFrom<T>(other: Client, fn: () => Promise<T>): Promise<T> {
  return routes.run(other, fn);
}

/** The primary's client, also inside `readingFrom`: for a write that a read on the replica needs. */
export function primaryDb(): Client {
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

/**
 * The node-postgres connection under a Prisma interactive transaction, for what Prisma cannot send:
 * `COPY … FROM STDIN` (the import's bulk writer, lib/server/import/copy.ts). Prisma's pg adapter
 * starts a transaction by taking a connection from its pool (`pool.connect()`, then BEGIN); while
 * `transactionWithConnection` runs, the first connection its own async context takes is noted
 * (AsyncLocalStorage), and before `fn` runs the two sides' backend process ids are compared, so a
 * statement sent on `connection` is known to run inside that very transaction: it commits or rolls
 * back with it. Nothing else changes for other callers (their context notes nothing).
 *
 * Use the connection only between awaited steps of `fn`, never while a Prisma query of the same
 * transaction is in flight (node-postgres would queue it anyway, in order).
 */
interface Claim {
  connection: pg.PoolClient | null;
}
// On globalThis, like the client: Next.js may bundle this module into several chunks, and the
// client (made by one of them) must see the claim made by another's transactionWithConnection.
const globalForClaims = globalThis as unknown as { tradeoffConnectionClaims?: AsyncLocalStorage<Claim> };
const claims = (globalForClaims.tradeoffConnectionClaims ??= new AsyncLocalStorage<Claim>());

function claimable(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | void;
  pool.connect = ((callback?: unknown) => {
    const claim = claims.getStore();
    // pg's own pool.query passes a callback: never a transaction's connection.
    if (callback || !claim || claim.connection) return connect(callback);
    return (connect() as Promise<pg.PoolClient>).then((c) => (claim.connection ??= c));
  }) as pg.Pool["connect"];
}

export class TransactionConnectionError extends Error {}

export function transactionWithConnection<T>(
  fn: (tx: Tx, connection: pg.ClientBase) => Promise<T>,
  options: { timeout: number; maxWait: number },
): Promise<T> {
  const claim: Claim = { connection: null };
  return claims.run(claim, () =>
    db.$transaction(async (tx) => {
      const connection = claim.connection;
      if (!connection) throw new TransactionConnectionError("The transaction's database connection could not be found.");
      const [mine] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      const theirs = await connection.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      if (!mine || mine.pid !== theirs.rows[0]?.pid) throw new TransactionConnectionError("The connection found is not the transaction's.");
      return fn(tx, connection);
    }, options),
  );
}
