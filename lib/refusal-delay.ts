/**
 * A tarpit for refusals (issue 16): an anonymous request refused for its size, its shape or a
 * throttle is answered only after a short hold. A person who meets a refusal waits a second
 * longer to read it; a client that floods the server one request after another is slowed to about
 * one refused request a second per connection, instead of as many as the server can turn away,
 * so the people signed in keep their speed. The hold costs a timer, no CPU and no database work.
 *
 * REFUSAL_DELAY_MS sets it (default 1,000; 0 turns it off, as the unit tests do). Pure: no
 * Next.js, Prisma or I/O, so the proxy and the server both use it.
 */
export const DEFAULT_REFUSAL_DELAY_MS = 1000;
export const MAX_REFUSAL_DELAY_MS = 10_000;

/** The delay REFUSAL_DELAY_MS asks for. */
export function refusalDelayMs(): number {
  return parseRefusalDelay(process.env.REFUSAL_DELAY_MS);
}

export function parseRefusalDelay(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === "") return DEFAULT_REFUSAL_DELAY_MS;
  const n = Number(setting);
  if (!Number.isFinite(n) || n < 0) return DEFAULT_REFUSAL_DELAY_MS;
  return Math.min(Math.round(n), MAX_REFUSAL_DELAY_MS);
}

/** Resolves after the refusal delay. */
export function holdRefusal(ms = refusalDelayMs()): Promise<void> {
  return ms === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
