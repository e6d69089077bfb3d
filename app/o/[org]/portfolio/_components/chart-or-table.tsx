"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * A chart with a table view of the same numbers: the chart first, a button to switch. The table
 * is rendered on the server and passed in. The chart is drawn by the page's script, so until it
 * runs (or where it never does) the table stands in for it: it is in the page, inside
 * <noscript>, beside the chart.
 */
export function ChartOrTable({ label, chart, table, initial = "chart" }: { label: string; chart: ReactNode; table: ReactNode; initial?: "chart" | "table" }) {
  const [view, setView] = useState<"chart" | "table">(initial);
  const id = useId();
  return (
    <div>
      <div className="flex justify-end">
        <button
          type="button"
          className="rounded text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
          aria-controls={id}
          aria-pressed={view === "table"}
          onClick={() => setView((v) => (v === "chart" ? "table" : "chart"))}
        >
          {view === "chart" ? `Show ${label} as a table` : `Show ${label} as a chart`}
        </button>
      </div>
      <div id={id} className="mt-2">
        {view === "chart" ? (
          <>
            {chart}
            <noscript>{table}</noscript>
          </>
        ) : (
          table
        )}
      </div>
    </div>
  );
}
