"use client";
/** A check's (or a refused import's) report: counts, problems with the file, then row by row. */
import { useState } from "react";
import { IMPORT_FIELD_BY_KEY, type ImportReport, type RowIssue } from "@/lib/domain/import";

const fmt = (n: number) => n.toLocaleString("en-US");
const SHOWN = 200;

/** `listHref`: the use-case list, under which each use case is `${listHref}/${id}`. */
export function ReportView({ report, listHref }: { report: ImportReport; listHref: string }) {
  const useCaseHref = (id: string) => `${listHref}/${encodeURIComponent(id)}`;
  const c = report.counts;
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
