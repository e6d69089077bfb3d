import Link from "next/link";
import type { ReactNode } from "react";
import { whoLogsUseCases, type FirstStep } from "@/lib/server/first-steps";
import { EmptyState } from "./empty-state";

const link = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900";

/** The first steps a member may take, each a link with what it does. */
export function FirstStepLinks({ steps }: { steps: readonly FirstStep[] }) {
  if (steps.length === 0) return null;
  return (
    <ul aria-label="First steps" className="mt-4 space-y-3">
      {steps.map((s) => (
        <li key={s.key}>
          <Link className={link} href={s.href}>
            {s.label}
          </Link>
          <span className="block text-sm text-zinc-600">{s.note}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A new organization's page, while it has no use cases: what it has not done yet, what this page
 * will show, and the steps this member may take from here.
 */
export function FirstSteps({ organization, steps, children }: { organization: string; steps: readonly FirstStep[]; children: ReactNode }) {
  const logs = steps.some((s) => s.key === "log");
  return (
    <EmptyState title={`${organization} has no use cases yet`}>
      <p>{children}</p>
      {logs ? null : <p className="mt-2">Use cases are logged by {whoLogsUseCases()}.</p>}
      <FirstStepLinks steps={steps} />
    </EmptyState>
  );
}
