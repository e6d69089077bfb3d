import { ROLE_LABELS, type RoleName } from "./roles";

const TONES: Record<RoleName, string> = {
  ADMIN: "bg-brand-50 text-brand-800 ring-brand-200",
  EXECUTIVE: "bg-zinc-100 text-zinc-800 ring-zinc-300",
  LEAD: "bg-zinc-100 text-zinc-800 ring-zinc-300",
  FINANCE: "bg-zinc-100 text-zinc-800 ring-zinc-300",
};

/** The person's role in the active organization, as a small label. */
export function RoleBadge({ role, className = "" }: { role: RoleName; className?: string }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[role]} ${className}`}>
      {ROLE_LABELS[role]}
    </span>
  );
}
