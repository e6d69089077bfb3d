"use client";
import Link from "next/link";
import type { RefObject } from "react";
import { buttonClass } from "@/components/button";

const fmt = (n: number) => n.toLocaleString("en-US");

export interface ImportDone {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  seconds: number;
  importId: string;
}

/** The import's last step: what it did, a link to its record (where it can be undone), and where to go next. */
export function DoneStep(props: { done: ImportDone; fileName: string | undefined; listHref: string; heading: RefObject<HTMLHeadingElement | null>; onAnother: () => void }) {
  const { done, fileName, listHref } = props;
  return (
    <section aria-labelledby="done-heading" className="space-y-4 rounded-lg border border-green-200 bg-green-50 p-5">
      <div id="done-heading">
        <h2 ref={props.heading} tabIndex={-1} className="text-lg font-semibold text-zinc-900 focus:outline-none">
          Imported
        </h2>
      </div>
      <p role="status" className="text-sm text-green-900" data-testid="import-done">
        {fileName}: {fmt(done.created)} use case{done.created === 1 ? "" : "s"} added, {fmt(done.updated)} updated, {fmt(done.unchanged)} unchanged
        {done.refused > 0 && <>, {fmt(done.refused)} refused and left out</>}, in {done.seconds} s. Each was scored and projected, and its change recorded in its history.
      </p>
      <p className="text-sm text-green-900">
        <Link href={`${listHref}/import/${encodeURIComponent(done.importId)}`} className="font-medium underline">
          See this import’s record
        </Link>{" "}
        (what it changed; it can be undone there as one step).
      </p>
      <div className="flex flex-wrap gap-3">
        <Link href={listHref} className={buttonClass("primary")}>
          See the use cases
        </Link>
        <button type="button" className={buttonClass("secondary")} onClick={props.onAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}
