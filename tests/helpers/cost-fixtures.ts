/**
 * Use cases with stored projections, written straight to the database for portfolio and export
 * tests, so those tests control every cent. (The real path, deriveUseCase, is tested elsewhere.)
 */
import { db } from "@/lib/server/db";
import { refreshRollups } from "@/lib/server/portfolio/rollup";
import type { Approach, Prisma } from "@/lib/server/db";
import { lineSets, yearSets, type StoredLine, type StoredYear } from "@/lib/domain/costing/line-sets";
import { recordset } from "@/lib/server/use-cases/derive";

/** Inserts a use case's sets into `table`, in the order given (their ids follow it, as the app's writers do). */
async function insertSets(table: "CostLineSet" | "CostYearSet", columns: readonly (readonly [string, string])[], organizationId: string, useCaseId: string, sets: readonly object[]): Promise<void> {
  if (!sets.length) return;
  const names = columns.map(([c]) => `"${c}"`).join(", ");
  await db.$executeRawUnsafe(
    `INSERT INTO "${table}" ("organizationId", "useCaseId", ${names})
     SELECT $1, $2, ${columns.map(([c]) => `v."${c}"`).join(", ")}
       FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (${columns.map(([c, type]) => `"${c}" ${type}`).join(", ")}))
            WITH ORDINALITY AS v(${names}, ord)
      ORDER BY v.ord`,
    organizationId, useCaseId, recordset(sets),
  );
}

const MONEY = [["lowCents", "bigint[]"], ["baseCents", "bigint[]"], ["highCents", "bigint[]"]] as const;
const YEARS = [["yearIndex", "int[]"], ["calendarYear", "int[]"]] as const;

/**
 * Stores cost lines as the app does (one set per approach, lib/domain/costing/line-sets.ts), for
 * fixtures that write a projection by hand. Each call adds whole sets: a use case and approach
 * stored already is refused by the table's key.
 */
export function insertCostLines(organizationId: string, useCaseId: string, lines: readonly StoredLine<bigint | number>[]): Promise<void> {
  const columns = [["approach", '"Approach"'], ["manual", "boolean"], ["category", "text[]"], ...YEARS, ...MONEY] as const;
  return insertSets("CostLineSet", columns, organizationId, useCaseId, lineSets(lines));
}

/** Stores yearly totals as the app does (one set per approach), for fixtures that write them by hand. */
export function insertCostYears(organizationId: string, useCaseId: string, years: readonly StoredYear<bigint | number>[]): Promise<void> {
  const columns = [["approach", '"Approach"'], ["manual", "boolean"], ...YEARS, ...MONEY, ["complete", "boolean[]"]] as const;
  return insertSets("CostYearSet", columns, organizationId, useCaseId, yearSets(years));
}

export interface FixtureUseCase {
  title: string;
  businessUnit?: string;
  ownerId: string;
  status?: "IDEA" | "ASSESSING" | "APPROVED" | "BUILDING" | "LIVE" | "RETIRED";
  recommended?: Approach | null;
  chosen?: Approach | null;
  riskFlags?: string[];
  disagreement?: boolean;
  startYear?: number;
  /** No planned start date: logged on 6 December of the start year, the projection counts from that year (derive.ts). */
  undated?: boolean;
  horizonYears?: number;
  /** Cents per approach, category and year: yearly[approach][category] = [y1, y2, ...] (base); low = 80%, high = 125% (rounded). */
  yearly: Partial<Record<Approach, Record<string, (number | null)[]>>>;
  manual?: Approach[];
  deleted?: boolean;
  /**
   * A yearly budget (cents) finance approved for the chosen approach: a decision row in state
   * BUDGET_APPROVED, as the workflow leaves it (the early warning's approved budget). Needs `chosen`.
   */
  budgetApproved?: number;
  /** The one-off build (cents) approved with it, spent in the first year only (0 unless given). */
  buildApproved?: number;
  /** Default: assessed when the fixture has a recommendation or costs, else not assessed (as derivation would store). */
  evidence?: "none" | "provisional" | "assessed";
}

export async function insertUseCaseWithCosts(organizationId: string, uc: FixtureUseCase): Promise<string> {
  const startYear = uc.startYear ?? 2027;
  const row = await db.useCase.create({
    data: {
      organizationId,
      title: uc.title,
      businessUnit: uc.businessUnit ?? "",
      ownerId: uc.ownerId,
      createdById: uc.ownerId,
      status: uc.status ?? "IDEA",
      recommendedApproach: uc.recommended ?? null,
      evidence: uc.evidence ?? (uc.recommended || Object.keys(uc.yearly).length ? "assessed" : "none"),
      chosenApproach: uc.chosen ?? null,
      riskFlags: uc.riskFlags ?? [],
      disagreement: uc.disagreement ?? false,
      horizonYears: uc.horizonYears ?? 3,
      startDate: uc.undated ? null : new Date(`${startYear}-01-01T00:00:00Z`),
      ...(uc.undated ? { createdAt: new Date(`${startYear}-12-06T10:00:00Z`) } : {}),
      deletedAt: uc.deleted ? new Date() : null,
    },
  });
  const lines: StoredLine<bigint>[] = [];
  const years: StoredYear<bigint>[] = [];
  for (const [approach, cats] of Object.entries(uc.yearly) as [Approach, Record<string, (number | null)[]>][]) {
    const manual = uc.manual?.includes(approach) ?? false;
    const horizon = Math.max(...Object.values(cats).map((v) => v.length));
    for (let y = 0; y < horizon; y++) {
      let low = 0n, base = 0n, high = 0n, complete = true;
      for (const [category, values] of Object.entries(cats)) {
        const v = values[y];
        if (v === undefined) continue;
        const l = v === null ? null : BigInt(Math.round(v * 0.8));
        const b = v === null ? null : BigInt(v);
        const h = v === null ? null : BigInt(Math.round(v * 1.25));
        if (b === null) complete = false;
        else { low += l!; base += b; high += h!; }
        lines.push({ approach, yearIndex: y + 1, calendarYear: startYear + y, category, lowCents: l, baseCents: b, highCents: h, manual });
      }
      years.push({ approach, yearIndex: y + 1, calendarYear: startYear + y, lowCents: low, baseCents: base, highCents: high, complete, manual });
    }
  }
  // The summary derive writes beside the rows: each approach's lifecycle is the sum of its years.
  const approaches: Record<string, unknown> = {};
  for (const ap of Object.keys(uc.yearly)) {
    const ys = years.filter((y) => y.approach === ap);
    const sum = (k: "lowCents" | "baseCents" | "highCents") => ys.reduce((acc, y) => acc + Number(y[k]), 0);
    approaches[ap] = {
      lifecycle: { low: sum("lowCents"), base: sum("baseCents"), high: sum("highCents"), complete: ys.every((y) => y.complete !== false) },
      // As derivation stores it (cost engine 2.18): an owner's estimate has no stale-days figure.
      staleDaysPerYear: uc.manual?.includes(ap as Approach) ? null : { low: 0, base: 0, high: 0 }, timeToValueWeeks: null, retrainingCyclesPerYear: 0, manual: uc.manual?.includes(ap as Approach) ?? false, missing: [],
    };
  }
  await db.useCase.update({ where: { id: row.id }, data: { projectionSummary: { approaches, complete: true, missing: [], savings: [], breakEven: { monthlyCalls: null, reason: "" }, assumptionVersion: 0 } as Prisma.InputJsonValue } });
  await insertCostLines(organizationId, row.id, lines);
  await insertCostYears(organizationId, row.id, years);
  if (uc.budgetApproved !== undefined) {
    if (!uc.chosen) throw new Error(`Fixture "${uc.title}": an approved budget needs a chosen approach.`);
    const at = new Date();
    await db.useCaseDecision.create({
      data: { useCaseId: row.id, organizationId, state: "BUDGET_APPROVED", approach: uc.chosen, yearlyBudgetCents: BigInt(uc.budgetApproved), buildCents: BigInt(uc.buildApproved ?? 0), proposedById: uc.ownerId, proposedAt: at, decidedById: uc.ownerId, decidedAt: at, budgetApprovedById: uc.ownerId, budgetApprovedAt: at },
    });
  }
  // As every save does: the dashboard's rollup row, rebuilt from what was just stored.
  await refreshRollups(db, organizationId, [row.id]);
  return row.id;
}
