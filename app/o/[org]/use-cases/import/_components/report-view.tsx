"use client";
/** A check's (or a refused import's) report: counts, problems with the file, then row by row. */
import { useState } from "react";
import { IMPORT_FIELD_BY_KEY, type ImportReport, type RowIssue, type RowOutcome, type RowOutcomeKind } from "@/lib/domain/import";
import { buttonClass } from "@/components/button";

const fmt = (n: number) => n.toLocaleString("en-US");
const SHOWN = 200;

/**
 * `listHref`: the use-case list, under which each use case is `${listHref}/${id}`. `onRepair`
 * (when the report may still change) repairs garbled text in every flagged cell and checks again;
 * `onDownloadRefused` downloads the refused rows as a CSV to correct.
 */
export function ReportView({
  report,
  listHref,
  repairing,
  onRepair,
  onDownloadRefused,
}: {
  report: ImportReport;
  listHref: string;
  repairing?: boolean;
  onRepair?: () => void;
  onDownloadRefused?: () => void;
}) {
  const useCaseHref = (id: string) => `${listHref}/${encodeURIComponent(id)}`;
  const c = report.counts;
  const faults = report.warnings.filter((w) => w.fault).length;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="import-counts">
        <Count label="Rows" value={c.rows} />
        <Count label="New" value={c.create} />
        <Count label="Updates" value={c.update} hint="by external id" />
        <Count label="Unchanged" value={c.unchanged} />
        <Count label="With errors" value={c.errorRows} tone={c.errorRows ? "error" : undefined} />
      </dl>
      {report.problems.length > 0 && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {report.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {faults > 0 && onRepair && !repairing && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="text-faults">
          <p>
            {fmt(faults)} cell{faults === 1 ? " has" : "s have"} garbled text (mojibake such as “â€™” or invisible control characters), listed under Warnings.
          </p>
          <button type="button" className={buttonClass("secondary")} onClick={onRepair}>
            Repair text
          </button>
        </div>
      )}
      {repairing && (
        <p className="text-sm text-zinc-700" data-testid="text-repaired">
          Garbled text is repaired as the file is imported (mojibake read back as UTF-8, control characters as the Windows-1252 characters they stand for).
        </p>
      )}
      {report.outcomes.length > 0 && <OutcomeTable outcomes={report.outcomes} onDownloadRefused={onDownloadRefused} />}
      {report.errorCount > 0 && <IssueTable kind="error" issues={report.errors} total={report.errorCount} useCaseHref={useCaseHref} />}
      {report.warningCount > 0 && <IssueTable kind="warning" issues={report.warnings} total={report.warningCount} useCaseHref={useCaseHref} />}
      {report.notes.map((n) => (
        <p key={n} className="text-sm text-zinc-600">
          {n}
        </p>
      ))}
      {report.errorCount === 0 && report.problems.length === 0 && (
        <p role="status" className="text-sm font-medium text-green-800">
          No errors{report.warningCount ? ` (${fmt(report.warningCount)} warning${report.warningCount === 1 ? "" : "s"} to look at; they do not stop the import)` : ""}. Nothing has been saved yet.
        </p>
      )}
    </div>
  );
}

function Count({ label, value, hint, tone }: { label: string; value: number; hint?: string; tone?: "error" }) {
  return (
    <div className={`rounded border px-3 py-2 ${tone === "error" ? "border-red-200 bg-red-50" : "border-zinc-200 bg-zinc-50"}`}>
      <dt className="text-xs text-zinc-600">
        {label}
        {hint && <span className="sr-only"> ({hint})</span>}
      </dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone === "error" ? "text-red-800" : "text-zinc-900"}`}>{fmt(value)}</dd>
    </div>
  );
}

function IssueTable({ kind, issues, total, useCaseHref }: { kind: "error" | "warning"; issues: RowIssue[]; total: number; useCaseHref: (id: string) => string }) {
  const [all, setAll] = useState(false);
  const shown = all ? issues : issues.slice(0, SHOWN);
  const title = kind === "error" ? `Errors (${fmt(total)})` : `Warnings (${fmt(total)})`;
  return (
    <div className="space-y-2">
      <h3 className={`text-base font-semibold ${kind === "error" ? "text-red-800" : "text-amber-900"}`}>{title}</h3>
      {kind === "warning" && <p className="text-sm text-zinc-600">Warnings do not stop the import.</p>}
      <div className="max-h-[32rem] overflow-auto rounded border border-zinc-200">
        <table className="min-w-full divide-y divide-zinc-200 text-sm" data-testid={kind === "error" ? "import-errors" : "import-warnings"}>
          <thead className="sticky top-0 bg-zinc-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Row</th>
              <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Column (field)</th>
              <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Problem</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 bg-white">
            {shown.map((i, n) => (
              <tr key={`${i.row}-${i.field}-${n}`} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium tabular-nums">
                  Row {i.row}
                </th>
                <td className="px-3 py-2 text-zinc-700">
                  {i.column ?? "—"}
                  {i.field && i.column !== i.field && <span className="text-zinc-500"> ({IMPORT_FIELD_BY_KEY[i.field].label})</span>}
                </td>
                <td className="px-3 py-2">
                  {i.message}
                  {i.related && i.related.length > 0 && (
                    <span className="block">
                      {i.related.map((r, k) => (
                        <span key={r.id}>
                          {k > 0 && ", "}
                          <a href={useCaseHref(r.id)} target="_blank" rel="noopener" className="font-medium text-brand-700 underline">
                            Open “{r.title}”<span className="sr-only"> (in a new tab)</span>
                          </a>
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {issues.length > SHOWN && (
        <button type="button" className="text-sm font-medium text-brand-700 underline" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN}` : `Show all ${fmt(issues.length)} listed`}
        </button>
      )}
      {total > issues.length && <p className="text-xs text-zinc-600">The first {fmt(issues.length)} of {fmt(total)} are listed; fix these and check again.</p>}
    </div>
  );
}

const OUTCOME_LABELS: Record<RowOutcomeKind, string> = { create: "New", update: "Update", unchanged: "Unchanged", refused: "Refused" };
const FILTERS = ["all", "create", "update", "unchanged", "refused"] as const;
type Filter = (typeof FILTERS)[number];

/** Every row with what importing it does: new, update (old → new per field), unchanged, or refused (why). */
function OutcomeTable({ outcomes, onDownloadRefused }: { outcomes: RowOutcome[]; onDownloadRefused?: () => void }) {
  const refused = outcomes.filter((o) => o.outcome === "refused").length;
  const [filter, setFilter] = useState<Filter>(refused ? "refused" : "all");
  const [limit, setLimit] = useState(SHOWN);
  const rows = filter === "all" ? outcomes : outcomes.filter((o) => o.outcome === filter);
  const count = (f: Filter) => (f === "all" ? outcomes.length : outcomes.filter((o) => o.outcome === f).length);
  return (
    <div className="space-y-2">
      <h3 className="text-base font-semibold text-zinc-900">Row by row</h3>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Show rows">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => {
              setFilter(f);
              setLimit(SHOWN);
            }}
            className={`rounded-full border px-3 py-1 text-sm ${filter === f ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-zinc-300 text-zinc-700"}`}
          >
            {f === "all" ? "All" : OUTCOME_LABELS[f]} ({fmt(count(f))})
          </button>
        ))}
        {refused > 0 && onDownloadRefused && (
          <button type="button" className="ml-auto text-sm font-medium text-brand-700 underline" onClick={onDownloadRefused}>
            Download the {fmt(refused)} refused row{refused === 1 ? "" : "s"} (CSV, with the reasons)
          </button>
        )}
      </div>
      <div className="max-h-[32rem] overflow-auto rounded border border-zinc-200">
        <table className="min-w-full divide-y divide-zinc-200 text-sm" data-testid="import-outcomes">
          <thead className="sticky top-0 bg-zinc-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Row</th>
              <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Outcome</th>
              <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Title</th>
              <th scope="col" className="min-w-64 px-3 py-2 font-semibold text-zinc-700">How it was read, what changes, or why refused</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 bg-white">
            {rows.slice(0, limit).map((o) => (
              <tr key={o.row} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium tabular-nums">
                  Row {o.row}
                </th>
                <td className={`px-3 py-2 font-medium ${o.outcome === "refused" ? "text-red-800" : o.outcome === "unchanged" ? "text-zinc-600" : "text-zinc-900"}`}>{OUTCOME_LABELS[o.outcome]}</td>
                <td className="max-w-xs px-3 py-2 text-zinc-800">{o.title ?? "—"}</td>
                <td className="px-3 py-2 text-zinc-700">
                  {o.reasons && (
                    <ul className="list-disc pl-4">
                      {o.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                  {o.read && (
                    <p className="text-zinc-700" data-testid="outcome-read">
                      Read as: {o.read.join("; ")}.
                    </p>
                  )}
                  {o.defaults && (
                    <p className="text-zinc-600" data-testid="outcome-defaults">
                      Empty in the file, so the new use case takes: {o.defaults.join("; ")}.
                    </p>
                  )}
                  {o.changes && (
                    <ul className="space-y-0.5">
                      {o.changes.map((ch) => (
                        <li key={ch.field}>
                          <span className="font-medium">{ch.label}</span>: <del className="text-zinc-500">{ch.before}</del> → <ins className="no-underline">{ch.after}</ins>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" className="text-sm font-medium text-brand-700 underline" onClick={() => setLimit(limit + 1_000)}>
          Show {fmt(Math.min(1_000, rows.length - limit))} more of {fmt(rows.length)}
        </button>
      )}
    </div>
  );
}
