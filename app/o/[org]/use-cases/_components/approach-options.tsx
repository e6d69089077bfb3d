import { APPROACHES, APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import type { OptionNotes } from "@/lib/domain/costing/options";

export type { OptionNotes };

/** The approaches as a select's options, each with its price and whether it can serve (lib/domain/costing/options.ts). */
export function ApproachOptions({ recommended, notes }: { recommended: string | null; notes: OptionNotes }) {
  return APPROACHES.map((a) => (
    <option key={a} value={a}>
      {APPROACH_LABELS[a]}
      {a === recommended ? " (recommended)" : ""}
      {notes[a] ? ` — ${notes[a].text}` : ""}
    </option>
  ));
}

/** Under the select: what the approach selected costs, and why it cannot serve where it cannot. */
export function SelectedOptionNote({ approach, notes, id }: { approach: string; notes: OptionNotes; id: string }) {
  const note = notes[approach as Approach];
  if (!note) return null;
  return (
    <p id={id} data-testid="option-note" className={`mt-1 text-sm ${note.cannotServe ? "text-red-800" : "text-zinc-700"}`}>
      {APPROACH_LABELS[approach as Approach]}: {note.text}.
    </p>
  );
}
