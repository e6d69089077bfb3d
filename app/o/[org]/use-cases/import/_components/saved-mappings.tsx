"use client";
/**
 * The import's saved mappings: start from one saved for files with the same columns, save the
 * current mapping under a name (the same name replaces it), or delete one. Part of the mapping step.
 */
import { useState } from "react";
import { buttonClass } from "@/components/button";
import type { ImportMapping } from "@/lib/domain/import";
import type { SavedMapping } from "@/lib/server/import/mappings";
import { deleteImportMapping, saveImportMapping } from "../actions";

/** The mapping step's selects. */
export const SELECT =
  "block w-full rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-600";

/** What the saved-mappings picker needs; the mapping step passes these through. */
export interface SavedMappingsProps {
  orgSlug: string;
  defaultName: string;
  mapping: ImportMapping;
  saved: SavedMapping[];
  savedId: string;
  onPickSaved: (id: string) => void;
  onSaved: (m: SavedMapping, list: SavedMapping[]) => void;
  onDeleted: (id: string) => void;
  disabled: boolean;
}

export function SavedMappings(props: SavedMappingsProps) {
  const current = props.saved.find((m) => m.id === props.savedId);
  const [name, setName] = useState(current?.name ?? props.defaultName);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save() {
    setPending(true);
    setMessage(null);
    try {
      const res = await saveImportMapping(props.orgSlug, { name, mapping: props.mapping });
      if (res.ok) {
        const list = [...props.saved.filter((m) => m.id !== res.data.id), res.data].sort((a, b) => a.name.localeCompare(b.name));
        props.onSaved(res.data, list);
        setMessage({ tone: "success", text: `Saved the mapping “${res.data.name}”. It will be offered for files with these columns.` });
      } else setMessage({ tone: "error", text: res.fieldErrors?.name?.join(" ") ?? res.message });
    } catch {
      setMessage({ tone: "error", text: "We could not reach the server; the mapping was not saved." });
    } finally {
      setPending(false);
    }
  }

  async function remove() {
    if (!current) return;
    setPending(true);
    setMessage(null);
    try {
      const res = await deleteImportMapping(props.orgSlug, { id: current.id });
      if (res.ok) {
        props.onDeleted(current.id);
        setMessage({ tone: "success", text: `Deleted the saved mapping “${current.name}”.` });
      } else setMessage({ tone: "error", text: res.message });
    } catch {
      setMessage({ tone: "error", text: "We could not reach the server; nothing was deleted." });
    } finally {
      setPending(false);
    }
  }

  return (
    <fieldset disabled={props.disabled || pending} className="grid gap-4 rounded border border-zinc-200 bg-zinc-50 p-4 sm:grid-cols-2">
      <legend className="sr-only">Saved mappings</legend>
      <div>
        <label htmlFor="saved-mapping" className="block text-sm font-medium text-zinc-900">
          Start from
        </label>
        <select
          id="saved-mapping"
          className={`${SELECT} mt-1.5`}
          value={props.savedId}
          onChange={(e) => {
            const id = e.currentTarget.value;
            props.onPickSaved(id);
            const m = props.saved.find((s) => s.id === id);
            if (m) setName(m.name);
          }}
        >
          <option value="">Suggestions from the column names</option>
          {props.saved.map((m) => (
            <option key={m.id} value={m.id}>
              Saved mapping: {m.name}
            </option>
          ))}
        </select>
        {current && (
          <button type="button" className="mt-2 text-xs font-medium text-red-700 underline" onClick={() => void remove()}>
            Delete the saved mapping “{current.name}”
          </button>
        )}
      </div>
      <div>
        <label htmlFor="mapping-name" className="block text-sm font-medium text-zinc-900">
          Save this mapping as
        </label>
        <div className="mt-1.5 flex gap-2">
          <input
            id="mapping-name"
            className="block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-brand-600"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <button type="button" className={buttonClass("secondary", "shrink-0")} onClick={() => void save()} aria-disabled={pending || undefined}>
            Save mapping
          </button>
        </div>
        <p className="mt-1 text-xs text-zinc-600">Same name: the saved mapping is replaced.</p>
      </div>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={`text-sm sm:col-span-2 ${message.tone === "error" ? "text-red-800" : "text-green-800"}`}>
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
