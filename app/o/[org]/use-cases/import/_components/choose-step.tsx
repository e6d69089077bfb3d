"use client";
import { FILE_INPUT_CLASS } from "@/components/file-input";
import type { RefObject } from "react";
import { formatBytes, MAX_FILE_BYTES } from "@/lib/domain/import";
import { useHydrated } from "@/components/script-button";

/** Step 1 of the import: choosing the file. The wizard reads and parses it (import-wizard.tsx). */
export function ChooseStep(props: {
  fileInput: RefObject<HTMLInputElement | null>;
  reading: boolean;
  fileError: string[] | null;
  onFile: (file: File | undefined) => void;
}) {
  const { fileInput, reading, fileError, onFile } = props;
  // The file is read by the page's script: a file chosen before it runs would be silently ignored.
  const hydrated = useHydrated();
  return (
    <section aria-labelledby="choose-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="choose-heading" className="text-lg font-semibold text-zinc-900">
        1. Choose a CSV file
      </h2>
      <p className="mt-1 text-sm text-zinc-600">
        Up to {formatBytes(MAX_FILE_BYTES)} and 10,000 rows. Nothing is saved until you have seen the check and chosen to import.
      </p>
      <label htmlFor="import-file" className="mt-4 block text-sm font-medium text-zinc-900">
        CSV file
      </label>
      <input
        ref={fileInput}
        id="import-file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        aria-describedby={fileError ? "import-file-error" : undefined}
        aria-invalid={fileError ? true : undefined}
        className={FILE_INPUT_CLASS}
        onChange={(e) => onFile(e.currentTarget.files?.[0])}
        disabled={reading || !hydrated}
      />
      {reading && (
        <p role="status" className="mt-3 text-sm text-zinc-700">
          Reading the file…
        </p>
      )}
      {fileError && (
        <div id="import-file-error" role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {fileError.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
    </section>
  );
}
