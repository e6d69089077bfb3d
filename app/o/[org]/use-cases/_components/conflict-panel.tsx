"use client";
/**
 * What the use-case form shows when someone else's save overtook yours: who saved and when, each
 * field they changed or that differs from yours (as opened, theirs, yours), and the two ways on:
 * load theirs, or apply yours to theirs and save.
 */
import { diffFields, fieldLabel, flattenFields, formatFieldValue } from "@/lib/domain/use-case-changes";
import type { checkFormValues } from "@/lib/domain/use-case-form";
import type { UseCaseConflictDetails } from "@/lib/server/use-cases/write";
import type { Fields } from "./form-fields";

export function ConflictPanel(props: {
  conflict: UseCaseConflictDetails;
  base?: Fields;
  mine: ReturnType<typeof checkFormValues>;
  names: Record<string, string>;
  /** Who is editing: a save of their own (another tab, or this form opened again by Back) is said as theirs, not "someone else's". */
  currentUserId: string;
  pending: boolean;
  onLoadTheirs: () => void;
  onReapply: () => void;
}) {
  const { conflict } = props;
  const theirs = conflict.current as Record<string, unknown>;
  const mine = (props.mine.ok ? { ...props.mine.fields, ownerId: props.mine.fields.ownerId ?? conflict.current.ownerId } : props.mine.input) as Record<string, unknown>;
  const theirChanges = props.base ? diffFields(props.base as Record<string, unknown>, theirs).changed : [];
  const differs = diffFields(theirs, mine).changed;
  const paths = [...new Set([...theirChanges, ...differs])];
  const flatBase = flattenFields(props.base as Record<string, unknown> | undefined);
  const flatTheirs = flattenFields(theirs);
  const flatMine = flattenFields(mine);
  const when = new Date(conflict.changedAt);
  const at = `${when.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  // A review saved, pressed Back to the form as it was before the save, saved again, and was told "someone else" had.
  const own = conflict.changedBy?.id === props.currentUserId;
  return (
    <div role="alert" className="space-y-3 rounded border border-orange-300 bg-orange-50 p-4 text-sm" data-testid="conflict">
      <p className="font-semibold text-orange-900">{own ? "You saved this use case since this form was opened." : "Someone else saved this use case since you opened it."}</p>
      {own ? (
        <p>
          You saved it at {at}, in another tab or before going back to this form, which still shows it as it was before that save. Nothing is lost: what is typed
          here is still in the form below. Applying it to the saved version keeps that save and these edits; where both changed a field, these edits are kept.
        </p>
      ) : (
        <p>
          {conflict.changedBy ? conflict.changedBy.name : "Someone"} saved it at {at}. Nothing of yours is lost: your edits
          are still in the form below. Applying your changes to their version keeps their changes and yours; where you both changed a field, yours is kept.
        </p>
      )}
      {paths.length > 0 ? (
        <table className="w-full text-left">
          <thead>
            <tr>
              <th className="py-1 pr-3">Field</th>
              {props.base && <th className="py-1 pr-3">When you opened it</th>}
              <th className="py-1 pr-3">{own ? "The saved version" : "Their saved version"}</th>
              <th className="py-1">Yours</th>
            </tr>
          </thead>
          <tbody>
            {paths.map((p) => (
              <tr key={p} className="border-t border-orange-200 align-top">
                <td className="py-1 pr-3 font-medium">{fieldLabel(p)}</td>
                {props.base && <td className="py-1 pr-3">{formatFieldValue(p, flatBase[p], props.names)}</td>}
                <td className="py-1 pr-3">{formatFieldValue(p, flatTheirs[p], props.names)}</td>
                <td className="py-1">{formatFieldValue(p, flatMine[p], props.names)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{own ? "The saved version has the same values as this form." : "Their saved version has the same values as yours."}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={props.onLoadTheirs} className="rounded border border-orange-400 bg-white px-3 py-1.5 font-medium hover:bg-orange-100">
          {own ? "Discard these edits and load the saved version" : "Discard mine and load their version"}
        </button>
        <button type="button" disabled={props.pending} onClick={props.onReapply} className="rounded bg-orange-700 px-3 py-1.5 font-medium text-white hover:bg-orange-800 disabled:opacity-50">
          {own ? "Apply these edits to the saved version and save" : "Apply my changes to their version and save"}
        </button>
      </div>
    </div>
  );
}
