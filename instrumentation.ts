/**
 * Next.js calls `register` once when a server starts. Work that would otherwise land on the first
 * request that needs it, holding up every request in flight, is done here instead.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { warmPasswordEstimator } = await import("@/lib/domain/accounts/password-strength");
  // After start-up, so the server listens first; then about a third of a second of one core.
  setTimeout(warmPasswordEstimator, 0);
}
