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
