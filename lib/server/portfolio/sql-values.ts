import "server-only";

/**
 * Values from PostgreSQL into plain numbers. Sums of bigint cents come back as BigInt; every
 * cent amount the portfolio can reach is far below 2^53, and one that is not is refused rather
 * than rounded.
 */
export function int(v: bigint | number | string | null | undefined | { toString(): string }): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number(v.toString());
  if (!Number.isSafeInteger(n)) throw new RangeError(`Amount out of the safe integer range: ${String(v)}`);
  return n;
}

export function float(v: number | string | null | undefined | { toString(): string }): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : Number(v.toString());
  return Number.isFinite(n) ? n : null;
}
