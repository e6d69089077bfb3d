import { OWNER_ESTIMATE_TITLE, OWNER_ESTIMATE_WORDS } from "@/lib/domain/costing/owner-estimate";

/** The mark beside a lifecycle cost that is the owner's manual estimate, not the model's projection. */
export function OwnerEstimateMark({ className = "ml-1" }: { className?: string }) {
  return (
    <span className={`${className} whitespace-nowrap text-xs text-zinc-600`} title={OWNER_ESTIMATE_TITLE} data-testid="owner-estimate">
      {OWNER_ESTIMATE_WORDS}
    </span>
  );
}
