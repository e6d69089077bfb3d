/**
 * Dates as every page and sentence writes them: fixed, locale-independent and in UTC, so the
 * server and the browser agree (no hydration mismatch) and a date reads the same everywhere:
 * "5 Dec 2026", "5 Dec 2026, 17:25 UTC".
 */
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDateTime(d: Date | string): string {
  return `${dateTime.format(typeof d === "string" ? new Date(d) : d)} UTC`;
}

export function formatDate(d: Date | string): string {
  return dateOnly.format(typeof d === "string" ? new Date(d) : d);
}

/** A wait in words, for a refusal that says when to try again: "45 seconds", "1 minute", "7 minutes" (rounded up). */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}
