import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EVIDENCE_LABELS, EVIDENCE_LEVELS } from "@/lib/domain/frameworks";
import { drillDown, filterToSearchParams, isEmptyFilter, parsePortfolioFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { averageOver, count, lagWait, oneDecimal, plural, weeks } from "@/lib/domain/portfolio/format";
import { guardPage } from "@/lib/server/page-guard";
import { TotalsBeyondExactError } from "@/lib/server/portfolio/dashboard";
import { loadOverview } from "@/lib/server/portfolio/overview";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { ActualsPanel } from "./_components/actuals-panel";
import { hasUseCases, listMembers } from "@/lib/server/use-cases/read";
import { FirstSteps } from "@/components/first-steps";
import { firstSteps } from "@/lib/server/first-steps";
import { askedBudgetYear, budgetYearChoices, budgetYearReason, parseBudgetYear } from "@/lib/domain/value";
import { budgetYears } from "@/lib/server/value/budgets-read";
import { BudgetPanel } from "./_components/budget-panel";
import { PortfolioValuePanel } from "./_components/value-panel";
import { Coverage } from "./_components/coverage";
import { FilterForm } from "./_components/filter-form";
import { Headline } from "./_components/headline";
import { LifecyclePanel } from "./_components/lifecycle-panel";
import { MatrixPanel } from "./_components/matrix-panel";
import { CountLink, link, Stat } from "./_components/panel";
import { ScenariosPanel } from "./_components/scenarios-panel";
import { SpendPanel } from "./_components/spend-panel";
import { DisagreementPanel, FlagsPanel, FreshnessPanel, TopPanel, VersionsPanel } from "./_components/use-case-panels";

export const metadata: Metadata = { title: "Portfolio" };

const EXPORT_ROLES = ["FINANCE", "EXECUTIVE", "ADMIN"];
/** The evidence counts in the order read (most evidence first), each linking to the use-case list of its level. */
const EVIDENCE_ORDER = [...EVIDENCE_LEVELS].reverse();
/** Who sets budgets and the hourly value rate (issue 20). */
const VALUE_ROLES = ["FINANCE", "ADMIN"];

/**
 * The portfolio dashboard. Every member may read it (docs/decisions/portfolio-dashboard.md);
 * nothing on it changes data. All panels follow the filter in the URL, and every count links to
 * the use-case list with the same filter, or lists the use cases behind it.
 */
export default async function PortfolioPage(props: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, `/o/${org}/portfolio`);
  const params = await props.searchParams;
  const filter = parsePortfolioFilter(params);
  // Issue 20: value against cost, and the budgets of one calendar year (?budgetYear=, else this year).
  const budgetedYears = await budgetYears(ctx.organization.id);
  const now = new Date();
  const budgetYear = parseBudgetYear(params.budgetYear, now, budgetedYears);
  // Issue 22: the unfiltered view is served from an exact cache (lib/server/portfolio/cache.ts);
  // members are read live (people, not use cases: their number does not grow with the portfolio).
  const [{ dashboard: d, businessUnits, value, budgets, actuals }, members] = await Promise.all([
    loadOverview(ctx.organization.id, filter, budgetYear),
    listMembers(ctx.organization.id),
  ]);
  if (d instanceof TotalsBeyondExactError) {
    return (
      <div className="space-y-6">
        <PageHeader title="Portfolio" description={`${ctx.organization.name}'s AI use cases together.`} />
        <section className="rounded-xl bg-amber-50 p-6 text-amber-950 ring-1 ring-amber-200" role="alert" data-testid="beyond-exact">
          <h2 className="text-lg font-semibold">These totals are too large to add up exactly</h2>
          <p className="mt-2">{d.message} Filter to fewer use cases (a business unit, a status) to see exact totals, or check the volumes and prices of the largest use cases.</p>
        </section>
        <FilterForm action={`/o/${org}/portfolio`} filter={filter} businessUnits={businessUnits} owners={members.map((m) => ({ id: m.id, name: m.name }))} />
      </div>
    );
  }

  const base = `/o/${ctx.organization.slug}`;
  const query = filterToSearchParams(filter).toString();
  const listHref = (extra: Partial<PortfolioFilter> = {}) => {
    const narrowed = drillDown(filter, extra);
    if (!narrowed) return null;
    const q = filterToSearchParams(narrowed).toString();
    return `${base}/use-cases${q ? `?${q}` : ""}`;
  };
  const useCaseHref = (id: string) => `${base}/use-cases/${id}`;
  // A new organization: the first steps, where the panels will be.
  const isNew = d.useCases === 0 && isEmptyFilter(filter) && !(await hasUseCases(ctx.organization.id));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Portfolio"
        description={`${ctx.organization.name}'s AI use cases together: what they will cost, on what, and what needs a decision.`}
        actions={
          EXPORT_ROLES.includes(ctx.role) ? (
            <div className="flex flex-wrap gap-4 text-sm" aria-label="Exports">
              <a className={link} href={`${base}/export/detail.csv${query ? `?${query}` : ""}`} download>
                Cost detail (CSV)
              </a>
              <a className={link} href={`${base}/export/business-units.csv${query ? `?${query}` : ""}`} download>
                Business-unit rollup (CSV)
              </a>
            </div>
          ) : undefined
        }
      />

      <div className="rounded-xl bg-white shadow-sm ring-1 ring-zinc-200">
        <p className="px-4 pt-3 text-sm text-zinc-700" data-testid="portfolio-count">
          <CountLink className={link} href={listHref()}>
            {plural(d.useCases, "use case")}
          </CountLink>{" "}
          in {isEmptyFilter(filter) ? "the portfolio" : "this view"}
          {d.useCases > 0 ? (
            <span data-testid="evidence-counts">
              :{" "}
              {EVIDENCE_ORDER.map((level, i) => (
                <span key={level}>
                  {i > 0 ? ", " : null}
                  {d.evidence[level] > 0 ? (
                    <CountLink className={link} href={listHref({ evidence: [level] })}>
                      {count(d.evidence[level])} {EVIDENCE_LABELS[level].toLowerCase()}
                    </CountLink>
                  ) : (
                    `0 ${EVIDENCE_LABELS[level].toLowerCase()}`
                  )}
                </span>
              ))}
            </span>
          ) : null}
          .
        </p>
        <details open={!isEmptyFilter(filter)}>
          <summary className="cursor-pointer px-4 pb-3 pt-1 text-sm font-medium text-brand-700 underline underline-offset-2">Filter the portfolio</summary>
          <div className="border-t border-zinc-200">
            <FilterForm action={`${base}/portfolio`} filter={filter} businessUnits={businessUnits} owners={members.map((m) => ({ id: m.id, name: m.name }))} />
          </div>
        </details>
      </div>

      {isNew ? (
        <FirstSteps organization={ctx.organization.name} steps={firstSteps(ctx.role, ctx.organization.slug)}>
          Their projections add up here: what they will cost, on what, against which budgets, and what needs a decision.
        </FirstSteps>
      ) : d.useCases === 0 ? (
        <section className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center" aria-label="Nothing to show">
          <h2 className="text-lg font-semibold text-zinc-900">No use cases {isEmptyFilter(filter) ? "yet" : "match this filter"}</h2>
          <p className="mt-2 text-zinc-600">
            {isEmptyFilter(filter) ? (
              <>
                Log use cases on the <Link className={link} href={`${base}/use-cases`}>use-case list</Link>; their projections add up here.
              </>
            ) : (
              <>
                <Link className={link} href={`${base}/portfolio`}>Clear the filter</Link> to see the whole portfolio.
              </>
            )}
          </p>
        </section>
      ) : (
        <>
          <Headline d={d} listHref={listHref} disagreementsHref="#disagreements" />

          <Coverage d={d} useCaseHref={useCaseHref} listHref={listHref} />

          <SpendPanel d={d} />

          <BudgetPanel
            year={budgetYear}
            years={budgetYearChoices(d.years, budgetedYears, budgetYear)}
            rows={budgets.rows}
            approvalsKnown={budgets.approvalsKnown}
            yearHref={(y) => {
              const q = filterToSearchParams(filter);
              q.set("budgetYear", String(y));
              return `${base}/portfolio?${q.toString()}#budgets`;
            }}
            manageHref={`${base}/value?year=${budgetYear}`}
            canManage={VALUE_ROLES.includes(ctx.role)}
            yearReason={budgetYearReason(budgetYear, now.getUTCFullYear(), askedBudgetYear(params.budgetYear))}
            partial={Object.entries(filter).some(([key, values]) => key !== "businessUnit" && values.length > 0)}
          />

          <PortfolioValuePanel units={value.units} total={value.total} inView={d.useCases} rate={value} />

          <ActualsPanel a={actuals} useCaseHref={useCaseHref} actualsHref={`${base}/actuals`} filtered={!isEmptyFilter(filter)} />

          <div className="grid gap-4 sm:grid-cols-2">
            <Stat
              label="Use cases whose chosen approach cannot keep them current"
              testId="exceeding-lag"
              value={count(d.freshness.exceedingLag)}
              detail={lagDetail(d)}
            />
            <Stat
              label="Average time to value"
              value={d.freshness.timeToValueWeeks ? weeks(d.freshness.timeToValueWeeks.base) : "—"}
              detail={d.freshness.timeToValueWeeks ? `${oneDecimal(d.freshness.timeToValueWeeks.low)}–${oneDecimal(d.freshness.timeToValueWeeks.high)} weeks, as chosen, ${averageOver(d.freshness.timeToValueUseCases, d.useCases, "without one (priced from an estimate, or not costed)")}` : "no figure yet"}
            />
          </div>


          {/* One above the other: the matrix, up to nine columns of counts, is read whole at the page's
              width; beside the lifecycle chart it had half of it and was cut off at every window width. */}
          <LifecyclePanel d={d} listHref={listHref} />
          <MatrixPanel d={d} listHref={listHref} />

          <ScenariosPanel d={d} />

          <div className="grid gap-6 xl:grid-cols-2">
            <TopPanel d={d} useCaseHref={useCaseHref} />
            <FreshnessPanel d={d} useCaseHref={useCaseHref} />
          </div>

          <div className="grid gap-6 xl:grid-cols-2">
            <FlagsPanel d={d} listHref={listHref} useCaseHref={useCaseHref} />
            <DisagreementPanel d={d} useCaseHref={useCaseHref} listHref={listHref} />
          </div>

          <VersionsPanel d={d} />
        </>
      )}
    </div>
  );
}

/** The worst use case over its lag, in one clause, or why there is none. */
function lagDetail(d: Dashboard): string {
  const w = d.freshness.worstLag[0];
  if (!w) return "as chosen, every use case that gives a lag is kept within it, and none answers without its own knowledge";
  return `as chosen; ${d.freshness.exceedingLag === 1 ? "it is" : "the worst:"} ${w.useCase.title}, ${lagWait(w.worstDelayDays, w.maxLagDays, w.lacksCapability)}`;
}
