import "server-only";
import { isEmptyFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { loadPortfolioActuals, type PortfolioActuals } from "../actuals/portfolio";
import { listBusinessUnits } from "../use-cases/read";
import { readOnReplica } from "../replica";
import { portfolioValue } from "../value/read";
import { budgetOverview } from "../value/budgets-read";
import { cacheBuildId, cached } from "./cache";
import { loadDashboard, TotalsBeyondExactError } from "./dashboard";

/**
 * Every table the loaders below read. Each has the change triggers of migration
 * 20261203140000_portfolio_cache (tests/portfolio-cache.test.ts checks both lists agree): a
 * loader that starts reading another table must add its triggers, or the cache would miss its
 * writes. (The loaders also read the kept sums of ./cost-sums.ts, which only change with
 * UseCaseRollup: triggers on it write them, and a base or a compaction rewrites them to the same
 * sums. They need no triggers of their own.)
 */
export const PORTFOLIO_CACHE_TABLES = [
  "UseCase", "UseCaseRollup", "AssumptionVersion", // loadDashboard; listBusinessUnits
  "Organization", // portfolioValue: the hourly value rate
  "BusinessUnitBudget", "UseCaseDecision", // budgetOverview; loadDashboard's "awaiting a decision"
  "ActualSpend", "ActualSpendYear", "CostLineSet", // loadPortfolioActuals (the sets themselves, and the CostLine view)
] as const;

/** Bump when the shape of PortfolioOverview changes. (8: the actuals' open months; 9: the dashboard's provisional spend; 10: the matrix's not assessed; 11: the dashboard's late starts.) */
const SHAPE = 11;

export interface PortfolioOverview {
  dashboard: Dashboard | TotalsBeyondExactError;
  businessUnits: string[];
  value: Awaited<ReturnType<typeof portfolioValue>>;
  budgets: Awaited<ReturnType<typeof budgetOverview>>;
  actuals: PortfolioActuals;
  /** Served from the cache (the unfiltered view, still valid). */
  fromCache: boolean;
}

type Stored = Omit<PortfolioOverview, "dashboard" | "fromCache"> & { dashboard: Dashboard | { beyondExact: true } };

/**
 * Today's path: every loader, in parallel, for any filter. On the read replica when one is
 * configured and has replayed the primary's WAL as of this call (lib/server/replica.ts); on a miss
 * the cache's snapshot is taken before this call, so the replica's reads see at least what it saw.
 */
export async function computeOverview(organizationId: string, filter: PortfolioFilter, budgetYear: number): Promise<Omit<PortfolioOverview, "fromCache">> {
  return readOnReplica("dashboard", () => computeHere(organizationId, filter, budgetYear));
}

async function computeHere(organizationId: string, filter: PortfolioFilter, budgetYear: number): Promise<Omit<PortfolioOverview, "fromCache">> {
  const [dashboard, businessUnits, value, budgets, actuals] = await Promise.all([
    loadDashboard(organizationId, filter).catch((e: unknown) => {
      if (e instanceof TotalsBeyondExactError) return e;
      throw e;
    }),
    listBusinessUnits(organizationId),
    portfolioValue(organizationId, filter),
    budgetOverview(organizationId, filter, budgetYear),
    loadPortfolioActuals(organizationId, filter),
  ]);
  return { dashboard, businessUnits, value, budgets, actuals };
}

/**
 * The month `now` falls in (UTC) is part of the key: the actuals compare only the months that have
 * closed (lib/server/actuals/period.ts, actualsPeriod), so when a month closes the panel changes with
 * no write to any table, and an entry of the month before must not be served.
 */
export function overviewCacheKey(budgetYear: number, now: Date = new Date()): string {
  return `portfolio-overview:${SHAPE}:${cacheBuildId()}:${budgetYear}:${now.toISOString().slice(0, 7)}`;
}

/**
 * The portfolio page's data. The unfiltered view (what executives reload) comes from the exact
 * cache (./cache.ts): one small read when nothing changed since it was computed; any filter takes
 * today's path.
 */
export async function loadOverview(organizationId: string, filter: PortfolioFilter, budgetYear: number): Promise<PortfolioOverview> {
  if (!isEmptyFilter(filter)) return { ...(await computeOverview(organizationId, filter, budgetYear)), fromCache: false };
  const { value, hit } = await cached<Stored>(
    organizationId,
    overviewCacheKey(budgetYear),
    async () => {
      const o = await computeOverview(organizationId, filter, budgetYear);
      return { ...o, dashboard: o.dashboard instanceof TotalsBeyondExactError ? { beyondExact: true as const } : o.dashboard };
    },
  );
  const dashboard = "beyondExact" in value.dashboard ? new TotalsBeyondExactError() : value.dashboard;
  return { ...value, dashboard, fromCache: hit };
}
