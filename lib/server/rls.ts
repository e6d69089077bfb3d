import "server-only";
import type pg from "pg";
import { db, type Prisma, type Tx } from "./db";

/**
 * Row-level security as a second line of defence for the read paths written in raw SQL (the
 * portfolio dashboard's aggregates, the finance exports), where a forgotten
 * `WHERE "organizationId" = …` would otherwise go unnoticed by the type checker; the import's
 * read-only check runs under it as well.
 *
 * Inside a transaction, `withOrganizationScope` switches to the NOLOGIN role tradeoff_org_reader
 * (SET LOCAL ROLE) and sets app.organization_id. From then until the transaction ends, every
 * statement sees only that organization's rows in the organization-owned tables (the policies are
 * in prisma/migrations/20261123120000_row_level_security), members and use-case owners only in
 * "User" (never a password hash), and can write nothing. Both settings are LOCAL: they end with
 * the transaction, so a pooled connection never carries them into another request.
 *
 * The queries keep their own organization filter: the scope is a safety net, not the filter.
 *
 * Where the role cannot be used (a server on which the migration was not allowed to create or
 * grant it), the first call warns once and every call runs unscoped, as before.
 */

export const SCOPED_ROLE = "tradeoff_org_reader";
export const ORGANIZATION_SETTING = "app.organization_id";
/** Every table the scoped role reads, all under row-level security. */
export const SCOPED_TABLES = [
  "Organization", "User", "Membership", "Invitation", "AuditEvent", "UseCase", "CostLineSet", "CostYearSet", "AssumptionVersion", "ImportMapping", "UseCaseRollup", "BusinessUnitBudget", "SecurityEvent",
  "ActualImport", "ActualImportMonth", "ActualLine", "ActualRule", "ActualSpend", "ActualSpendYear",
  "UseCaseDecision", "UseCaseComment", "Notification",
  "PortfolioChange", "PortfolioCache", "PortfolioCacheHorizon", "PortfolioCostSum", "PortfolioUseCaseSum", "PortfolioTally",
] as const;

type Exec = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;
/** A Prisma interactive-transaction client, or a node-postgres client inside BEGIN … COMMIT. */
export type ScopeTarget = Tx | pg.ClientBase;

function execFor(target: ScopeTarget): Exec {
  if ("$queryRawUnsafe" in target) return (text, values) => target.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
  return async (text, values) => (await target.query(text, values)).rows as Record<string, unknown>[];
}

const cache = globalThis as unknown as { tradeoffScopeUsable?: Promise<boolean> };

/**
 * Whether this connection's role may act as the scoped role, and the role is set up: member of
 * it, every scoped table readable by it and under row-level security with our policy. Checked
 * once per process, inside the caller's transaction (behind a savepoint, so a refusal leaves the
 * transaction usable).
 */
async function probe(exec: Exec): Promise<boolean> {
  await exec("SAVEPOINT tradeoff_scope_probe", []);
  try {
    await exec("SELECT set_config('role', $1, true)", [SCOPED_ROLE]);
    const rows = await exec(
      `SELECT count(*)::int AS ready
         FROM unnest($1::text[]) AS t(name)
         JOIN pg_class c ON c.relname = t.name AND c.relkind = 'r' AND c.relrowsecurity
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        WHERE has_any_column_privilege(c.oid, 'SELECT')
          AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tradeoff_org_scope' AND NOT p.polpermissive)`,
      [[...SCOPED_TABLES]],
    );
    return Number(rows[0]?.ready) === SCOPED_TABLES.length;
  } catch {
    return false;
  } finally {
    // Back to the login role (and out of an aborted state, if the role was refused).
    await exec("ROLLBACK TO SAVEPOINT tradeoff_scope_probe", []);
    await exec("RELEASE SAVEPOINT tradeoff_scope_probe", []);
  }
}

async function scopeUsable(exec: Exec): Promise<boolean> {
  cache.tradeoffScopeUsable ??= probe(exec).then(
    (usable) => {
      if (!usable) {
        console.warn(
          `[rls] The database role ${SCOPED_ROLE} is missing or not usable by this connection's role, so raw-SQL reads run ` +
            "without the row-level security safety net (their own organization filters still apply). Run the migrations " +
            "as a role that may create roles, or see the README's Security section.",
        );
      }
      return usable;
    },
    (err: unknown) => {
      cache.tradeoffScopeUsable = undefined; // a failed probe (connection lost) is tried again next time
      throw err;
    },
  );
  return cache.tradeoffScopeUsable;
}

/** Forget the probe's answer (tests that switch servers or roles). */
export function forgetScopeProbe(): void {
  cache.tradeoffScopeUsable = undefined;
}

/**
 * Inside an open transaction: act as the scoped role for `organizationId` until it ends.
 * Returns false (and changes nothing) when the role is not usable on this server.
 *
 * The transaction also plans without parallel workers. One organization's read is small, but in a
 * database of many organizations the tables are large, and the planner starts two workers for it:
 * they cost more to start than they save, and they take cores from the other requests. Among
 * 1,000 organizations the portfolio's value panel took 15–20 ms with them and 8–10 ms without,
 * as in a database of its own (issue 22, bar 4).
 *
 * Nor does it JIT-compile. PostgreSQL compiles a statement whose estimated cost passes
 * jit_above_cost, and the estimate is only as good as the planner's row counts, which it cannot
 * know for a set-returning function over a column (it assumes a thousand rows a call): at the
 * bench's 10,000 use cases the business-unit export for one unit took 6.5–7.5 s with JIT and
 * 0.7–1.0 s without, and the filtered portfolio spent 1–2.6 s compiling a 40 ms statement
 * (docs/benchmarks.md, 2026-12-07). One organization's reads are short: compiling never pays.
 */
export async function withOrganizationScope(target: ScopeTarget, organizationId: string): Promise<boolean> {
  if (!organizationId) throw new Error("withOrganizationScope needs an organization id.");
  const exec = execFor(target);
  if (!(await scopeUsable(exec))) return false;
  await exec("SELECT set_config('role', $1, true), set_config($2, $3, true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)", [
    SCOPED_ROLE, ORGANIZATION_SETTING, organizationId,
  ]);
  return true;
}

/** One raw read, in its own transaction, scoped to one organization. */
export async function scopedQueryRaw<T>(organizationId: string, query: Prisma.Sql): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, organizationId);
      return tx.$queryRaw<T>(query);
    },
    // Waits for a connection as long as a plain query would, and lasts as long as a big portfolio needs.
    { maxWait: 30_000, timeout: 120_000 },
  );
}
