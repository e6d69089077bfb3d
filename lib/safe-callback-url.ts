/**
 * Where to send someone after signing in: only a path on this site. An absolute URL (next-auth
 * sends those) keeps its path and drops its origin; anything odd falls back to "/".
 * Pure: no Next.js, React or I/O.
 */
export function safeCallbackUrl(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(raw, "http://local.invalid");
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path.startsWith("/sign-in") || path.startsWith("/api/")) return fallback;
  return path;
}
