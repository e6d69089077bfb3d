import Link from "next/link";
import { exactDollarRange, exactDollars } from "@/lib/domain/money";
import { approvedText, budgetStatusText, leftOutSentence, leftOutText, unfiguredApprovalsSentence, type BudgetRow } from "@/lib/domain/value";
import { link, Panel, ScrollTable, td, tdNum, th, thNum } from "./panel";

const unitName = (bu: string) => bu || "No business unit";

const STATUS_STYLE: Record<BudgetRow["status"], string> = {
  over: "bg-red-50 text-red-800 ring-red-200",
  "at-risk": "bg-amber-50 text-amber-900 ring-amber-200",
  within: "bg-green-50 text-green-800 ring-green-200",
  "no-budget": "bg-zinc-50 text-zinc-700 ring-zinc-200",
  "not-costed": "bg-zinc-50 text-zinc-700 ring-zinc-200",
};

/**
 * Budgets (issue 20, item 4): each business unit's projected spend as chosen in one calendar
 * year against its budget, over-budget units marked in words (not only in colour). Approved
 * spend comes from the approvals of the decision queue; until they exist the column says so.
 */
export function BudgetPanel({ year, years, rows, approvalsKnown, yearHref, manageHref, canManage, partial = false, yearReason = null }: {
  /** Why the panel shows this year and not the current one, when nobody chose it (budgetYearReason). */
  yearReason?: string | null;
  /**
   * The view narrows the use cases beyond business units (a status, an approach…): each unit's
   * projection is then only part of what the unit will spend. A part over the budget puts the
   * unit over it; a part within it says nothing of the whole, so no "within budget" is said.
   */
  partial?: boolean;
  year: number;
  years: number[];
  rows: BudgetRow[];
  approvalsKnown: boolean;
  yearHref: (year: number) => string;
  manageHref: string;
  canManage: boolean;
}) {
  const over = rows.filter((r) => r.status === "over");
  const unjudged = (r: BudgetRow) => partial && (r.status === "within" || r.status === "at-risk");
  return (
    <Panel
      title={`Budgets in ${year}`}
      testId="budget-panel"
      id="budgets"
      description={
        <>
          Projected spend as chosen (each use case's decision, else its recommendation) in {year}, per business unit, against its budget for the year (a use case's first year of costs counts in the calendar year it starts).{" "}
          <Link className={link} href={manageHref}>{canManage ? "Set budgets and the hourly value rate" : "See budgets and the hourly value rate"}</Link>
        </>
      }
    >
      <nav aria-label="Budget year" className="mb-3 flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link key={y} href={yearHref(y)} aria-current={y === year ? "page" : undefined} className={y === year ? "rounded bg-brand-700 px-2 py-0.5 font-semibold text-white" : `${link} px-2 py-0.5`}>
            {y}
          </Link>
        ))}
      </nav>
      {yearReason ? (
        <p className="mb-3 text-sm text-zinc-800" data-testid="budget-year-reason">
          {yearReason}
        </p>
      ) : null}
      <p className="mb-3 text-sm" data-testid="budget-summary">
        {over.length === 0
          ? rows.some((r) => r.budgetCents !== null)
            ? partial
              ? "No unit's use cases in this view exceed its budget; this view holds only some of each unit's use cases, so whether a whole unit is within its budget shows without the filters other than business unit."
              : "No business unit is over budget."
            : `No budget is set for ${year}.`
          : `Over budget: ${over.map((r) => unitName(r.businessUnit)).join(", ")}${partial ? " (by the use cases in this view alone)" : ""}.`}
        {approvalsKnown ? "" : ` Approved spend: no approvals yet${partial ? " among the use cases in view" : ""} (finance approves the yearly budget of a decision proposed and approved through its steps, on Needs a decision; a decision recorded directly has no budget step).`}
        {unfiguredApprovalsSentence(rows) ? ` ${unfiguredApprovalsSentence(rows)}` : ""}
        {leftOutSentence(rows) ? ` ${leftOutSentence(rows)}` : ""}
      </p>
      {rows.length > 0 ? (
        <ScrollTable caption={`Budgets and projected spend in ${year}`} testId="budget-table">
          <thead>
            <tr>
              <th className={th} scope="col">Business unit</th>
              <th className={thNum} scope="col">Budget</th>
              <th className={thNum} scope="col">Projected (base)</th>
              <th className={thNum} scope="col">Projected (low – high)</th>
              <th className={thNum} scope="col">Approved</th>
              <th className={th} scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.businessUnit} data-testid="budget-row" data-status={unjudged(r) ? "partial" : r.status}>
                <th scope="row" className={`${td} text-left font-normal`}>{unitName(r.businessUnit)}</th>
                {/* The budget as finance typed it, to the cent (lib/domain/money.ts), and what it is set
                    against in the same precision: a row reads "$600,000.00" against "$600,000.30",
                    over by "$0.30", never "$600,000" over by "$0". */}
                <td className={tdNum}>{r.budgetCents === null ? "—" : exactDollars(r.budgetCents)}</td>
                <td className={tdNum}>{r.projected ? exactDollars(r.projected.base) : "—"}</td>
                <td className={tdNum}>
                  {r.projected ? exactDollarRange(r.projected) : "—"}
                  {leftOutText(r) ? <span className="block text-xs text-zinc-600" data-testid="budget-left-out">{leftOutText(r)}</span> : null}
                </td>
                <td className={tdNum} data-testid="budget-approved">{approvedText(r, exactDollars)}</td>
                <td className={td}>
                  <span className={`dash-badge ${STATUS_STYLE[unjudged(r) ? "no-budget" : r.status]}`} data-testid="budget-status">
                    {unjudged(r) ? "Not judged: part of the unit in view" : budgetStatusText(r, exactDollars)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </Panel>
  );
}
