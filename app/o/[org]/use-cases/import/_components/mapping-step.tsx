"use client";
/**
 * Mapping a file onto our fields: a saved mapping to start from, a field (or "ignore") for each
 * column, and for each column whose field takes fixed values, what each of its values means.
 * Saving stores the mapping under a name for the next file with the same columns.
 */
import { useMemo } from "react";
import {
  BASE_FIELD_KEYS,
  DATE_ORDER_LABELS,
  DATE_ORDERS,
  distinctValues,
  hasValueMapping,
  IMPORT_FIELD_BY_KEY,
  IMPORT_FIELDS,
  type ColumnMap,
  type DateOrder,
  type DateOrderEvidence,
  type ImportFieldKey,
  type ParsedCsv,
  type ValueMap,
} from "@/lib/domain/import";
import { GOVERNANCE_KEYS } from "@/lib/domain/governance";
import { SavedMappings, SELECT, type SavedMappingsProps } from "./saved-mappings";

const UNMAPPED = "__unmapped__";
const base = new Set<string>(BASE_FIELD_KEYS);
const gov = new Set<string>(GOVERNANCE_KEYS);

function samples(parsed: ParsedCsv, index: number, n = 2): string[] {
  const out: string[] = [];
  for (const r of parsed.rows) {
    const v = (r.cells[index] ?? "").trim();
    if (v && !out.includes(v)) out.push(v.length > 48 ? `${v.slice(0, 48)}…` : v);
    if (out.length >= n) break;
  }
  return out;
}

export function MappingStep(
  props: SavedMappingsProps & {
    parsed: ParsedCsv;
    columns: ColumnMap;
    values: ValueMap;
    dateEvidence: DateOrderEvidence | null;
    dateOrder: DateOrder | undefined;
    idColumns: string[];
    keepOthers: boolean;
    onChange: (next: { columns?: ColumnMap; values?: ValueMap; dateOrder?: DateOrder; idColumns?: string[]; keepOthers?: boolean }) => void;
  },
) {
  const { parsed, columns, values } = props;
  const counts = useMemo(() => {
    const m = new Map<ImportFieldKey, number>();
    for (const k of Object.values(columns)) if (k) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  }, [columns]);

  const valueFields = useMemo(
    () =>
      parsed.headers
        .map((header, index) => ({ header, index, key: columns[header] }))
        .filter((c): c is { header: string; index: number; key: ImportFieldKey } => !!c.key && hasValueMapping(c.key) && counts.get(c.key) === 1),
    [parsed.headers, columns, counts],
  );

  return (
    <div className="space-y-6">
      <SavedMappings {...props} />

      {/* min-w-0: a fieldset is at least as wide as its content by default, so the table's own
          scroll box grew with it and the whole page scrolled sideways on a phone. The box is
          relative so the selects' visually hidden labels (absolute) stay inside it too. */}
      <fieldset disabled={props.disabled} className="min-w-0 space-y-2">
        <legend className="text-base font-semibold text-zinc-900">Columns</legend>
        <p className="text-sm text-zinc-600">Suggested from the column names; change any, or ignore a column. Each field takes one column.</p>
        {/* On a phone each column is a block of its own (name, samples, then its select), so the
            select is on screen: as a table, "Imported as" began past the window's edge. */}
        <div className="relative rounded border border-zinc-200 sm:overflow-x-auto">
          <table className="block min-w-full divide-y divide-zinc-200 text-sm sm:table" data-testid="column-mapping">
            <thead className="hidden bg-zinc-50 text-left sm:table-header-group">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Column in the file</th>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Sample values</th>
                <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Imported as</th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-zinc-100 sm:table-row-group">
              {parsed.headers.map((header, index) => {
                const key = columns[header] ?? "";
                const twice = !!key && (counts.get(key) ?? 0) > 1;
                const id = `col-${index}`;
                return (
                  <tr key={header} className="block align-top sm:table-row">
                    <th scope="row" className="block px-3 pt-2 text-left font-medium text-zinc-900 sm:table-cell sm:py-2">
                      {header}
                    </th>
                    <td className="block px-3 text-zinc-600 sm:table-cell sm:max-w-xs sm:py-2">
                      {samples(parsed, index).map((s) => (
                        <span key={s} className="block truncate">
                          {s}
                        </span>
                      ))}
                    </td>
                    <td className="block px-3 pt-1 pb-2 sm:table-cell sm:min-w-64 sm:py-2">
                      <label htmlFor={id} className="sr-only">
                        Field for the column “{header}”
                      </label>
                      <select
                        id={id}
                        className={SELECT}
                        value={key}
                        aria-invalid={twice || undefined}
                        aria-describedby={twice ? `${id}-error` : undefined}
                        onChange={(e) => props.onChange({ columns: { ...columns, [header]: e.currentTarget.value as ImportFieldKey | "" } })}
                      >
                        <option value="">— Ignore this column —</option>
                        <optgroup label="Use case">
                          {IMPORT_FIELDS.filter((f) => base.has(f.key)).map((f) => (
                            <option key={f.key} value={f.key}>
                              {f.label}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label="Governance">
                          {IMPORT_FIELDS.filter((f) => gov.has(f.key)).map((f) => (
                            <option key={f.key} value={f.key}>
                              {f.label}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label="Assessment answers">
                          {IMPORT_FIELDS.filter((f) => !base.has(f.key) && !gov.has(f.key)).map((f) => (
                            <option key={f.key} value={f.key}>
                              {f.label}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                      {twice && (
                        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
                          Another column is mapped to {IMPORT_FIELD_BY_KEY[key as ImportFieldKey].label} too.
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>

      <fieldset disabled={props.disabled} className="min-w-0">
        <legend className="sr-only">Other columns</legend>
        <label className="flex items-start gap-2 text-sm text-zinc-900">
          <input type="checkbox" className="mt-0.5" checked={props.keepOthers} onChange={(e) => props.onChange({ keepOthers: e.currentTarget.checked })} />
          <span>
            Keep the columns mapped to no field as additional fields ({parsed.headers.filter((h) => !columns[h] && !props.idColumns.includes(h)).length} columns), named as in the file: shown on each
            use case, searchable and exported.
          </span>
        </label>
      </fieldset>

      <IdentityChoice headers={parsed.headers} idColumns={props.idColumns} disabled={props.disabled} onChange={(idColumns) => props.onChange({ idColumns })} />

      {props.dateEvidence && (props.dateEvidence.ambiguous || props.dateEvidence.detected || props.dateEvidence.mixed) && (
        <DateOrderChoice evidence={props.dateEvidence} order={props.dateOrder} disabled={props.disabled} onChange={(dateOrder) => props.onChange({ dateOrder })} />
      )}

      {valueFields.length > 0 && (
        <fieldset disabled={props.disabled} className="min-w-0 space-y-4">
          <legend className="text-base font-semibold text-zinc-900">Values</legend>
          <p className="text-sm text-zinc-600">
            What each of the file’s values means for fields that take fixed values. Recognised spellings are filled in; a value left unmapped makes its rows fail the check.
          </p>
          {valueFields.map((c) => (
            <ValueTable key={c.header} header={c.header} index={c.index} field={c.key} parsed={parsed} values={values} onChange={(v) => props.onChange({ values: v })} />
          ))}
        </fieldset>
      )}
    </div>
  );
}

const ID_PARTS = ["First part", "Second part", "Third part"] as const;

/**
 * The external id built from several columns (agency + use case id), for inventories whose ids
 * repeat across agencies. Empty: the column mapped to External id, if any.
 */
function IdentityChoice(props: { headers: string[]; idColumns: string[]; disabled: boolean; onChange: (idColumns: string[]) => void }) {
  const set = (i: number, header: string) => {
    const next = [...props.idColumns];
    if (header) next[i] = header;
    else next.splice(i);
    props.onChange(next.filter(Boolean));
  };
  return (
    <fieldset disabled={props.disabled} className="min-w-0 space-y-2" aria-describedby="identity-help">
      <legend className="text-base font-semibold text-zinc-900">Identity</legend>
      <p id="identity-help" className="text-sm text-zinc-600">
        How a row finds its use case when the file is imported again. Where ids repeat across agencies (“25” at two agencies), build the external id from several columns, e.g. agency, then
        use case id. Left empty: the column mapped to External id. Rows without an id match a use case with exactly the same title and business unit.
      </p>
      <div className="grid gap-3 sm:grid-cols-3">
        {ID_PARTS.map((label, i) => {
          if (i > props.idColumns.length) return null;
          return (
            <div key={label}>
              <label htmlFor={`id-part-${i}`} className="block text-sm font-medium text-zinc-900">
                External id: {label.toLowerCase()}
              </label>
              <select id={`id-part-${i}`} className={`${SELECT} mt-1.5`} value={props.idColumns[i] ?? ""} onChange={(e) => set(i, e.currentTarget.value)}>
                <option value="">{i === 0 ? "— The External id column —" : "— None —"}</option>
                {props.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function DateOrderChoice(props: { evidence: DateOrderEvidence; order: DateOrder | undefined; disabled: boolean; onChange: (o: DateOrder) => void }) {
  const { evidence, order } = props;
  return (
    <fieldset disabled={props.disabled} className="min-w-0 space-y-2" aria-describedby="date-order-help">
      <legend className="text-base font-semibold text-zinc-900">Dates</legend>
      <p id="date-order-help" className="text-sm text-zinc-600">
        {evidence.mixed
          ? "The planned-start column has dates written day first and others month first; each of those is read as it can only be read. Choose how to read the rest (like 05/01/2027)."
          : evidence.detected && evidence.example
            ? `Dates like 05/01/2027 are read ${evidence.detected === "DMY" ? "day first" : "month first"}, because the file has “${evidence.example}”. Change it if that is wrong.`
            : "Some planned-start dates (like 05/01/2027) could be day first or month first. Choose how the file writes them; until then those rows fail the check."}
      </p>
      <div className="flex flex-wrap gap-4">
        {DATE_ORDERS.map((o) => (
          <label key={o} className="flex items-center gap-2 text-sm text-zinc-900">
            <input type="radio" name="date-order" value={o} checked={order === o} onChange={() => props.onChange(o)} />
            {DATE_ORDER_LABELS[o]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ValueTable(props: { header: string; index: number; field: ImportFieldKey; parsed: ParsedCsv; values: ValueMap; onChange: (v: ValueMap) => void }) {
  const field = IMPORT_FIELD_BY_KEY[props.field];
  const { values: distinct, more } = useMemo(
    () => distinctValues(props.field, props.parsed.rows.map((r) => r.cells[props.index] ?? ""), props.values),
    [props.field, props.parsed, props.index, props.values],
  );
  if (distinct.length === 0) return null;
  const set = (token: string, to: string) => props.onChange({ ...props.values, [props.field]: { ...(props.values[props.field] ?? {}), [token]: to } });
  return (
    <div className="relative overflow-x-auto rounded border border-zinc-200">
      <table className="min-w-full divide-y divide-zinc-200 text-sm" data-testid={`value-mapping-${props.field}`}>
        <caption className="bg-zinc-50 px-3 py-2 text-left font-medium text-zinc-900">
          “{props.header}” → {field.label}
        </caption>
        <thead className="text-left">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Value in the file</th>
            <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Rows</th>
            <th scope="col" className="px-3 py-2 font-semibold text-zinc-700">Means</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {distinct.map((d, i) => {
            const id = `val-${props.field}-${i}`;
            const unmapped = d.mapped === undefined;
            return (
              <tr key={d.token} className={unmapped ? "bg-amber-50" : undefined}>
                <th scope="row" className="px-3 py-2 text-left font-normal text-zinc-900">
                  {d.example}
                </th>
                <td className="px-3 py-2 tabular-nums text-zinc-600">{d.count.toLocaleString("en-US")}</td>
                <td className="min-w-56 px-3 py-2">
                  <label htmlFor={id} className="sr-only">
                    {field.label} for “{d.example}”
                  </label>
                  <select id={id} className={SELECT} value={unmapped ? UNMAPPED : d.mapped} aria-invalid={unmapped || undefined} onChange={(e) => set(d.token, e.currentTarget.value)}>
                    {unmapped && (
                      <option value={UNMAPPED} disabled>
                        — Not mapped: its rows will fail —
                      </option>
                    )}
                    <option value="">Leave empty (not answered)</option>
                    {field.options!.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more > 0 && <p className="px-3 py-2 text-xs text-zinc-600">{more.toLocaleString("en-US")} more values are not shown; those not recognised are reported row by row.</p>}
    </div>
  );
}
