"use client";
/**
 * The list page's own controls: the search box (it follows the URL when the URL changes), a
 * dropdown, and a multi-select of checkboxes for a filter. Plain HTML <details>, so they work
 * before the page's script has loaded.
 */
import { useState, type ReactNode } from "react";
import { SEARCH_LABEL } from "@/lib/domain/use-case-list";

export function SearchBox(props: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(props.value);
  const [seen, setSeen] = useState(props.value);
  if (seen !== props.value) {
    // The URL changed (back button, cleared filters): show what it says.
    setSeen(props.value);
    setText(props.value);
  }
  return (
    <form
      role="search"
      className="flex items-end gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch(text);
      }}
    >
      <label className="flex flex-col text-xs font-medium text-zinc-600">
        {SEARCH_LABEL}
        <input
          type="search"
          name="q"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          className="mt-1 w-64 rounded border border-zinc-300 px-2 py-1 text-sm"
        />
      </label>
      <button type="submit" className="rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-50">
        Search
      </button>
    </form>
  );
}

export function Dropdown(props: { label: ReactNode; children: ReactNode }) {
  return (
    // On a phone the panel hangs from the filter row (positioned), not from this button, so it never runs past the window.
    <details className="sm:relative">
      <summary className="cursor-pointer list-none rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-50">{props.label} ▾</summary>
      <div className="absolute right-0 z-10 mt-1 max-h-80 min-w-56 overflow-auto rounded border border-zinc-200 bg-white py-1 shadow-lg">{props.children}</div>
    </details>
  );
}

export function MultiSelect(props: { label: string; options: { value: string; label: string }[]; selected: string[]; onChange: (values: string[]) => void }) {
  const { selected } = props;
  return (
    // On a phone the list spans the filter row (positioned), not hanging from this button past the window's edge.
    <details className="sm:relative">
      <summary className={`cursor-pointer list-none rounded border px-2 py-1 text-sm hover:bg-zinc-50 ${selected.length ? "border-brand-500 bg-brand-50" : "border-zinc-300"}`}>
        {props.label}
        {selected.length > 0 && <span className="ml-1 rounded bg-brand-600 px-1.5 text-xs text-white">{selected.length}</span>} ▾
      </summary>
      <fieldset className="absolute inset-x-0 z-10 mt-1 sm:inset-x-auto max-h-80 min-w-56 overflow-auto rounded border border-zinc-200 bg-white py-1 shadow-lg">
        <legend className="sr-only">{props.label}</legend>
        {props.options.length === 0 && <p className="px-2 py-1 text-sm text-zinc-500">Nothing to choose yet</p>}
        {props.options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 px-2 py-1 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) => props.onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
