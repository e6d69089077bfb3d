import type { Metadata } from "next";
import { compareText } from "@/lib/domain/title-order";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { exactDollars, unitPriceOfCents } from "@/lib/domain/money";
import { budgetYearChoices, parseBudgetYear } from "@/lib/domain/value";
import { guardPage } from "@/lib/server/page-guard";
import { hasUseCases, listBusinessUnits } from "@/lib/server/use-cases/read";
import { FirstStepLinks } from "@/components/first-steps";
import { firstSteps, whoLogsUseCases } from "@/lib/server/first-steps";
import { valueRate } from "@/lib/server/value/read";
import { budgetsOf, budgetYears } from "@/lib/server/value/budgets-read";
import { BudgetForm, RateForm } from "./value-forms";

export const metadata: Metadata = { title: "Value and budgets" };

const MANAGE_ROLES = ["FINANCE", "ADMIN"];
const link = "text-brand-700 underline underline-offset-2 hover:text-brand-900";

/**
 * Issue 20: the hourly rate that prices hours saved, and each business unit's yearly budget.
 * Every member reads them; finance and admins change them (the actions check again).
 */
export default async function ValuePage(props: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await props.params;
  const ctx = await guardPage(org, undefined, `/o/${org}/value`);
  const sp = await props.searchParams;
  const years = await budgetYears(ctx.organization.id);
  const year = parseBudgetYear(sp.year, new Date(), years);
  const [rate, units, budgets] = await Promise.all([valueRate(ctx.organization.id), listBusinessUnits(ctx.organization.id), budgetsOf(ctx.organization.id, year)]);
  const canManage = MANAGE_ROLES.includes(ctx.role);
  const allUnits = [...new Set([...units, ...budgets.keys()])].sort(compareText);
  // A new organization has no business unit because it has no use case: say so, with the first steps.
  const isNew = allUnits.length === 0 && !(await hasUseCases(ctx.organization.id));
  const steps = isNew ? firstSteps(ctx.role, ctx.organization.slug) : [];
  const base = `/o/${ctx.organization.slug}`;
  const choices = budgetYearChoices([year - 1, year, year + 1], years, year);
  return (
    <div className="space-y-8">
      <PageHeader title="Value and budgets" description="What an hour saved is worth, and what each business unit may spend a year. The portfolio sets projected spend against these budgets." />

      <section aria-labelledby="rate-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
        <h2 id="rate-heading" className="text-lg font-semibold text-zinc-900">Hourly value rate</h2>
        <p className="mt-2 text-sm" data-testid="rate">
          An hour saved is worth <span className="font-semibold">{unitPriceOfCents(rate.rateCents)}</span>
          {rate.isDefault
            ? " an hour: the built-in default, a round placeholder rather than a figure from any source. Finance should set the organization's own loaded rate."
            : " an hour, set by the organization."}{" "}
          Use cases that give their benefit as hours saved are priced at it; those that give revenue are not.
        </p>
        {canManage ? <RateForm orgSlug={ctx.organization.slug} currentCents={rate.rateCents} isDefault={rate.isDefault} /> : <p className="mt-2 text-sm text-zinc-600">Finance and admins set it.</p>}
      </section>

      <section aria-labelledby="budgets-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200">
        <h2 id="budgets-heading" className="text-lg font-semibold text-zinc-900">Budgets in {year}</h2>
        <nav aria-label="Budget year" className="mt-2 flex flex-wrap gap-2 text-sm">
          {choices.map((y) => (
            <Link key={y} href={`${base}/value?year=${y}`} aria-current={y === year ? "page" : undefined} className={y === year ? "rounded bg-brand-700 px-2 py-0.5 font-semibold text-white" : `${link} px-2 py-0.5`}>
              {y}
            </Link>
          ))}
        </nav>
        <p className="mt-2 text-sm text-zinc-600">
          A budget is per business unit and calendar year. <Link className={link} href={`${base}/portfolio?budgetYear=${year}#budgets`}>See {year}'s spend against them on the portfolio</Link>.
        </p>
        {isNew ? (
          <div className="mt-4 text-sm text-zinc-700" data-testid="budgets-first-steps">
            <p>
              No business units yet: they come from the use cases&apos; business unit, and {ctx.organization.name} has no use cases yet.
              {steps.some((s) => s.key === "log") ? null : ` Use cases are logged by ${whoLogsUseCases()}.`}
            </p>
            <FirstStepLinks steps={steps} />
          </div>
        ) : allUnits.length === 0 ? (
          <p className="mt-4 text-sm text-zinc-700">No business units yet: they come from the use cases' business unit.</p>
        ) : (
          <div className="scroll-cue relative mt-4 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="budgets">
              <caption className="sr-only">Budgets per business unit in {year}</caption>
              <thead>
                <tr className="text-left text-zinc-600">
                  <th className="p-2" scope="col">Business unit</th>
                  <th className="p-2 text-right" scope="col">Budget</th>
                  {canManage ? <th className="p-2" scope="col">Change</th> : null}
                </tr>
              </thead>
              <tbody>
                {allUnits.map((bu) => {
                  const cents = budgets.get(bu) ?? null;
                  return (
                    <tr key={bu} className="border-t border-zinc-100 align-top" data-testid="budget-unit">
                      <th scope="row" className="p-2 text-left font-medium">{bu}</th>
                      <td className="p-2 text-right tabular-nums">{cents === null ? "no budget" : exactDollars(cents)}</td>
                      {canManage ? (
                        <td className="p-2">
                          <BudgetForm key={`${bu}-${year}-${cents}`} orgSlug={ctx.organization.slug} businessUnit={bu} year={year} currentCents={cents} />
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {!canManage ? <p className="mt-2 text-sm text-zinc-600">Finance and admins set budgets.</p> : null}
      </section>
    </div>
  );
}
