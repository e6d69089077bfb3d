import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { filterToSearchParams, isEmptyFilter, parsePortfolioFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { count, dollarRange, dollars, oneDecimal, plural } from "@/lib/domain/portfolio/format";
import { guardPage } from "@/lib/server/page-guard";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { loadPortfolioActuals } from "@/lib/server/actuals/read";
import { ActualsPanel } from "./_components/actuals-panel";
import { listBusinessUnits, listMembers } from "@/lib/server/use-cases/read";
import { Coverage } from "./_components/coverage";
import { FilterForm } from "./_components/filter-form";
import { Headline } from "./_components/headline";
import { LifecyclePanel } from "./_components/lifecycle-panel";
import { MatrixPanel } from "./_components/matrix-panel";
import { link, Stat } from "./_components/panel";
import { ScenariosPanel } from "./_components/scenarios-panel";
import { SpendPanel } from "./_components/spend-panel";
import { DisagreementPanel, FlagsPanel, FreshnessPanel, TopPanel, VersionsPanel } from "./_components/use-case-panels";

export const metadata: Metadata = { title: "Portfolio" };

const EXPORT_ROLES = ["FINANCE", "EXECUTIVE", "ADMIN"];

/**
 * The portfolio dashboard. Every member may read it (docs/decisions/portfolio-dashboard.md);
 * nothing on it changes data. All panels follow the filter in the URL, and every count links to
 * the use-case list with the same filter, or lists the use cases behind it.
 */
export default async function PortfolioPage(props: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, `/o/${org}/portfolio`);
  const filter = parsePortfolioFilter(await props.searchParams);
  const [d, businessUnits, members, actuals] = await Promise.all([loadDashboard(ctx.organization.id, filter), listBusinessUnits(ctx.organization.id), listMembers(ctx.organization.id), loadPortfolioActuals(ctx.organization.id, filter)]);

  const base = `/o/${ctx.organization.slug}`;
  const query = filterToSearchParams(filter).toString();
  const listHref = (extra: Partial<PortfolioFilter> = {}) => {
    const q = filterToSearchParams({ ...filter, ...extra }).toString();
    return `${base}/use-cases${q ? `?${q}` : ""}`;
  };
  const useCaseHref = (id: string) => `${base}/use-cases/${id}`;
  const chosen = d.scenarioSummaries.find((s) => s.scenario === "chosen")!;

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
          <Link className={link} href={listHref()}>
            {plural(d.useCases, "use case")}
          </Link>{" "}
          in {isEmptyFilter(filter) ? "the portfolio" : "this view"}
          {d.useCases > 0 ? (
            <span data-testid="evidence-counts">
              : {count(d.evidence.assessed)} assessed, {count(d.evidence.provisional)} provisional, {count(d.evidence.none)} not assessed
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

      {d.useCases === 0 ? (
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

          <Coverage d={d} useCaseHref={useCaseHref} />

          <SpendPanel d={d} />

          <ActualsPanel a={actuals} useCaseHref={useCaseHref} actualsHref={`${base}/actuals`} />

          <div className="grid gap-4 sm:grid-cols-2">
            <Stat
              label="Stale days a year (base)"
              testId="stale-days"
              value={count(Math.round(d.freshness.staleDaysPerYear.base))}
              detail={`across ${plural(d.freshness.useCasesWithStaleness, "use case")}`}
            />
            <Stat
              label="Average time to value"
              value={d.freshness.timeToValueWeeks ? `${oneDecimal(d.freshness.timeToValueWeeks.base)} weeks` : "—"}
              detail={d.freshness.timeToValueWeeks ? `${oneDecimal(d.freshness.timeToValueWeeks.low)}–${oneDecimal(d.freshness.timeToValueWeeks.high)} weeks, over ${plural(d.freshness.timeToValueUseCases, "use case")}` : "no figure yet"}
            />
          </div>


          <div className="grid gap-6 xl:grid-cols-2">
            <LifecyclePanel d={d} listHref={listHref} />
            <MatrixPanel d={d} listHref={listHref} />
          </div>

          <ScenariosPanel d={d} />

          <div className="grid gap-6 xl:grid-cols-2">
            <TopPanel d={d} useCaseHref={useCaseHref} />
            <FreshnessPanel d={d} />
          </div>

          <div className="grid gap-6 xl:grid-cols-2">
            <FlagsPanel d={d} listHref={listHref} useCaseHref={useCaseHref} />
            <DisagreementPanel d={d} useCaseHref={useCaseHref} />
          </div>

          <VersionsPanel d={d} />
        </>
      )}
    </div>
  );
}
