"use client";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/button";
import { FormMessage, SelectField, SubmitButton, TextField } from "@/components/form";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_ORDER, type RoleName } from "@/components/roles";
import { useFormAction } from "@/components/use-form-action";
import { inviteMember } from "../actions";
import { formatDateTime } from "@/components/dates";

const ROLE_OPTIONS = ROLE_ORDER.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Created {
  email: string;
  role: RoleName;
  link: string;
  expiresAt: string;
  mailed: boolean;
  /** Pending invitations to the same address this one replaced (their links stopped working). */
  replaced: number;
}

/** Invite by email and role; the link is shown once, to copy and send (only its hash is stored). */
export function InviteForm({ orgSlug }: { orgSlug: string }) {
  const [created, setCreated] = useState<Created | null>(null);
  const [role, setRole] = useState<RoleName>("LEAD");
  const form = useFormAction((input) => inviteMember(orgSlug, input), {
    resetOnSuccess: true,
    onSuccess: (data) => {
      setRole("LEAD");
      setCreated({ email: data.email, role: data.role, expiresAt: data.expiresAt, link: `${window.location.origin}${data.path}`, mailed: data.mailed, replaced: data.replaced });
    },
  });

  return (
    <div className="space-y-6">
      <form onSubmit={form.onSubmit} noValidate className="space-y-4">
        <FormMessage message={form.message} faults={form.faults} />
        <TextField label="Email address" name="email" type="email" autoComplete="off" required errors={form.errors("email")} />
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as RoleName)}
          options={ROLE_OPTIONS}
          hint={ROLE_DESCRIPTIONS[role]}
          errors={form.errors("role")}
        />
        <SubmitButton pending={form.pending} pendingLabel="Creating link…" className="w-full">
          Create invitation link
        </SubmitButton>
      </form>
      {created ? <CreatedLink created={created} /> : null}
    </div>
  );
}

function CreatedLink({ created }: { created: Created }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.link);
      setCopied("copied");
    } catch {
      inputRef.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div className="rounded-md border border-green-200 bg-green-50 p-4" role="status">
      <h3 ref={headingRef} tabIndex={-1} className="wrap-anywhere text-sm font-semibold text-green-900 focus:outline-none">
        Invitation created for {created.email} ({ROLE_LABELS[created.role]})
      </h3>
      <p className="mt-1 text-sm text-green-900">
        {created.mailed
          ? "We mailed them this link. You can also copy it and send it yourself: it is shown only now, "
          : "We could not mail them the link: copy it and send it to them. It is shown only now, "}
        works once, and expires on {formatDateTime(created.expiresAt)}.
      </p>
      {created.replaced > 0 ? (
        <p className="mt-1 text-sm font-medium text-green-900" data-testid="invitation-replaced">
          It replaces the earlier invitation to {created.email}: that link no longer works.
        </p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <label htmlFor="invitation-link" className="sr-only">
          Invitation link
        </label>
        <input
          ref={inputRef}
          id="invitation-link"
          readOnly
          value={created.link}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-inset ring-green-300"
        />
        <button type="button" onClick={copy} className={buttonClass("secondary", "shrink-0 px-3")}>
          {copied === "copied" ? "Copied" : "Copy link"}
        </button>
      </div>
      {copied === "failed" ? <p className="mt-2 text-sm text-green-900">Press Ctrl+C (⌘C on a Mac) to copy the selected link.</p> : null}
    </div>
  );
}
