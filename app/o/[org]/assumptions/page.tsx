import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ASSUMPTION_CATALOG, ASSUMPTION_KEYS, changedAssumptions, type AssumptionSpec } from "@/lib/domain/costing";
import { currentAssumptions } from "@/lib/server/assumptions";
import { listAssumptionVersions } from "@/lib/server/assumption-versions";
import { db } from "@/lib/server/db";
import { guardPage } from "@/lib/server/page-guard";
import { AssumptionsForm, type FigureRow } from "./assumptions-form";

export const metadata: Metadata = { title: "Assumptions" };

const fmt = (v: number | null) => (v === null ? "missing" : v.toLocaleString("en-US"));

function sourceText(spec: AssumptionSpec): string {
  const s = spec.source;
  if (s.kind === "seed") return `${s.file}: “${s.quote}”`;
  if (s.kind === "public") return `Not from the seeds: ${s.name} (${s.readOn})`;
  return s.note;
}

/** The organization's cost assumptions: every figure with its source; finance and admins edit them in versions. */
export default async function AssumptionsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ compare?: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/assumptions`);
  const [current, versions] = await Promise.all([currentAssumptions(db, ctx.organization.id), listAssumptionVersions(ctx.organization.id)]);
  const canEdit = ctx.role === "FINANCE" || ctx.role === "ADMIN";
  const latest = versions[0];
  const rows: FigureRow[] = ASSUMPTION_KEYS.map((k) => ({ key: k, label: ASSUMPTION_CATALOG[k].label, unit: ASSUMPTION_CATALOG[k].unit, ...current.set.values[k] }));
  const [a, b] = ((await searchParams).compare ?? "").split(",").map(Number);
  const va = versions.find((v) => v.version === a), vb = versions.find((v) => v.version === b);

  return (
    <>
      <PageHeader title="Assumptions" description="The figures every cost projection uses. Each cites its source; a figure with no value is missing, and projections that need it say so rather than count it as $0." />
      <p className="mb-4 text-sm" data-testid="assumption-version">
        {latest ? <>Version {latest.version}, by {latest.by ?? "—"}, {latest.createdAt.toISOString().slice(0, 10)}: {latest.note}</> : "Built-in defaults from the seeds (version 0)."}
        {" "}Fine-tuning method: {current.set.fineTuneMethod === "LORA" ? "LoRA" : "full fine-tune"}.
      </p>
      <div className="relative mb-8 overflow-x-auto rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
        <table className="min-w-full text-sm" data-testid="assumptions-table">
          <thead><tr className="text-left text-zinc-600"><th className="p-2">Figure</th><th className="p-2">Low</th><th className="p-2">Base</th><th className="p-2">High</th><th className="p-2">Allowed</th><th className="p-2">Source</th></tr></thead>
          <tbody>
            {ASSUMPTION_KEYS.map((k) => {
              const spec: AssumptionSpec = ASSUMPTION_CATALOG[k];
              const v = current.set.values[k];
              return (
                <tr key={k} className="border-t border-zinc-100 align-top">
                  <th scope="row" className="p-2 text-left font-medium">{spec.label} <span className="font-normal text-zinc-500">({spec.unit}){spec.referenceOnly ? " · reference only" : ""}</span></th>
                  <td className="p-2 tabular-nums">{fmt(v.low)}</td>
                  <td className={`p-2 tabular-nums ${v.base === null ? "font-semibold text-amber-800" : ""}`}>{fmt(v.base)}</td>
                  <td className="p-2 tabular-nums">{fmt(v.high)}</td>
                  <td className="p-2 text-xs text-zinc-500">{spec.min.toLocaleString("en-US")}–{spec.max.toLocaleString("en-US")}</td>
                  <td className="p-2 text-xs text-zinc-600">{sourceText(spec)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {canEdit ? (
        <section className="mb-8 rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200" aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-3 text-base font-semibold">Change the figures</h2>
          <AssumptionsForm orgSlug={ctx.organization.slug} version={current.version} method={current.set.fineTuneMethod} rows={rows} />
        </section>
      ) : (
        <p className="mb-8 text-sm text-zinc-600">Finance and admins can change these figures.</p>
      )}

      <section aria-labelledby="versions-heading" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
        <h2 id="versions-heading" className="mb-3 text-base font-semibold">Versions</h2>
        {versions.length === 0 ? <p className="text-sm text-zinc-600">No changes yet: the built-in defaults apply.</p> : (
          <ul className="space-y-1 text-sm" data-testid="versions">
            {versions.map((v) => (
              <li key={v.version}>
                Version {v.version} · {v.by ?? "—"} · {v.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC · {v.note}
                {v.version > 1 ? <> · <a className="text-brand-700 underline" href={`?compare=${v.version - 1},${v.version}`}>compare with {v.version - 1}</a></> : null}
              </li>
            ))}
          </ul>
        )}
        {va && vb ? (
          <table className="mt-4 min-w-full text-sm" aria-label={`Changes from version ${a} to ${b}`}>
            <thead><tr className="text-left text-zinc-600"><th className="p-1">Figure</th><th className="p-1">Version {a}</th><th className="p-1">Version {b}</th></tr></thead>
            <tbody>
              {changedAssumptions(va.set, vb.set).map((k) => (
                <tr key={k} className="border-t border-zinc-100">
                  <td className="p-1">{ASSUMPTION_CATALOG[k].label}</td>
                  <td className="p-1 tabular-nums">{[va.set.values[k].low, va.set.values[k].base, va.set.values[k].high].map(fmt).join(" / ")}</td>
                  <td className="p-1 tabular-nums">{[vb.set.values[k].low, vb.set.values[k].base, vb.set.values[k].high].map(fmt).join(" / ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
