/**
 * A numeric setting from the environment: its value when it is a whole number of at least `min`,
 * else `fallback`. Unset, empty (a line copied from .env.example as it stands) and malformed all
 * take the default, so a pool size never silently becomes 0 or NaN.
 */
export function numberSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name]?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= min ? n : fallback;
}
