import Link from "next/link";
import { EVIDENCE_LABELS, EVIDENCE_LEVELS, FLAG_LABELS } from "@/lib/domain/frameworks";
import { APPROACH_FILTER_VALUES, approachFilterLabel, COST_COVERAGE, COST_COVERAGE_LABELS, FILTER_PARAMS, NOT_RECORDED, RISK_FLAGS, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { GOVERNANCE_OPTIONS } from "@/lib/domain/governance";
import { STATUS_LABELS, STATUSES } from "@/lib/domain/use-case";

const approachOptions = (field: "recommended" | "chosen"): [string, string][] => APPROACH_FILTER_VALUES.map((a) => [a, approachFilterLabel(a, field)]);

/**
 * The portfolio's filter as a plain GET form: every choice lands in the URL (the same
 * parameters the use-case list reads), so a view can be shared and works without JavaScript.
 * A field holding several values (from a shared link) shows as a multiple choice.
 */
export function FilterForm({ action, filter, businessUnits, owners }: { action: string; filter: PortfolioFilter; businessUnits: string[]; owners: { id: string; name: string }[] }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 p-4" aria-label="Filter the portfolio">
      <Select name={FILTER_PARAMS.businessUnit} label="Business unit" values={filter.businessUnit} options={businessUnits.map((u) => [u, u])} />
      <Select name={FILTER_PARAMS.status} label="Status" values={filter.status} options={STATUSES.map((s) => [s, STATUS_LABELS[s]])} />
      <Select name={FILTER_PARAMS.ownerId} label="Owner" values={filter.ownerId} options={owners.map((m) => [m.id, m.name])} />
      <Select name={FILTER_PARAMS.recommended} label="Recommended" values={filter.recommended} options={approachOptions("recommended")} />
      <Select name={FILTER_PARAMS.chosen} label="Chosen" values={filter.chosen} options={approachOptions("chosen")} />
      <Select name={FILTER_PARAMS.evidence} label="Evidence" values={filter.evidence} options={EVIDENCE_LEVELS.map((e) => [e, EVIDENCE_LABELS[e]])} />
      <Select name={FILTER_PARAMS.costs} label="Cost, as chosen" values={filter.costs} options={COST_COVERAGE.map((c) => [c, COST_COVERAGE_LABELS[c]])} />
      <Select name={FILTER_PARAMS.disagreement} label="Frameworks split" values={filter.disagreement} options={[["yes", "Yes"], ["no", "No"]]} />
      <Select name={FILTER_PARAMS.awaitingDecision} label="Awaiting a decision" values={filter.awaitingDecision} options={[["yes", "Yes"], ["no", "No"]]} />
      <Select name={FILTER_PARAMS.flag} label="Risk flag" values={filter.flag} options={RISK_FLAGS.map((f) => [f, FLAG_LABELS[f]])} />
      <Select name={FILTER_PARAMS.highImpact} label="High-impact" values={filter.highImpact} options={[...GOVERNANCE_OPTIONS.highImpact.map((o): [string, string] => [o.value, o.label]), [NOT_RECORDED, "Not recorded"]]} />
      <Select name={FILTER_PARAMS.personalData} label="Personal data" values={filter.personalData} options={[["yes", "Yes"], ["no", "No"], [NOT_RECORDED, "Not recorded"]]} />
      <Select name={FILTER_PARAMS.euRiskTier} label="EU AI Act tier" values={filter.euRiskTier} options={[...GOVERNANCE_OPTIONS.euRiskTier.map((o): [string, string] => [o.value, o.label]), [NOT_RECORDED, "Not recorded"]]} />
      <div className="flex items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
          Apply
        </button>
        <Link href={action} className="text-sm font-medium text-brand-700 underline underline-offset-2">
          Clear
        </Link>
      </div>
    </form>
  );
}

function Select({ name, label, values, options }: { name: string; label: string; values: string[]; options: [string, string][] }) {
  const multiple = values.length > 1;
  // Keep a value from the URL that is no longer offered (a business unit since emptied, say).
  const all = [...options, ...values.filter((v) => !options.some(([o]) => o === v)).map((v): [string, string] => [v, v])];
  // dash-field and dash-select: app/globals.css (thirteen of each on the page).
  return (
    <label className="dash-field">
      <span>{label}</span>
      <select
        name={name}
        multiple={multiple}
        defaultValue={multiple ? values : (values[0] ?? "")}
        className="dash-select"
      >
        {multiple ? null : <option value="">All</option>}
        {all.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
