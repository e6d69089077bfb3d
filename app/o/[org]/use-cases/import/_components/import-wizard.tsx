"use client";
/**
 * The import, step by step: choose a file (read and parsed here, in the browser, to map it) →
 * map its columns and values (a saved mapping whose columns are in the file is preselected) →
 * check (the rows go to the server a chunk at a time, with a progress bar; nothing is written) →
 * import (the file goes to the server, which reads and checks it again and writes everything in
 * one transaction, or nothing).
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { buttonClass } from "@/components/button";
import { FormMessage } from "@/components/form";
import {
  applySavedColumns,
  buildReport,
  chunkRows,
  claimAcrossChunks,
  crossRowChecks,
  dateOrderEvidence,
  decodeCsvBytes,
  ENCODING_LABELS,
  mappingProblems,
  MAX_CELL_LENGTH,
  MAX_FILE_BYTES,
  parseCsv,
  pickSavedMapping,
  planColumns,
  prepareRows,
  pruneValues,
  refusedRowsCsv,
  describeEncoding,
  encodingEvidence,
  encodingWarnings,
  fileRowsOf,
  fileVolumeOutliers,
  type FieldChange,
  suggestColumnsFromValues,
  TOO_LARGE_MESSAGE,
  type ColumnMap,
  type CsvEncoding,
  type DateOrder,
  type ImportMapping,
  type ImportReport,
  type ParsedCsv,
  type RowAction,
  type RowIssue,
  type RowMatch,
  type RowVolume,
  type ValueMap,
} from "@/lib/domain/import";
import type { SavedMapping } from "@/lib/server/import/mappings";
import type { ActionResult } from "@/lib/server/errors";
import { checkImportRows, importUseCases } from "../actions";
import { ChooseStep } from "./choose-step";
import { ImportButton, Importing } from "./commit-step";
import { DoneStep, type ImportDone } from "./done-step";
import { MappingStep } from "./mapping-step";
import { ReportView } from "./report-view";

interface LoadedFile {
  file: File;
  parsed: ParsedCsv;
  encoding: CsvEncoding;
  /** How it was decoded and why (shown with the file and in the report). */
  encodingNote: string;
  /** The same without the encoding, which the file's summary names: shown under it. */
  encodingEvidence: string;
}

type Stage =
  | { step: "choose" }
  | { step: "reading" }
  | { step: "map" }
  | { step: "checking"; done: number; total: number }
  | { step: "report"; report: ImportReport }
  | { step: "importing"; report: ImportReport; startedAt: number }
  | ({ step: "done" } & ImportDone);

const fmt = (n: number) => n.toLocaleString("en-US");
const NETWORK = "We could not reach the server. Check your connection and try again; nothing was saved.";

async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch {
    return { ok: false, code: "NETWORK", message: NETWORK };
  }
}

export function ImportWizard(props: { orgSlug: string; savedMappings: SavedMapping[]; listHref: string }) {
  const [stage, setStage] = useState<Stage>({ step: "choose" });
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string[] | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedMapping[]>(props.savedMappings);
  const [savedId, setSavedId] = useState<string>("");
  const [columns, setColumns] = useState<ColumnMap>({});
  const [values, setValues] = useState<ValueMap>({});
  const [chosenDateOrder, setChosenDateOrder] = useState<DateOrder | undefined>(undefined);
  const [idColumns, setIdColumns] = useState<string[]>([]);
  const [repairText, setRepairText] = useState(false);
  const [keepOthers, setKeepOthers] = useState(true);
  const mapHeading = useRef<HTMLHeadingElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previousStep = useRef<Stage["step"]>("choose");

  // Move focus to a new step's heading, so keyboard and screen-reader users follow; never while
  // someone is changing the mapping (a report going stale must not steal focus from a select).
  useEffect(() => {
    const from = previousStep.current;
    previousStep.current = stage.step;
    if (stage.step === "map" && from === "reading") mapHeading.current?.focus();
    else if (stage.step === "report" && (from === "checking" || from === "importing")) reportHeading.current?.focus();
    else if (stage.step === "done") doneHeading.current?.focus();
  }, [stage.step]);

  // What the planned-start column's own values say about day/month order; a choice overrides it.
  const dateEvidence = useMemo(() => {
    const header = loaded?.parsed.headers.find((h) => columns[h] === "startDate");
    if (!loaded || header === undefined) return null;
    const index = loaded.parsed.headers.indexOf(header);
    return dateOrderEvidence(loaded.parsed.rows.map((r) => r.cells[index] ?? ""));
  }, [loaded, columns]);
  const dateOrder = chosenDateOrder ?? dateEvidence?.detected ?? undefined;
  const mapping: ImportMapping = useMemo(
    () => pruneValues({ columns, values, dateOrder, externalIdColumns: idColumns.length ? idColumns : undefined, repairText, keepOthers }),
    [columns, values, dateOrder, idColumns, repairText, keepOthers],
  );
  const problems = useMemo(() => (loaded ? mappingProblems(loaded.parsed.headers, columns, idColumns) : []), [loaded, columns, idColumns]);

  function reset() {
    setStage({ step: "choose" });
    setLoaded(null);
    setFileError(null);
    setActionError(null);
    if (fileInput.current) fileInput.current.value = "";
  }

  function applySaved(id: string, headers: readonly string[], rows: readonly { cells: readonly string[] }[], list = saved) {
    const m = list.find((s) => s.id === id);
    setSavedId(m ? m.id : "");
    setColumns(m ? applySavedColumns(headers, m.columns) : suggestColumnsFromValues(headers, rows));
    setValues(m ? m.values : {});
    setChosenDateOrder(m?.dateOrder);
    setIdColumns(m?.externalIdColumns?.filter((h) => headers.includes(h)) ?? []);
    setRepairText(m?.repairText ?? false);
    setKeepOthers(m ? (m.keepOthers ?? false) : true);
  }

  async function onFile(file: File | undefined) {
    setFileError(null);
    setActionError(null);
    if (!file) return;
    // The size first: a file over the limit is refused before a byte of it is read.
    if (file.size > MAX_FILE_BYTES) {
      setFileError([TOO_LARGE_MESSAGE(file.size)]);
      return;
    }
    setStage({ step: "reading" });
    // Let the "reading" state paint before the parse takes the thread.
    await new Promise((r) => setTimeout(r, 20));
    const decoded = decodeCsvBytes(await file.arrayBuffer());
    const parsed = parseCsv(decoded.text, { marks: decoded.foreignOffsets });
    if (parsed.problems.length) {
      setFileError(parsed.problems);
      setStage({ step: "choose" });
      return;
    }
    setLoaded({ file, parsed, encoding: decoded.encoding, encodingNote: describeEncoding(decoded, parsed.markedRows), encodingEvidence: encodingEvidence(decoded, parsed.markedRows) });
    const fit = pickSavedMapping(parsed.headers, saved);
    applySaved(fit?.id ?? "", parsed.headers, parsed.rows);
    setStage({ step: "map" });
  }

  function changeMapping(next: { columns?: ColumnMap; values?: ValueMap; dateOrder?: DateOrder; idColumns?: string[]; keepOthers?: boolean }) {
    if (next.keepOthers !== undefined) setKeepOthers(next.keepOthers);
    if (next.columns) setColumns(next.columns);
    if (next.values) setValues(next.values);
    if (next.dateOrder) setChosenDateOrder(next.dateOrder);
    if (next.idColumns) setIdColumns(next.idColumns);
    // A report belongs to the mapping it was made with.
    if (stage.step === "report") setStage({ step: "map" });
  }

  async function check(withMapping: ImportMapping = mapping) {
    if (!loaded || problems.length) return;
    const mapping = withMapping;
    setActionError(null);
    const { headers, rows } = loaded.parsed;
    const { plan, converted } = prepareRows(headers, rows, mapping);
    const cross = crossRowChecks(converted, plan, { closeTitles: true });
    const actions = new Map<number, RowAction>();
    const changes = new Map<number, FieldChange[]>();
    const errors: RowIssue[] = [...cross.errors];
    const warnings: RowIssue[] = [...cross.warnings, ...encodingWarnings(loaded.parsed.markedRows)];
    const notes: string[] = [...cross.notes];
    // Only the mapped columns' cells travel (all of them when the other columns are kept).
    const used = mapping.keepOthers ? new Set(headers.map((_, i) => i)) : planColumns(plan);
    const sent = rows.map((r) => ({
      row: r.row,
      cells: r.cells.map((c, j) => (used.has(j) ? c.slice(0, MAX_CELL_LENGTH) : "")),
      ...(r.extraCells ? { extraCells: r.extraCells } : {}),
    }));
    setStage({ step: "checking", done: 0, total: rows.length });
    let done = 0;
    // Use case → the first row that updates it, across chunks (the import plans the whole file at once).
    const claimed = new Map<string, RowMatch>();
    // Each row's volume, and the registry's (asked with the first chunk), for the warning on a row that dwarfs the rest.
    const volumes: RowVolume[] = [];
    let registry: [string, number][] = [];
    for (const chunk of chunkRows(sent)) {
      const first = done === 0;
      const res = await call(() => checkImportRows(props.orgSlug, { headers, rows: chunk, mapping, ...(first ? { registry: true } : {}) }));
      if (!res.ok) {
        setActionError(res.message);
        setStage({ step: "map" });
        return;
      }
      for (const [row, action] of res.data.actions) actions.set(row, action);
      for (const [row, c] of res.data.changes) changes.set(row, c);
      errors.push(...res.data.errors, ...claimAcrossChunks(claimed, res.data.matches));
      warnings.push(...res.data.warnings);
      notes.push(...res.data.notes);
      volumes.push(...res.data.volumes);
      if (res.data.registry) registry = res.data.registry;
      done += chunk.length;
      setStage({ step: "checking", done, total: rows.length });
    }
    warnings.push(...fileVolumeOutliers(volumes, registry, claimed, errors, plan));
    const fileRows = fileRowsOf(converted);
    setStage({ step: "report", report: buildReport({ actions, changes, rows: rows.length, errors, warnings, notes, encoding: loaded.encoding, encodingNote: loaded.encodingNote, fileRows }) });
  }

  function repairAndCheck() {
    setRepairText(true);
    void check({ ...mapping, repairText: true });
  }

  function downloadRefused(report: ImportReport) {
    if (!loaded) return;
    const { csv } = refusedRowsCsv(loaded.parsed.headers, loaded.parsed.rows, report.outcomes);
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${loaded.file.name.replace(/\.[^.]+$/, "")}-refused-rows.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  async function commit(report: ImportReport, onlyValid: boolean) {
    if (!loaded) return;
    setActionError(null);
    setStage({ step: "importing", report, startedAt: Date.now() });
    const res = await call(() => importUseCases(props.orgSlug, { file: loaded.file, fileName: loaded.file.name, mapping, onlyValid }));
    if (!res.ok) {
      setActionError(res.message);
      setStage({ step: "report", report });
      return;
    }
    if (!res.data.committed) {
      // The server found problems the check did not (someone changed the registry in between).
      setActionError("Nothing was imported: the file has problems (listed below).");
      setStage({ step: "report", report: res.data.report });
      return;
    }
    setStage({
      step: "done",
      created: res.data.created,
      updated: res.data.updated,
      unchanged: res.data.unchanged,
      refused: res.data.refused,
      importId: res.data.importId,
      seconds: Math.max(1, Math.round(res.data.ms / 1000)),
    });
  }

  const heading = (text: string, ref: RefObject<HTMLHeadingElement | null>) => (
    <h2 ref={ref} tabIndex={-1} className="text-lg font-semibold text-zinc-900 focus:outline-none">
      {text}
    </h2>
  );

  return (
    <div className="space-y-6" data-testid="import-wizard">
      {(stage.step === "choose" || stage.step === "reading") && (
        <ChooseStep fileInput={fileInput} reading={stage.step === "reading"} fileError={fileError} onFile={(f) => void onFile(f)} />
      )}

      {loaded && (stage.step === "map" || stage.step === "checking" || stage.step === "report") && (
        <section aria-labelledby="map-heading" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5">
          <div id="map-heading">{heading("2. Map the columns and values", mapHeading)}</div>
          <p className="text-sm text-zinc-700" data-testid="file-summary">
            <strong>{loaded.file.name}</strong>: {fmt(loaded.parsed.rows.length)} rows, {loaded.parsed.headers.length} columns, read as {ENCODING_LABELS[loaded.encoding]}
            {loaded.parsed.delimiter !== "," && <>, cells separated by {loaded.parsed.delimiter === "\t" ? "tabs" : `“${loaded.parsed.delimiter}”`}</>}.{" "}
            {loaded.encodingEvidence ? (
              <span className="block text-zinc-600" data-testid="encoding-note">
                {loaded.encodingEvidence}
              </span>
            ) : null}{" "}
            <button type="button" className="font-medium text-brand-700 underline" onClick={reset}>
              Choose another file
            </button>
          </p>
          <MappingStep
            orgSlug={props.orgSlug}
            parsed={loaded.parsed}
            defaultName={loaded.file.name.replace(/\.[^.]+$/, "")}
            columns={columns}
            values={values}
            dateEvidence={dateEvidence}
            idColumns={idColumns}
            keepOthers={keepOthers}
            dateOrder={dateOrder}
            mapping={mapping}
            saved={saved}
            savedId={savedId}
            onPickSaved={(id) => {
              applySaved(id, loaded.parsed.headers, loaded.parsed.rows);
              if (stage.step === "report") setStage({ step: "map" });
            }}
            onSaved={(m, list) => {
              setSaved(list);
              setSavedId(m.id);
            }}
            onDeleted={(id) => {
              setSaved((list) => list.filter((m) => m.id !== id));
              if (savedId === id) setSavedId("");
            }}
            onChange={changeMapping}
            disabled={stage.step === "checking"}
          />
          {problems.length > 0 && (
            <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {problems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          )}
          <FormMessage message={stage.step === "map" ? actionError : null} />
          {stage.step !== "checking" ? (
            <button type="button" className={buttonClass("primary")} onClick={() => void check()} disabled={problems.length > 0}>
              {stage.step === "report" ? "Check again" : `Check ${fmt(loaded.parsed.rows.length)} rows`}
            </button>
          ) : (
            <div role="status" aria-live="polite" className="space-y-2">
              <label htmlFor="check-progress" className="block text-sm font-medium text-zinc-900">
                Checking rows: {fmt(stage.done)} of {fmt(stage.total)}
              </label>
              <progress id="check-progress" className="h-2 w-full" value={stage.done} max={stage.total} />
            </div>
          )}
        </section>
      )}

      {loaded && (stage.step === "report" || stage.step === "importing") && (
        <section aria-labelledby="report-heading" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5">
          <div id="report-heading">{heading("3. Check and import", reportHeading)}</div>
          <FormMessage message={stage.step === "report" ? actionError : null} />
          <ReportView
            report={stage.report}
            listHref={props.listHref}
            repairing={repairText}
            onRepair={stage.step === "report" ? repairAndCheck : undefined}
            onDownloadRefused={() => downloadRefused(stage.report)}
          />
          {stage.step === "report" ? (
            <ImportButton report={stage.report} onImport={(onlyValid) => void commit(stage.report, onlyValid)} onCancel={reset} />
          ) : (
            <Importing report={stage.report} startedAt={stage.startedAt} />
          )}
        </section>
      )}

      {stage.step === "done" && <DoneStep done={stage} fileName={loaded?.file.name} listHref={props.listHref} heading={doneHeading} onAnother={reset} />}
    </div>
  );
}
