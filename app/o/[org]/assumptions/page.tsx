import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { SourceLink, WithSourceLinks } from "@/components/source-link";
import { buttonClass } from "@/components/button";
import { ASSUMPTION_CATALOG, ASSUMPTION_KEYS, CATALOGUE_PACKAGE, DEFAULT_ASSUMPTIONS, CATALOGUE_VERSION, catalogueModels, FT_DEPLOYMENT_LABELS, ignoredHandPriceSentence, modelPrice, type AssumptionKey, type AssumptionSpec, type FineTuneMethod, type Range } from "@/lib/domain/costing";
import { dollars, unitPrice } from "@/lib/domain/money";
import { ASSUMPTION_ROLES } from "@/lib/server/assumption-roles";
import { currentAssumptions } from "@/lib/server/assumptions";
import { compareAssumptionVersions, countUseCasesToReproject, listAssumptionVersions, type CataloguePriceOf } from "@/lib/server/assumption-versions";
import { db } from "@/lib/server/db";
import { guardPage } from "@/lib/server/page-guard";
import { AssumptionsForm, type FigureGroup } from "./assumptions-form";
import { formatDateTime } from "@/components/dates";

export const metadata: Metadata = { title: "Assumptions" };

const GROUPS: readonly AssumptionSpec["group"][] = ["People", "Fine-tuning", "Retrieval", "Inference", "Evaluation", "Time"];
const MISSING = "Missing — projections that need it say so";

const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600";
const td = "px-4 py-3 align-top text-sm text-zinc-700";
const rowHeader = "px-4 py-3 text-left align-top text-sm font-medium text-zinc-900";

const num = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 6 });
/** A figure in its unit: money ones ("USD/hour", "USD per million tokens") are prices, to the cent (lib/domain/money.ts). */
const isMoney = (spec: AssumptionSpec) => spec.unit.startsWith("USD");
const figure = (spec: AssumptionSpec, v: number) => (isMoney(spec) ? unitPrice(v) : num(v));

/**
 * Where the organization's figure is not the default its source gives, the Source cell says so,
 * with the default: a review read "$160 / $220 / $280" beside 000's "$150 to $250 per hour" and
 * nothing to say the figure had been changed from it. Null where it is the default, or there is none.
 */
function changedFromDefault(key: AssumptionKey, r: Range): { low: number; base: number; high: number } | null {
  const d = DEFAULT_ASSUMPTIONS.values[key];
  if (!d || d.low === null || d.base === null || d.high === null) return null;
  if (r.low === null || r.base === null || r.high === null) return null;
  return d.low === r.low && d.base === r.base && d.high === r.high ? null : { low: d.low, base: d.base, high: d.high };
}
/** The Source cell's first line where the organization changed a figure from its default (changedFromDefault). */
function ChangedFromDefault({ spec, defaults }: { spec: AssumptionSpec; defaults: { low: number; base: number; high: number } | null }) {
  if (!defaults) return null;
  return (
    <span className="mb-1 block font-medium text-zinc-800" data-testid="changed-from-default">
      The organization&apos;s own figure; the default is {figure(spec, defaults.low)} / {figure(spec, defaults.base)} / {figure(spec, defaults.high)}, from:
    </span>
  );
}

/** A bound of the allowed range: whole dollars for money (a limit, not a price). */
const bound = (spec: AssumptionSpec, v: number) => (isMoney(spec) ? dollars(v * 100) : num(v));
const isMissing = (r: Range) => r.low === null || r.base === null || r.high === null;
const rangeText = (spec: AssumptionSpec, r: Range) => (isMissing(r) ? "missing" : `${figure(spec, r.low!)} / ${figure(spec, r.base!)} / ${figure(spec, r.high!)}`);
/**
 * A figure as one version of a comparison had it: an empty model price was not missing when the
 * catalogue priced that version's model, so it says the catalogue's price and the model.
 */
function compareText(key: AssumptionKey, r: Range, catalogue: CataloguePriceOf | null): string {
  const spec = ASSUMPTION_CATALOG[key] as AssumptionSpec;
  if (isMissing(r) && catalogue && (key === "modelInputPricePerMTokens" || key === "modelOutputPricePerMTokens")) {
    return `From the catalogue: ${unitPrice(catalogue[key])} for ${catalogue.model}`;
  }
  return rangeText(spec, r);
}
const methodText = (m: FineTuneMethod) => (m === "LORA" ? "LoRA (parameter-efficient)" : "Full fine-tune");
const day = (d: Date) => d.toISOString().slice(0, 10);

function keysOf(group: AssumptionSpec["group"]): AssumptionKey[] {
  return ASSUMPTION_KEYS.filter((k) => (ASSUMPTION_CATALOG[k] as AssumptionSpec).group === group);
}

function Source({ spec, orgSlug }: { spec: AssumptionSpec; orgSlug: string }) {
  const s = spec.source;
  if (s.kind === "seed") {
    return (
      <>
        <SourceLink orgSlug={orgSlug} file={s.file} />: <q>{s.quote}</q>
        {s.note ? <> <WithSourceLinks orgSlug={orgSlug} text={s.note} /></> : null}
      </>
    );
  }
  if (s.kind === "public") return <>Not from the sources — {s.name}, read {s.readOn}</>;
  if (s.kind === "estimate") {
    return (
      <>
        An estimate, not a figure from the sources. <SourceLink orgSlug={orgSlug} file={s.file} /> calls for it: <q>{s.quote}</q>
        {/* A quote that ends its own sentence takes no second full stop. */}
        {/[.!?]$/.test(s.quote) ? " " : ". "}
        {s.note ? <WithSourceLinks orgSlug={orgSlug} text={s.note} /> : null}
      </>
    );
  }
  // A figure no seed gives: its note says what it is (a product estimate, or where it comes from when empty).
  return s.note ? <WithSourceLinks orgSlug={orgSlug} text={s.note} /> : null;
}

/** "?compare=2,3" (or "?compare=2&compare=3" from the form below): two version numbers, or null. */
function parseCompare(raw: string | string[] | undefined): [number, number] | null {
  const parts = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((x) => x.trim());
  if (parts.length !== 2 || !parts.every((p) => /^\d{1,6}$/.test(p))) return null;
  return [Number(parts[0]), Number(parts[1])];
}

/**
 * The organization's cost assumptions: every figure with its source, grouped; finance and admins
 * edit them in versions (each re-projects every use case); the history and a comparison of two versions.
 */
/**
 * The default model's prices as the projections take them: the hand prices where both are set
 * (they replace the list's, withModelPrices), else the list's. After finance priced the model by
 * hand, the line still gave the list's prices while every use case said "priced by hand".
 */
function defaultModelPriceText(values: Record<AssumptionKey, Range>, listed: { inputPerM: number; outputPerM: number } | null): string {
  const input = values.modelInputPricePerMTokens.base;
  const output = values.modelOutputPricePerMTokens.base;
  if (input !== null && output !== null) {
    const replaced = listed ? `, in place of the price list's ${unitPrice(listed.inputPerM)} and ${unitPrice(listed.outputPerM)}` : "";
    return `, priced by hand: ${unitPrice(input)} input, ${unitPrice(output)} output per million tokens (base)${replaced}`;
  }
  return listed ? ` (${unitPrice(listed.inputPerM)} input, ${unitPrice(listed.outputPerM)} output per million tokens)` : " (not in the catalogue: price it by hand below)";
}

export default async function AssumptionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ compare?: string | string[] }>;
}) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/assumptions`);
  const orgId = ctx.organization.id;
  const canEdit = ASSUMPTION_ROLES.includes(ctx.role);
  const compare = parseCompare((await searchParams).compare);
  const [current, versions, useCaseCount, comparison] = await Promise.all([
    currentAssumptions(db, orgId),
    listAssumptionVersions(orgId),
    canEdit ? countUseCasesToReproject(orgId) : Promise.resolve(0),
    compare ? compareAssumptionVersions(orgId, compare[0], compare[1]) : Promise.resolve(null),
  ]);
  const latest = versions[0];
  const groups: FigureGroup[] = GROUPS.map((name) => ({
    name,
    rows: keysOf(name).map((k) => {
      const spec: AssumptionSpec = ASSUMPTION_CATALOG[k];
      return { key: k, label: spec.label, unit: spec.unit, min: spec.min, max: spec.max, referenceOnly: spec.referenceOnly ?? null, ...current.set.values[k] };
    }),
  }));
  const versionNumbers = [...versions.map((v) => v.version), 0];
  const defaultPrice = modelPrice(current.set.model, current.set.catalogue);
  /** An empty price figure is not missing while the catalogue prices the default model. */
  const fromCatalogue = (key: string): string | null =>
    !defaultPrice ? null : key === "modelInputPricePerMTokens" ? unitPrice(defaultPrice.inputPerM) : key === "modelOutputPricePerMTokens" ? unitPrice(defaultPrice.outputPerM) : null;
  const missingCount = ASSUMPTION_KEYS.filter((k) => isMissing(current.set.values[k]) && fromCatalogue(k) === null).length;

  return (
    <>
      <PageHeader
        title="Assumptions"
        description="The figures every cost projection uses, with their sources. A figure with no value is missing: projections that need it say so rather than count it as $0."
      />

      <section aria-labelledby="current-heading" className="mb-10 min-w-0">
        <h2 id="current-heading" className="text-lg font-semibold text-zinc-900">Current figures</h2>
        <p className="mt-2 text-sm text-zinc-700" data-testid="assumption-version">
          {latest ? (
            <>
              Version {latest.version}, by {latest.by}, <time dateTime={latest.createdAt.toISOString()}>{day(latest.createdAt)}</time>: {latest.note}
            </>
          ) : (
            "Built-in defaults (version 0)"
          )}
        </p>
        <p className="mt-1 text-sm text-zinc-700" data-testid="catalogue">
          Default model <strong>{current.set.model}</strong>
          {defaultModelPriceText(current.set.values, defaultPrice)}. Model prices:{" "}
          {current.set.catalogue
            ? `${current.set.catalogue.package} ${current.set.catalogue.version}'s list, copied into these assumptions on ${current.set.catalogue.pinnedOn}`
            : `the installed ${CATALOGUE_PACKAGE} ${CATALOGUE_VERSION}'s list, not pinned yet (the first saved version pins it)`}
          {current.set.catalogue && current.set.catalogue.version !== CATALOGUE_VERSION ? ` (installed: ${CATALOGUE_VERSION}; re-pin to adopt its prices)` : ""}.
          {" "}The package gives no date for its prices: check a price against the provider&apos;s own price list before relying on it, and set it by hand (input and output together) where it differs.
        </p>
        {ignoredHandPriceSentence(current.set.values) ? (
          <p className="mt-1 text-sm font-medium text-amber-800" data-testid="ignored-hand-price">
            {ignoredHandPriceSentence(current.set.values)}
          </p>
        ) : null}
        <p className="mt-1 text-sm text-zinc-700" data-testid="ft-deployment">
          Fine-tuned models are deployed as: <strong>{FT_DEPLOYMENT_LABELS[current.set.ftDeployment ?? "SMALL_MODEL"]}</strong>
        </p>
        <p className="mt-1 text-sm text-zinc-700" data-testid="fine-tune-method">
          Fine-tuning method: <strong>{methodText(current.set.fineTuneMethod)}</strong>
        </p>
        {missingCount ? (
          <p className="mt-1 text-sm font-medium text-amber-800">
            {missingCount} figure{missingCount === 1 ? " is" : "s are"} missing.
          </p>
        ) : null}

        {groups.map((g) => (
          <div key={g.name} className="mt-6">
            <h3 className="text-base font-semibold text-zinc-900">{g.name}</h3>
            <div className="relative mt-2 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
              <table className="min-w-full divide-y divide-zinc-200" data-testid={`assumptions-${g.name}`}>
                <caption className="sr-only">{g.name} figures</caption>
                <thead className="bg-zinc-50">
                  <tr>
                    <th scope="col" className={th}>Figure</th>
                    <th scope="col" className={th}>Low</th>
                    <th scope="col" className={th}>Base</th>
                    <th scope="col" className={th}>High</th>
                    <th scope="col" className={th}>Allowed</th>
                    <th scope="col" className={th}>Source</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200">
                  {g.rows.map((r) => {
                    const spec: AssumptionSpec = ASSUMPTION_CATALOG[r.key as AssumptionKey];
                    const missing = isMissing(r);
                    return (
                      <tr key={r.key} data-testid={`figure-${r.key}`}>
                        <th scope="row" className={rowHeader}>
                          {spec.label} <span className="font-normal text-zinc-500">({spec.unit})</span>
                          {spec.referenceOnly ? (
                            <>
                              <span className="ml-2 inline-block rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700">Reference only</span>
                              <span className="mt-1 block text-xs font-normal text-zinc-600" data-testid="reference-only">
                                No formula uses it. <WithSourceLinks orgSlug={ctx.organization.slug} text={spec.referenceOnly} />
                              </span>
                            </>
                          ) : null}
                        </th>
                        {missing && fromCatalogue(r.key) !== null ? (
                          <td colSpan={3} className={`${td} text-zinc-700`}>
                            From the catalogue: {fromCatalogue(r.key)} for {current.set.model}
                          </td>
                        ) : missing ? (
                          <td colSpan={3} className={`${td} font-semibold text-amber-800`}>
                            {MISSING}
                          </td>
                        ) : (
                          <>
                            <td className={`${td} tabular-nums`}>{figure(spec, r.low!)}</td>
                            <td className={`${td} tabular-nums font-medium text-zinc-900`}>{figure(spec, r.base!)}</td>
                            <td className={`${td} tabular-nums`}>{figure(spec, r.high!)}</td>
                          </>
                        )}
                        <td className={`${td} whitespace-nowrap text-xs`}>
                          {bound(spec, spec.min)} to {bound(spec, spec.max)}
                        </td>
                        <td className={`${td} text-xs`}>
                          <ChangedFromDefault spec={spec} defaults={changedFromDefault(r.key as AssumptionKey, r)} />
                          <Source spec={spec} orgSlug={ctx.organization.slug} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>

      {canEdit ? (
        <section aria-labelledby="edit-heading" className="mb-10 rounded-lg bg-white p-6 shadow-sm ring-1 ring-zinc-200">
          <h2 id="edit-heading" className="mb-4 text-lg font-semibold text-zinc-900">Change the figures</h2>
          <AssumptionsForm
            orgSlug={ctx.organization.slug}
            version={current.version}
            method={current.set.fineTuneMethod}
            groups={groups}
            model={current.set.model}
            deployment={current.set.ftDeployment ?? "SMALL_MODEL"}
            models={catalogueModels().map((m) => m.ref)}
            installedCatalogue={CATALOGUE_VERSION}
            useCaseCount={useCaseCount}
          />
        </section>
      ) : (
        <p className="mb-10 text-sm text-zinc-600">Finance and admins can change these figures.</p>
      )}

      <section aria-labelledby="versions-heading" className="min-w-0">
        <h2 id="versions-heading" className="text-lg font-semibold text-zinc-900">Version history</h2>
        <div className="relative mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          <table className="min-w-full divide-y divide-zinc-200" data-testid="versions">
            <caption className="sr-only">Versions of the assumptions, newest first</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={th}>Version</th>
                <th scope="col" className={th}>By</th>
                <th scope="col" className={th}>When</th>
                <th scope="col" className={`${th} min-w-48`}>Why</th>
                <th scope="col" className={th}><span className="sr-only">Compare</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className={rowHeader}>{v.version}</th>
                  <td className={td}>{v.by}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    <time dateTime={v.createdAt.toISOString()}>{formatDateTime(v.createdAt)}</time>
                  </td>
                  <td className={td}>{v.note}</td>
                  <td className={td}>
                    <Link className="text-brand-700 underline" href={`?compare=${v.version - 1},${v.version}`}>
                      Compare with {v.version - 1}
                    </Link>
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row" className={rowHeader}>0</th>
                <td className={td} colSpan={4}>Built-in defaults (where each figure comes from is shown above)</td>
              </tr>
            </tbody>
          </table>
        </div>

        {versions.length ? (
          <form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Compare two versions">
            <label className="text-sm font-medium text-zinc-900">
              From version
              <select name="compare" defaultValue={String(compare?.[0] ?? versionNumbers[1] ?? 0)} className="ml-2 rounded-md border-0 px-2 py-1.5 ring-1 ring-inset ring-zinc-300">
                {versionNumbers.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <label className="text-sm font-medium text-zinc-900">
              to version
              <select name="compare" defaultValue={String(compare?.[1] ?? versionNumbers[0])} className="ml-2 rounded-md border-0 px-2 py-1.5 ring-1 ring-inset ring-zinc-300">
                {versionNumbers.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>Compare</button>
          </form>
        ) : null}

        {compare ? (
          comparison ? (
            <div className="mt-6" data-testid="comparison">
              <h3 className="text-base font-semibold text-zinc-900">
                Version {comparison.from} → version {comparison.to}
              </h3>
              {comparison.changes.length === 0 && !comparison.methodChange ? (
                <p className="mt-2 text-sm text-zinc-600">The two versions have the same figures.</p>
              ) : (
                <div className="relative mt-2 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
                  <table className="min-w-full divide-y divide-zinc-200">
                    <caption className="sr-only">Figures that differ between version {comparison.from} and version {comparison.to}</caption>
                    <thead className="bg-zinc-50">
                      <tr>
                        <th scope="col" className={th}>Figure</th>
                        <th scope="col" className={th}>Version {comparison.from} (low / base / high)</th>
                        <th scope="col" className={th}>Version {comparison.to}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-zinc-200">
                      {comparison.methodChange ? (
                        <tr>
                          <th scope="row" className={rowHeader}>Fine-tuning method</th>
                          <td className={td}>{methodText(comparison.methodChange.from)}</td>
                          <td className={td}>→ {methodText(comparison.methodChange.to)}</td>
                        </tr>
                      ) : null}
                      {comparison.changes.map((c) => (
                        <tr key={c.key}>
                          <th scope="row" className={rowHeader}>
                            {ASSUMPTION_CATALOG[c.key].label} <span className="font-normal text-zinc-500">({ASSUMPTION_CATALOG[c.key].unit})</span>
                          </th>
                          <td className={`${td} tabular-nums`}>{compareText(c.key, c.from, comparison.catalogue.from)}</td>
                          <td className={`${td} tabular-nums`}>→ {compareText(c.key, c.to, comparison.catalogue.to)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ) : (
            <p role="alert" className="mt-6 text-sm font-medium text-red-700">
              There is no version {compare[0]} or {compare[1]} to compare. Pick two from the history above.
            </p>
          )
        ) : null}
      </section>
    </>
  );
}
