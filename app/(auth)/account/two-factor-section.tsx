"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { buttonClass } from "@/components/button";
import { FormMessage, SubmitButton, TextField } from "@/components/form";
import { useFormAction } from "@/components/use-form-action";
import { beginTwoFactor, disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes } from "./actions";

/**
 * Two-factor sign-in: set up (scan or type the secret, confirm with a code, keep the recovery
 * codes shown once), replace the recovery codes, or turn it off.
 */
export function TwoFactorSection({ enabledOn, codesLeft, requiredBy }: { enabledOn: string | null; codesLeft: number; requiredBy: string[] }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} onSaved={() => setCodes(null)} />;
  if (!enabledOn) return <Enrol requiredBy={requiredBy} onEnabled={setCodes} />;
  return (
    <div className="space-y-6">
      <p className="text-sm text-zinc-800" data-testid="two-factor-status">
        Two-factor sign-in is on since {enabledOn}. You have {codesLeft} unused recovery code{codesLeft === 1 ? "" : "s"}.
      </p>
      <Regenerate onDone={setCodes} />
      {requiredBy.length ? (
        <p className="text-sm text-zinc-700">
          {requiredBy.join(", ")} require{requiredBy.length === 1 ? "s" : ""} it of you, so it cannot be turned off.
        </p>
      ) : (
        <Disable />
      )}
    </div>
  );
}

function Enrol({ requiredBy, onEnabled }: { requiredBy: string[]; onEnabled: (codes: string[]) => void }) {
  const [offer, setOffer] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useFormAction(enableTwoFactor, { onSuccess: (data) => onEnabled(data.recoveryCodes) });
  if (!offer) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-zinc-800">
          Two-factor sign-in is off. With it on, signing in also asks for a code from an authenticator app on your phone (such as Google
          Authenticator, Microsoft Authenticator, 1Password or Authy), so a stolen password alone is not enough.
          {requiredBy.length ? ` ${requiredBy.join(", ")} require${requiredBy.length === 1 ? "s" : ""} it.` : ""}
        </p>
        <FormMessage message={error} />
        <button
          type="button"
          disabled={pending}
          className={buttonClass("primary")}
          onClick={() =>
            start(async () => {
              const res = await beginTwoFactor({}).catch(() => null);
              if (res?.ok) setOffer(res.data);
              else setError(res?.message ?? "We could not reach the server. Try again.");
            })
          }
        >
          {pending ? "Preparing…" : "Set up two-factor sign-in"}
        </button>
      </div>
    );
  }
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-zinc-800">1. Scan this QR code with your authenticator app, or type the key below into it.</p>
      {/* The SVG is made on the server by the qrcode package from the otpauth:// URI. */}
      <div role="img" aria-label="QR code of your two-factor key" className="h-48 w-48" dangerouslySetInnerHTML={{ __html: offer.qrSvg }} />
      <p className="text-sm text-zinc-800">
        Key: <code data-testid="totp-secret" className="break-all rounded bg-zinc-100 px-1 py-0.5 font-mono text-zinc-900">{offer.secret}</code>
      </p>
      <p className="text-sm text-zinc-800">2. Enter the 6-digit code the app shows, to confirm.</p>
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" required errors={form.errors("code")} />
      <SubmitButton pending={form.pending} pendingLabel="Checking…">
        Turn on two-factor sign-in
      </SubmitButton>
    </form>
  );
}

function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const router = useRouter();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="space-y-4 rounded-md border border-green-200 bg-green-50 p-4" role="status">
      <h3 ref={ref} tabIndex={-1} className="text-base font-semibold text-green-900 focus:outline-none">
        Two-factor sign-in is on. Save your recovery codes
      </h3>
      <p className="text-sm text-green-900">
        If you lose your phone, each of these codes signs you in once instead of a code from the app. They are shown only now: print them or keep
        them in your password manager.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono text-sm text-zinc-900">
        {codes.map((c) => (
          <li key={c} className="rounded bg-white px-2 py-1 ring-1 ring-green-200">
            {c}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className={buttonClass("primary")}
        onClick={() => {
          onSaved();
          router.refresh();
        }}
      >
        I have saved them
      </button>
    </div>
  );
}

function Regenerate({ onDone }: { onDone: (codes: string[]) => void }) {
  const form = useFormAction(regenerateRecoveryCodes, { onSuccess: (data) => onDone(data.recoveryCodes) });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      <h3 className="text-base font-semibold text-zinc-900">New recovery codes</h3>
      <p className="text-sm text-zinc-700">Replaces all your recovery codes; the old ones stop working.</p>
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" required errors={form.errors("code")} />
      <SubmitButton pending={form.pending} pendingLabel="Making codes…">
        Make new recovery codes
      </SubmitButton>
    </form>
  );
}

function Disable() {
  const router = useRouter();
  const form = useFormAction(disableTwoFactor, { onSuccess: () => router.refresh() });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3 border-t border-zinc-200 pt-6">
      <h3 className="text-base font-semibold text-zinc-900">Turn off two-factor sign-in</h3>
      <FormMessage message={form.message} faults={form.faults} />
      <TextField label="Current password" name="password" type="password" autoComplete="current-password" required errors={form.errors("password")} />
      <TextField label="Code from the app, or a recovery code" name="code" autoComplete="one-time-code" required errors={form.errors("code")} />
      <SubmitButton pending={form.pending} pendingLabel="Turning off…" variant="secondary">
        Turn off two-factor sign-in
      </SubmitButton>
    </form>
  );
}
