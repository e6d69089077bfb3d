"use client";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/button";
import { refusedChoice, type ImportReport } from "@/lib/domain/import";

/** Step 3's actions once the report is shown: what can be imported, then the wait while the server imports. */

const fmt = (n: number) => n.toLocaleString("en-US");

export function ImportButton({ report, onImport, onCancel }: { report: ImportReport; onImport: (onlyValid: boolean) => void; onCancel: () => void }) {
  const { create, update, errorRows } = report.counts;
  if (report.problems.length > 0) {
    return <p className="text-sm font-medium text-red-800">Nothing can be imported while the file has problems. Correct the file (or the mapping above), then choose it again or check again.</p>;
  }
  if (errorRows > 0) {
    return (
      <div className="space-y-2">
        <p className="text-sm font-medium text-red-800">{refusedChoice(report.counts)}</p>
        <div className="flex flex-wrap gap-3">
          {create + update > 0 && (
            <button type="button" className={buttonClass("primary")} onClick={() => onImport(true)}>
              Import {fmt(create + update)} valid row{create + update === 1 ? "" : "s"}, leave {fmt(errorRows)} out
            </button>
          )}
          <button type="button" className={buttonClass("secondary")} onClick={onCancel}>
            Import nothing
          </button>
        </div>
      </div>
    );
  }
  if (create + update === 0) return <p className="text-sm text-zinc-700">Every row matches the registry already: there is nothing to import.</p>;
  return (
    <button type="button" className={buttonClass("primary")} onClick={() => onImport(false)}>
      Import {fmt(create + update)} use case{create + update === 1 ? "" : "s"}
    </button>
  );
}

export function Importing({ report, startedAt }: { report: ImportReport; startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const { create, update } = report.counts;
  return (
    <div role="status" aria-live="polite" className="space-y-2" data-testid="importing">
      <label htmlFor="import-progress" className="block text-sm font-medium text-zinc-900">
        Importing {fmt(create + update)} rows ({fmt(create)} new, {fmt(update)} updates): checking them again, scoring, projecting and saving, all at once…{" "}
        <span className="tabular-nums text-zinc-600">{Math.floor((now - startedAt) / 1000)} s</span>
      </label>
      {/* No value: the server does it in one transaction and cannot report part-way; an honest indeterminate bar. */}
      <progress id="import-progress" className="h-2 w-full" />
      <p className="text-xs text-zinc-600">Keep this page open. If anything fails, nothing is saved.</p>
    </div>
  );
}
