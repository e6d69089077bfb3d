"use client";
import { useId, useRef, useState } from "react";
import { buttonClass } from "@/components/button";
import { FieldError, SelectField, SubmitButton } from "@/components/form";
import { ROLE_LABELS, ROLE_ORDER, type RoleName } from "@/components/roles";
import { useFormAction } from "@/components/use-form-action";
import { removeMember, updateMemberRole } from "../actions";
import { ScriptButton } from "@/components/script-button";

const ROLE_OPTIONS = ROLE_ORDER.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** One member's row controls: change role, and remove (with a confirmation step). */
export function MemberActions({
  orgSlug,
  membershipId,
  name,
  role,
  isSelf,
  isOnlyAdmin,
}: {
  orgSlug: string;
  membershipId: string;
  name: string;
  role: RoleName;
  isSelf: boolean;
  isOnlyAdmin: boolean;
}) {
  const roleForm = useFormAction((input) => updateMemberRole(orgSlug, input), {
    extra: { membershipId },
    // Refused (e.g. the last admin): put the picker back to the saved role.
    onFailure: (_res, form) => form.reset(),
  });
  const [confirming, setConfirming] = useState(false);
  const removeToggleRef = useRef<HTMLButtonElement>(null);
  const removeForm = useFormAction((input) => removeMember(orgSlug, input), {
    extra: { membershipId },
    onSuccess: (data) => {
      setConfirming(false);
      if (data.removedSelf) window.location.assign("/");
    },
  });
  const roleErrorId = useId();
  const hintId = useId();
  const removeErrorId = useId();
  const roleError = roleForm.message ? [roleForm.message] : undefined;
  const removeError = removeForm.message ? [removeForm.message] : undefined;
  const who = isSelf ? "yourself" : name;
  const describedBy = [roleError && roleErrorId, isOnlyAdmin && hintId].filter(Boolean).join(" ") || undefined;

  return (
    <div className="flex min-w-80 flex-col gap-2">
      <form onSubmit={roleForm.onSubmit} className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <SelectField
            key={role}
            label={`Role for ${name}`}
            hideLabel
            name="role"
            defaultValue={role}
            options={ROLE_OPTIONS}
            className="w-40"
            aria-describedby={describedBy}
            aria-invalid={roleError ? true : undefined}
          />
          <SubmitButton pending={roleForm.pending} pendingLabel="Saving…" variant="secondary" className="px-3 py-2">
            Change role<span className="sr-only"> for {name}</span>
          </SubmitButton>
          {!confirming ? (
            <ScriptButton
              ref={removeToggleRef}
              className={buttonClass("ghost", "px-3 py-2 text-red-700 hover:bg-red-50 hover:text-red-800")}
              onClick={() => setConfirming(true)}
            >
              Remove<span className="sr-only"> {name}</span>
            </ScriptButton>
          ) : null}
        </div>
        <div role="alert">
          <FieldError id={roleErrorId} errors={roleError} />
        </div>
        {isOnlyAdmin && !roleError ? (
          <p id={hintId} className="text-xs text-zinc-500">
            The only admin: make someone else an admin before changing this role.
          </p>
        ) : null}
      </form>

      {confirming ? (
        <form onSubmit={removeForm.onSubmit} className="rounded-md border border-red-200 bg-red-50 p-3" aria-describedby={removeError ? removeErrorId : undefined}>
          <p className="text-sm text-red-900">
            Remove {who} from this organization?{isSelf ? " You will lose access to it." : ""}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <SubmitButton pending={removeForm.pending} pendingLabel="Removing…" variant="danger" className="px-3 py-1.5">
              Remove<span className="sr-only"> {who}</span>
            </SubmitButton>
            <button
              type="button"
              autoFocus
              className={buttonClass("secondary", "px-3 py-1.5")}
              onClick={() => {
                setConfirming(false);
                removeForm.reset();
                requestAnimationFrame(() => removeToggleRef.current?.focus());
              }}
            >
              Cancel
            </button>
          </div>
          <div role="alert" tabIndex={-1} data-form-message className="focus:outline-none">
            <FieldError id={removeErrorId} errors={removeError} />
          </div>
        </form>
      ) : null}
    </div>
  );
}
