import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { MONTH_NAMES, openMonthsText, RULE_FIELD_LABELS, STARTED_DEFINITION, UNATTRIBUTED_LABELS, unbilledText, type RuleField } from "@/lib/domain/actuals";
import { dollars, exactDollars } from "@/lib/domain/money";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { ACTUAL_IMPORT_ROLES } from "@/lib/server/actuals/import";
import { loadPortfolioActuals } from "@/lib/server/actuals/portfolio";
import { listActualImports, listActualRules, unattributedSources, useCaseChoices } from "@/lib/server/actuals/sources-read";
import { guardPage } from "@/lib/server/page-guard";
import { FirstStepLinks } from "@/components/first-steps";
import { firstSteps, whoLogsUseCases } from "@/lib/server/first-steps";
import { hasUseCases } from "@/lib/server/use-cases/read";
import { DeleteRuleButton, UndoActualsImportButton } from "./_components/buttons";
import { ImportActualsForm } from "./_components/import-form";
import { RuleForm } from "./_components/rule-form";
import { callsMakeupText, proposalText, UnitCostTable } from "./_components/unit-cost-table";
import { NewVersionButton, NewVersionMessages } from "./_components/unit-costs";
import { loadUnitCosts } from "@/lib/server/actuals/unit-costs";

export const metadata: Metadata = { title: "Actual spend" };

/** The started use cases with no bills listed here, the largest projections first; the rest are counted. */
const UNBILLED_SHOWN = 100;

const box = "rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200";
const th = "border-b border-zinc-200 px-2 py-2 text-left font-medium text-zinc-600";
const thNum = "border-b border-zinc-200 px-2 py-2 text-right font-medium text-zinc-600";
const td = "border-b border-zinc-100 px-2 py-2 align-top";
const tdNum = "border-b border-zinc-100 px-2 py-2 text-right tabular-nums align-top";
const monthLabel = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]!.slice(0, 3)} ${m.slice(0, 4)}`;

/**
 * Actual spend (issue 21): what was imported (and undoing it), the spend no use case carries yet
 * and where it comes from, and finance's attribution rules. Every member may read it; finance and
 * admins import, undo and set rules.
 */
export default async function ActualsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/actuals`);
  const manage = ACTUAL_IMPORT_ROLES.includes(ctx.role);
  const [imports, rules, portfolio, useCases, unit] = await Promise.all([
    listActualImports(ctx.organization.id),
    listActualRules(ctx.organization.id),
    loadPortfolioActuals(ctx.organization.id, EMPTY_FILTER, 10, UNBILLED_SHOWN),
    manage ? useCaseChoices(ctx.organization.id) : Promise.resolve([]),
    loadUnitCosts(ctx.organization.id),
  ]);
  // The months the total above is of, so that the sources add up to it.
  const { sources, others } = portfolio.period ? await unattributedSources(ctx.organization.id, portfolio.period.year, 20, portfolio.period.throughMonth) : { sources: [], others: { count: 0, cents: 0 } };
  const open = openMonthsText(portfolio.open);
  // Nothing imported, in a new organization: spend is set against use cases, and there are none yet.
  const isNew = !portfolio.period && !open && !(await hasUseCases(ctx.organization.id));
  const steps = isNew ? firstSteps(ctx.role, ctx.organization.slug) : [];
  const compared = portfolio.period ? `${portfolio.period.throughMonth === 1 ? "January" : `January to ${MONTH_NAMES[portfolio.period.throughMonth - 1]}`} ${portfolio.period.year}` : "";
  const base = `/o/${ctx.organization.slug}`;
  const unattributed = portfolio.unattributed.reduce((n, u) => n + u.cents, 0);
  // Either the calls already cost what the version assumes, or (for finance and admins) a new version to start from them.
  const aligned = proposalText(unit.proposal);
  const proposal = aligned ? (
    <p className="mt-2 text-sm text-zinc-600" data-testid="unit-costs-aligned">
      {aligned}
    </p>
  ) : manage && unit.proposal ? (
    <div className="mt-3">
      <NewVersionButton orgSlug={ctx.organization.slug} expectedVersion={unit.version} ratio={unit.proposal.ratio} />
    </div>
  ) : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Actual spend"
        description="What the AI use cases really cost, from billing exports (FOCUS) and LiteLLM spend logs, set against their projections on each use case and on the portfolio."
        actions={
          <Link href={`${base}/portfolio#actuals`} className="text-sm font-medium text-brand-700 underline">
            Projected against actual
          </Link>
        }
      />

      {manage && (
        <section aria-labelledby="import-heading" className={box}>
          <h2 id="import-heading" className="text-lg font-semibold text-zinc-900">
            Import a file
          </h2>
          <div className="mt-4">
            <ImportActualsForm orgSlug={ctx.organization.slug} />
          </div>
        </section>
      )}

      <section aria-labelledby="unattributed-heading" className={box} data-testid="unattributed">
        <h2 id="unattributed-heading" className="text-lg font-semibold text-zinc-900">
          Unattributed spend{portfolio.period ? ` in ${portfolio.period.year}` : ""}
        </h2>
        {open ? (
          <p className="mt-2 text-sm text-zinc-700" data-testid="actuals-open">
            {open}
          </p>
        ) : null}
        {!portfolio.period ? (
          open ? null : isNew ? (
            <div className="mt-2 text-sm text-zinc-600" data-testid="actuals-first-steps">
              <p>
                No actual spend has been imported yet. It is set against use cases, and {ctx.organization.name} has no use cases yet.
                {steps.some((s) => s.key === "log") ? null : ` Use cases are logged by ${whoLogsUseCases()}.`}
              </p>
              <FirstStepLinks steps={steps} />
            </div>
          ) : (
            <p className="mt-2 text-sm text-zinc-600">No actual spend has been imported yet.</p>
          )
        ) : (
          <>
            <p className="mt-2 text-sm text-zinc-700" data-testid="unattributed-total">
              {unattributed === 0
                ? `Every cent imported this year is attributed to a use case (${compared}, the months compared).`
                : `${exactDollars(unattributed)} this year belongs to no use case yet (${compared}, the months compared); it is counted here and in no use case's figures.`}
            </p>
            {portfolio.unattributed.length > 0 && (
              <ul className="mt-2 list-disc pl-5 text-sm">
                {portfolio.unattributed.map((u) => (
                  <li key={u.reason}>
                    {UNATTRIBUTED_LABELS[u.reason]}: {exactDollars(u.cents)}
                  </li>
                ))}
              </ul>
            )}
            {sources.length > 0 && (
              <div className="mt-4 overflow-x-auto">
                <table className="min-w-full text-sm" data-testid="unattributed-sources">
                  <caption className="mb-2 text-left text-sm font-medium text-zinc-900">Where it comes from in {portfolio.period.year}: spend with no tag naming a use case and no rule for it, or the part a rule&apos;s shares leave over</caption>
                  <thead>
                    <tr>
                      <th className={th}>Resource</th>
                      <th className={th}>SKU or model</th>
                      <th className={th}>Account</th>
                      <th className={th}>Tag</th>
                      <th className={thNum}>Spend</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sources.map((s, i) => (
                      <tr key={i}>
                        <td className={`${td} [overflow-wrap:anywhere]`}>{s.resource || "—"}</td>
                        <td className={`${td} [overflow-wrap:anywhere]`}>{s.sku || "—"}</td>
                        <td className={`${td} [overflow-wrap:anywhere]`}>{s.account || "—"}</td>
                        <td className={`${td} [overflow-wrap:anywhere]`}>{s.tag ? `${s.tag} (${s.tagAmbiguous.length ? `matches ${s.tagAmbiguous.join(" and ")} but for letter case: two use cases, so neither is given it; tag the bill with the id exactly` : s.tagInTrash ? "its use case is in the trash: restore it to give it this spend" : "no such use case"})` : "none"}</td>
                        <td className={tdNum}>{exactDollars(s.cents)}</td>
                      </tr>
                    ))}
                    {others.count > 0 && (
                      <tr>
                        <td className={td} colSpan={4}>{others.count.toLocaleString("en-US")} other {others.count === 1 ? "source" : "sources"}</td>
                        <td className={tdNum}>{exactDollars(others.cents)}</td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>

      {portfolio.period && portfolio.unbilled.count > 0 ? (
        <section id="unbilled" aria-labelledby="unbilled-heading" className={`${box} scroll-mt-4`} data-testid="unbilled">
          <h2 id="unbilled-heading" className="text-lg font-semibold text-zinc-900">
            Started, with no bills in {portfolio.period.year}
          </h2>
          <p className="mt-1 text-sm text-zinc-700" data-testid="unbilled-total">
            {unbilledText(portfolio.unbilled, true)} The portfolio&apos;s projected against actual compares only the use cases with bills, so their projection is not in it. Their spend may be among the unattributed above: a tag with the use case&apos;s id, or a rule, gives it to them. {STARTED_DEFINITION}
          </p>
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="unbilled-list">
              <caption className="sr-only">Started use cases with no bills this year, largest projection first</caption>
              <thead>
                <tr>
                  <th className={th}>Use case</th>
                  <th className={th}>Business unit</th>
                  <th className={thNum}>Base projection so far (metered)</th>
                </tr>
              </thead>
              <tbody>
                {portfolio.unbilled.useCases.map((u) => (
                  <tr key={u.id}>
                    <td className={td}>
                      <Link className="text-brand-700 underline" href={`${base}/use-cases/${u.id}`}>
                        {u.title}
                      </Link>
                    </td>
                    <td className={td}>{u.businessUnit || "—"}</td>
                    <td className={tdNum}>{dollars(u.base)}</td>
                  </tr>
                ))}
                {portfolio.unbilled.count > portfolio.unbilled.useCases.length && (
                  <tr>
                    <td className={td} colSpan={2}>{(portfolio.unbilled.count - portfolio.unbilled.useCases.length).toLocaleString("en-US")} others</td>
                    <td className={tdNum}>{dollars(portfolio.unbilled.base - portfolio.unbilled.useCases.reduce((n, u) => n + u.base, 0))}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="rules-heading" className={box}>
        <h2 id="rules-heading" className="text-lg font-semibold text-zinc-900">
          Attribution rules
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          Rows tagged with a use case&apos;s external id go to it (exactly, else letter case and surrounding spaces aside when only one id matches so). Other rows go by these rules: a resource first, then a SKU, then an account; a shared resource is split by the shares, and what the shares leave stays unattributed.
        </p>
        {rules.length === 0 ? (
          <p className="mt-3 text-sm text-zinc-600">No rules yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="rules">
              <caption className="sr-only">Attribution rules</caption>
              <thead>
                <tr>
                  <th className={th}>Match on</th>
                  <th className={th}>Value</th>
                  <th className={th}>Use case</th>
                  <th className={thNum}>Share</th>
                  {manage && <th className={th}><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td className={td}>{RULE_FIELD_LABELS[r.field as RuleField]}</td>
                    <td className={`${td} [overflow-wrap:anywhere]`}>{r.value}</td>
                    <td className={td}>
                      <Link className="text-brand-700 underline" href={`${base}/use-cases/${r.useCase.id}`}>
                        {r.useCase.title}
                      </Link>
                      {r.useCase.deleted ? " (in the trash: its share is unattributed)" : ""}
                    </td>
                    <td className={tdNum}>{r.shareBp / 100}%</td>
                    {manage && (
                      <td className={td}>
                        <DeleteRuleButton orgSlug={ctx.organization.slug} id={r.id} what={r.value} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manage && (
          <div className="mt-4">
            <RuleForm orgSlug={ctx.organization.slug} useCases={useCases} />
          </div>
        )}
      </section>

      <section aria-labelledby="unit-heading" className={box} data-testid="unit-costs">
        <h2 id="unit-heading" className="text-lg font-semibold text-zinc-900">
          Unit costs: actual against the assumptions
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          From the inference spend of the imports that count{unit.months ? `, ${monthLabel(unit.months.from)}${unit.months.to === unit.months.from ? "" : ` to ${monthLabel(unit.months.to)}`} (every month imported, whatever its year)` : ""}, over its calls (rows counted in requests or calls) and its tokens, against assumption version {unit.version} (its tokens per call and model prices, and for each approach what its projections add to a call).
        </p>
        <div className="mt-3 overflow-x-auto">
          <UnitCostTable observed={unit.observed} assumed={unit.assumed} calls={unit.calls} />
        </div>
        {callsMakeupText(unit) ? (
          <p className="mt-2 text-sm text-zinc-600" data-testid="unit-costs-makeup">
            {callsMakeupText(unit)}
          </p>
        ) : null}
        {manage ? <NewVersionMessages>{proposal}</NewVersionMessages> : proposal}
      </section>

      <section aria-labelledby="imports-heading" className={box}>
        <h2 id="imports-heading" className="text-lg font-semibold text-zinc-900">
          Imports
        </h2>
        {imports.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600">None yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="imports">
              <caption className="sr-only">Imports of actual spend, newest first</caption>
              <thead>
                <tr>
                  <th className={th}>File</th>
                  <th className={th}>Feed</th>
                  <th className={th}>Months</th>
                  <th className={thNum}>Rows</th>
                  <th className={thNum}>Total</th>
                  <th className={th}>Status</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}>
                    {/* Room for a file name and who uploaded it: they wrap at their spaces and hyphens,
                        and mid-word only where a word is longer than the whole cell. */}
                    <td className={`${td} min-w-52 [overflow-wrap:anywhere]`}>
                      {i.fileName}
                      <span className="block text-xs text-zinc-500">
                        {new Date(i.at).toISOString().slice(0, 16).replace("T", " ")} UTC{i.by ? ` · ${i.by}` : ""}
                      </span>
                    </td>
                    <td className={td}>{i.feed}</td>
                    <td className={td}>
                      {i.months.map((m) => (
                        <span key={m.month} className={`mr-2 inline-block ${m.replacedBy ? "text-zinc-500 line-through" : ""}`} title={m.replacedBy ? "Replaced by a later file of this feed" : undefined}>
                          {monthLabel(m.month)} {exactDollars(m.cents)}
                          {m.replacedBy ? <span className="sr-only"> (replaced by a later file)</span> : null}
                        </span>
                      ))}
                    </td>
                    <td className={tdNum}>
                      {i.rows.toLocaleString("en-US")}
                      {i.refusedRows ? <span className="block text-xs text-zinc-500">{i.refusedRows.toLocaleString("en-US")} left out</span> : null}
                    </td>
                    <td className={tdNum}>{exactDollars(i.totalCents)}</td>
                    <td className={td}>
                      {i.undoneAt ? "Undone" : manage ? <UndoActualsImportButton orgSlug={ctx.organization.slug} importId={i.id} fileName={i.fileName} /> : "Counted"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
