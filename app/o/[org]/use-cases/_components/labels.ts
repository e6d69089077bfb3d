/** Display labels shared by the registry's pages (client and server). */
import { APPROACH_LABELS, type Approach } from "@/lib/domain/assessment";
import { RISK_FLAGS, type RiskFlagCode } from "@/lib/domain/portfolio/filter";
import { STATUS_LABELS, type Status } from "@/lib/domain/use-case";

export const RISK_FLAG_LABELS: Record<RiskFlagCode, string> = {
  FT_ON_FAST_CHANGING_KNOWLEDGE: "Fine-tuning on fast-changing knowledge",
  FT_WITHOUT_ENOUGH_LABELED_DATA: "Fine-tuning without enough labeled data",
  NO_EVALUATION_SET: "No evaluation set",
  CHOSEN_DIFFERS_FROM_CONSENSUS: "Chosen approach differs from consensus",
  STALENESS_EXCEEDS_ACCEPTABLE_LAG: "Staleness beyond the acceptable lag",
};

export function riskFlagLabel(code: string): string {
  return (RISK_FLAGS as readonly string[]).includes(code) ? RISK_FLAG_LABELS[code as RiskFlagCode] : code;
}

export function approachLabel(a: Approach | null | undefined, none = "—"): string {
  return a ? APPROACH_LABELS[a] : none;
}

export function statusLabel(s: Status): string {
  return STATUS_LABELS[s];
}

export const STATUS_STYLES: Record<Status, string> = {
  IDEA: "bg-zinc-100 text-zinc-700",
  ASSESSING: "bg-amber-100 text-amber-800",
  APPROVED: "bg-emerald-100 text-emerald-800",
  BUILDING: "bg-sky-100 text-sky-800",
  LIVE: "bg-green-100 text-green-800",
  RETIRED: "bg-zinc-200 text-zinc-600",
  UNKNOWN: "bg-white text-zinc-600 ring-1 ring-inset ring-zinc-300",
};

/** "4 of 5" frameworks agree. */
export function agreementText(votes: number, voters: number): string | null {
  return voters > 0 ? `${votes} of ${voters}` : null;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A fixed, locale-independent rendering (server and client agree, no hydration mismatch). */
export function formatDateTime(d: Date | string): string {
  return `${dateTime.format(typeof d === "string" ? new Date(d) : d)} UTC`;
}
export function formatDate(d: Date | string): string {
  return dateOnly.format(typeof d === "string" ? new Date(d) : d);
}

export function useCasePath(orgSlug: string, id?: string, sub?: string): string {
  const base = `/o/${encodeURIComponent(orgSlug)}/use-cases`;
  return id ? `${base}/${encodeURIComponent(id)}${sub ? `/${sub}` : ""}` : base;
}
