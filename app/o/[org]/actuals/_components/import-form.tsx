"use client";
/**
 * The actual-spend import form: a FOCUS, LiteLLM or other CSV file, the feed it belongs to (a
 * later file of the same feed replaces the months it covers), and what the file needs said: the
 * cost column of a FOCUS file, the tag naming use cases, exchange rates for other currencies.
 * Once a file is chosen, its header row is read here and the columns for the date, the cost and
 * the use case are offered, set to what the app recognises (FOCUS and LiteLLM names, and common
 * ones), so a CSV with headers of its own ("Invoice Date", "Amount USD") can be imported: the
 * server lays the choices over its own suggestion of the header it reads. The server reads the
 * file as a stream; the result lists every month's total, the months replaced, and each refused
 * row with its reason.
 */
import { FILE_INPUT_CLASS } from "@/components/file-input";
import { useRouter } from "next/navigation";
import Papa from "papaparse";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/button";
import { SelectField, TextField } from "@/components/form";
import { CHOSEN_ACTUAL_FIELDS, MONTH_NAMES, suggestActualColumns, type ChosenActualField } from "@/lib/domain/actuals";
import { exactDollars } from "@/lib/domain/money";
import { importActualSpend } from "../actions";
import { ScriptButton } from "@/components/script-button";

type Outcome = Awaited<ReturnType<typeof importActualSpend>>;

const monthLabel = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

/** The file's header row, read from its first 64 kB; null when it has none to read. */
async function headerOf(file: File): Promise<string[] | null> {
  const text = (await file.slice(0, 65_536).text()).replace(/^\uFEFF/, "");
  const first = Papa.parse<string[]>(text, { preview: 1, skipEmptyLines: true }).data[0];
  return first && first.some((h) => h.trim() !== "") ? first.map((h) => h.trim()) : null;
}

const COLUMN_LABELS: Record<ChosenActualField, { label: string; hint: string }> = {
  date: { label: "Date column", hint: "Each row's date (in FOCUS, ChargePeriodStart)." },
  cost: { label: "Cost column", hint: "Each row's cost (in FOCUS, BilledCost or EffectiveCost; in LiteLLM, spend)." },
  useCase: { label: "Use-case column (optional)", hint: "A column holding the use case's external id, where the file has one; else the tag below names it." },
};

export function ImportActualsForm({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [headers, setHeaders] = useState<string[] | null>(null);
  const [chosen, setChosen] = useState<Partial<Record<ChosenActualField, string>>>({});
  // Only the columns the person changed are sent: the rest stay the server's suggestion, which
  // also follows the FOCUS cost column chosen below.
  const [touched, setTouched] = useState<ReadonlySet<ChosenActualField>>(new Set());

  // The FOCUS cost column the server will prefer: the Columns' cost follows it until changed by hand.
  const [costColumn, setCostColumn] = useState<"BilledCost" | "EffectiveCost">("BilledCost");
  const suggestionOf = (found: readonly string[], preferred: "BilledCost" | "EffectiveCost") => {
    const suggested = suggestActualColumns(found, { costColumn: preferred });
    return Object.fromEntries(CHOSEN_ACTUAL_FIELDS.map((f) => [f, found.find((h) => suggested[h] === f) ?? ""])) as Partial<Record<ChosenActualField, string>>;
  };

  const readHeader = async (file: File | undefined) => {
    const found = file ? await headerOf(file).catch(() => null) : null;
    setHeaders(found);
    setTouched(new Set());
    setChosen(found ? suggestionOf(found, costColumn) : {});
  };

  const chooseCostColumn = (preferred: "BilledCost" | "EffectiveCost") => {
    setCostColumn(preferred);
    if (headers && !touched.has("cost")) setChosen((c) => ({ ...c, cost: suggestionOf(headers, preferred).cost ?? "" }));
  };

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({ ok: false, code: "VALIDATION", message: "Choose a CSV file.", fieldErrors: { file: ["Choose a CSV file."] } });
      return;
    }
    const currency = String(form.get("currency") ?? "").trim();
    const rate = String(form.get("rate") ?? "").trim();
    start(async () => {
      try {
        const res = await importActualSpend(orgSlug, {
          file,
          fileName: file.name,
          feed: String(form.get("feed") ?? ""),
          format: String(form.get("format") ?? "auto"),
          costColumn: String(form.get("costColumn") ?? "BilledCost"),
          tagKey: String(form.get("tagKey") ?? "usecase"),
          rates: currency || rate ? [{ currency, rate }] : [],
          onlyValid: form.get("onlyValid") === "on",
          ...(headers && touched.size ? { chosenColumns: Object.fromEntries([...touched].map((f) => [f, chosen[f] ?? ""])) } : {}),
        });
        setOutcome(res);
        if (res.ok && res.data.committed) router.refresh();
      } catch {
        setOutcome({ ok: false, code: "NETWORK", message: "We could not reach the server; nothing was imported." });
      }
    });
  };

  const errors = outcome && !outcome.ok ? outcome.fieldErrors ?? {} : {};
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Import actual spend">
      <div>
        <label htmlFor="actuals-file" className="block text-sm font-medium text-zinc-900">
          CSV file
        </label>
        <input
          id="actuals-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          className={FILE_INPUT_CLASS}
          aria-describedby="actuals-file-hint"
          onChange={(e) => void readHeader(e.currentTarget.files?.[0])}
        />
        <p id="actuals-file-hint" className="mt-1.5 text-sm text-zinc-600">
          A FOCUS export (BilledCost, ChargePeriodStart, ServiceCategory, SkuId, Tags…), a LiteLLM spend export, or any CSV with a date and a cost column.
        </p>
        {errors.file ? <p className="mt-1.5 text-sm font-medium text-red-700">{errors.file.join(" ")}</p> : null}
      </div>
      {headers ? (
        <fieldset className="rounded-md border border-zinc-200 p-3" data-testid="actuals-columns">
          <legend className="px-1 text-sm font-medium text-zinc-900">Columns</legend>
          <p className="text-sm text-zinc-600">Set to what the file&apos;s headers are recognised as; change any that is wrong.</p>
          <div className="mt-2 grid gap-4 sm:grid-cols-3">
            {CHOSEN_ACTUAL_FIELDS.map((f) => (
              <SelectField
                key={f}
                label={COLUMN_LABELS[f].label}
                name={`column-${f}`}
                hint={COLUMN_LABELS[f].hint}
                value={chosen[f] ?? ""}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setChosen((c) => ({ ...c, [f]: value }));
                  setTouched((t) => new Set([...t, f]));
                }}
                options={[{ value: "", label: "— none —" }, ...[...new Set(headers)].map((h) => ({ value: h, label: h }))]}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Feed" name="feed" placeholder="Azure billing" hint="A later file of the same feed replaces the months it covers. Empty: the format's name." errors={errors.feed} />
        <SelectField
          label="Format"
          name="format"
          defaultValue="auto"
          options={[
            { value: "auto", label: "Recognise from the columns" },
            { value: "FOCUS", label: "FOCUS" },
            { value: "LITELLM", label: "LiteLLM spend export" },
            { value: "CSV", label: "Other CSV" },
          ]}
        />
        <SelectField
          label="FOCUS cost column"
          name="costColumn"
          value={costColumn}
          onChange={(e) => chooseCostColumn(e.currentTarget.value === "EffectiveCost" ? "EffectiveCost" : "BilledCost")}
          hint="What was invoiced (BilledCost) or the amortised cost (EffectiveCost); only one counts."
          options={[
            { value: "BilledCost", label: "BilledCost" },
            { value: "EffectiveCost", label: "EffectiveCost" },
          ]}
        />
        <TextField label="Use-case tag" name="tagKey" defaultValue="usecase" hint="The tag whose value is a use case's external id (usecase=UC-12)." errors={errors.tagKey} />
        <TextField label="Other currency (optional)" name="currency" placeholder="EUR" maxLength={3} errors={errors.rates} />
        <TextField label="Its rate to US dollars" name="rate" placeholder="1.08" inputMode="decimal" hint="Rows in another currency without a rate are refused, each named." />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="onlyValid" /> Import the readable rows and leave out the ones refused
      </label>
      <ScriptButton type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </ScriptButton>
      {outcome && <OutcomeView outcome={outcome} />}
    </form>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok) {
    return (
      <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        {outcome.message}
      </p>
    );
  }
  const o = outcome.data;
  return (
    <div role={o.committed ? "status" : "alert"} className={`space-y-2 rounded border px-3 py-2 text-sm ${o.committed ? "border-green-300 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900"}`} data-testid="actuals-outcome">
      {o.committed ? (
        <p className="font-medium">
          Imported {o.accepted.toLocaleString("en-US")} rows ({o.format === "FOCUS" ? "FOCUS" : o.format === "LITELLM" ? "LiteLLM" : "CSV"}, feed “{o.feed}”): {exactDollars(BigInt(o.totalCents))} in all.
          {o.refusedCount > 0 ? ` ${o.refusedCount.toLocaleString("en-US")} unreadable rows were left out.` : ""}
        </p>
      ) : (
        <p className="font-medium">Nothing was imported.</p>
      )}
      {o.problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {Object.keys(o.months).length > 0 && (
        <ul className="list-disc pl-5">
          {Object.entries(o.months).map(([m, c]) => (
            <li key={m}>
              {monthLabel(m)}: {exactDollars(BigInt(c))}
              {o.replacedMonths.includes(m) ? " (replaces the earlier file of this feed for that month)" : ""}
            </li>
          ))}
        </ul>
      )}
      {o.refused.length > 0 && (
        <div>
          <p>
            {o.refusedCount.toLocaleString("en-US")} row{o.refusedCount === 1 ? "" : "s"} could not be read{o.committed ? " and were left out" : "; fix them, or tick “leave out” to import the rest"}:
          </p>
          <ul className="list-disc pl-5" data-testid="refused-rows">
            {o.refused.slice(0, 50).map((r) => (
              <li key={r.row}>
                Row {r.row}: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
