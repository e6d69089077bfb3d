import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { BU_SCENARIOS, notCostedExportSentence } from "@/lib/domain/export/cost-exports";
import { EVIDENCE_LABELS, FLAG_LABELS } from "@/lib/domain/frameworks";
import { approachFilterLabel, COST_COVERAGE_LABELS, filterToSearchParams, isEmptyFilter, parsePortfolioFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { STATUS_LABELS } from "@/lib/domain/use-case";
import { EXPORT_ROLES } from "@/lib/server/export/roles";
import { guardPage } from "@/lib/server/page-guard";
import { listMembers } from "@/lib/server/use-cases/read";
import { notCostedAsChosen } from "@/lib/server/value/budgets-read";
import { ExportLinks } from "./export-links";
import { GOVERNANCE_LABELS, governanceValueLabel } from "@/lib/domain/governance";
import { NOT_RECORDED } from "@/lib/domain/portfolio/filter";
import { inSentence } from "@/lib/domain/portfolio/format";

export const metadata: Metadata = { title: "Exports" };

/** The current filter in words, e.g. "business unit Sales; status Live". */
function describe(filter: PortfolioFilter, ownerName: (id: string) => string): string[] {
  const parts: [string, string[]][] = [
    ["business unit", filter.businessUnit],
    ["status", filter.status.map((s) => STATUS_LABELS[s])],
    ["owner", filter.ownerId.map(ownerName)],
    ["recommended", filter.recommended.map((a) => approachFilterLabel(a, "recommended"))],
    ["chosen", filter.chosen.map((a) => approachFilterLabel(a, "chosen"))],
    ["as chosen", filter.asChosen.map((a) => approachFilterLabel(a, "chosen"))],
    ["risk flag", filter.flag.map((f) => FLAG_LABELS[f])],
    ["evidence", filter.evidence.map((e) => EVIDENCE_LABELS[e].toLowerCase())],
    ["cost (as chosen)", filter.costs.map((c) => COST_COVERAGE_LABELS[c].toLowerCase())],
    ["frameworks split", filter.disagreement],
    ["awaiting a decision", filter.awaitingDecision],
    ...(["highImpact", "personalData", "sourcing", "stage", "euRiskTier"] as const).map((key): [string, string[]] => [
      inSentence(GOVERNANCE_LABELS[key]),
      filter[key].map((v) => (v === NOT_RECORDED ? "not recorded" : key === "personalData" ? v : governanceValueLabel(key, v))),
    ]),
  ];
  return parts.filter(([, v]) => v.length).map(([k, v]) => `${k} ${v.join(" or ")}`);
}

/** The finance exports for the URL's portfolio filter: finance, executives and admins. */
export default async function ExportsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const ctx = await guardPage(org, EXPORT_ROLES, `/o/${org}/export`);
  const filter = parsePortfolioFilter(await searchParams);
  const [members, notCosted] = await Promise.all([filter.ownerId.length ? listMembers(ctx.organization.id) : [], notCostedAsChosen(ctx.organization.id, filter)]);
  const words = describe(filter, (id) => members.find((m) => m.id === id)?.name ?? "a former member");
  const query = filterToSearchParams(filter).toString();
  const portfolio = `/o/${ctx.organization.slug}/portfolio${query ? `?${query}` : ""}`;

  return (
    <>
      <PageHeader title="Exports" description={`${ctx.organization.name}'s projected costs as CSV files for a spreadsheet or a finance system.`} />
      <p className="mb-4 text-sm text-zinc-700" data-testid="export-filter">
        {isEmptyFilter(filter) ? "Every use case (no filter)." : `Use cases with ${words.join("; ")}.`}{" "}
        <Link className="text-brand-700 underline" href={portfolio}>Change the filter on the portfolio</Link>
      </p>
      <ExportLinks orgSlug={ctx.organization.slug} role={ctx.role} filter={filter} className="max-w-2xl" />
      <section aria-labelledby="export-format" className="mt-8 max-w-3xl text-sm text-zinc-700">
        <h2 id="export-format" className="text-base font-semibold text-zinc-900">What is in the files</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>The detail has one row per use case, approach, calendar year and cost category, with low, base and high amounts in US dollars. A use case's lifecycle years count in the calendar year each one starts: its first year, whatever the month, in the year of its planned start (without one, the year it was logged). A figure that could not be projected (a model price not yet set, say) is an empty cell with the note “missing figure”, never 0.</li>
          <li data-testid="export-benefit-columns">
            The detail’s <code>yearly_benefit_low</code>, <code>yearly_benefit_base</code> and <code>yearly_benefit_high</code> are in dollars, per use case: its expected benefit in a full year (where <code>benefit_kind</code> is <code>HOURS</code>, the hours saved priced at the organization’s hourly rate; where it is <code>REVENUE</code>, the revenue itself), repeated on each of its rows (every approach, year and category), so do not sum them; a column’s sum counts each use case’s benefit once per row. The business-unit rollup’s <code>benefit_low</code>, <code>benefit_base</code> and <code>benefit_high</code> give the benefit per business unit and calendar year (on its “as chosen” rows: what the use cases with a benefit and a complete cost realise that year, after their build; not those the value panel counts apart, whose approach as chosen cannot serve them or needs a feedback loop not known to be costed), and add up to the portfolio’s value panel.
          </li>
          <li>The business-unit rollup sums the same amounts per business unit, year and approach, under three scenarios: {BU_SCENARIOS.map((s) => `“${s}”`).join(", ")}. “As chosen” counts each use case under its decision, else its recommendation, and adds up to the portfolio’s totals; under “all”, each approach’s row is what the unit would spend if every use case took it, so rows of different approaches are alternatives, not to be added.</li>
          <li data-testid="export-actual-columns">
            Once actual spend is imported, the business-unit rollup’s “as chosen” rows add <code>actual</code>, the spend billed to the row’s use cases in the year’s months that are over, up to <code>actual_through</code> (the latest month over with a bill), and <code>metered_base_to_date</code>, the part of the base projection a bill measures (inference, hosting and training compute, retrieval; not engineering or retraining, nor an owner’s yearly estimate, which counts people’s time too) for the same months. These are the months the portfolio compares, and <code>variance_to_date</code> compares as it does: the spend of the use cases with such a projection, less <code>metered_base_to_date</code>. Spend with none (a use case priced from its owner’s estimate, or billed before its planned start) is in <code>actual</code> but set against nothing, and a row of only such spend has no variance, so a business unit’s variances add up to the portfolio’s “Projected against actual” in dollars: the spend of its use cases with a projection, less their base projection to date. <code>metered_base_to_date</code> counts only the use cases with a bill in those months: one with none adds nothing to it, so it is not the row’s <code>base</code> to date, and <code>variance_to_date</code> compares like with like. A month not over yet (the current one, or a later one a bill is dated in) is not compared: its bills are in <code>actual_open_month</code>, in neither <code>actual</code> nor the variance, until the month closes, and the note says so. The detail’s <code>actual</code> and <code>actual_open_month</code> place the same spend on each use case’s rows and add up to the rollup’s, to the cent. Spend not attributed to a use case is in no business unit; with it, <code>actual</code> and <code>actual_open_month</code> add up to everything imported.
          </li>
          <li data-testid="export-not-costed">{notCostedExportSentence(notCosted)}</li>
          <li>Files are UTF-8 CSV (RFC 4180) with a byte-order mark so Excel reads accents. Text that a spreadsheet could take for a formula (starting with =, +, -, @ or a tab) starts with an apostrophe.</li>
        </ul>
      </section>
    </>
  );
}
