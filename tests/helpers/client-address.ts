/**
 * The client address that server code sees in integration tests (lib/server/request-ip.ts is
 * replaced in tests/setup.ts). By default every call comes from a new address, so that the
 * per-address throttles on anonymous work never trip a test that is not about them; a throttle
 * test fixes one with `actFrom`.
 */
import { randomUUID } from "node:crypto";

let fixed: string | null = null;

export function actFrom(address: string | null): void {
  fixed = address;
}
export function currentTestAddress(): string {
  return fixed ?? `test-${randomUUID()}`;
}

let path = "";
/** The page path the security log records for a refused page (lib/server/request-ip.ts, requestPath). */
export function visitPath(p: string): void {
  path = p;
}
export function currentTestPath(): string {
  return path;
}
