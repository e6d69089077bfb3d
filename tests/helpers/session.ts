/**
 * The session the server code sees in integration tests.
 *
 * `signInAs` sets one process-wide session, which is what sequential tests want. Calls that run
 * at the same time as different people use `runAs(userId, fn)`: the id travels with the call's
 * async context (AsyncLocalStorage), so twenty concurrent server actions each see their own
 * signed-in member, and `runAs` wins over `signInAs` inside `fn`.
 */
import { AsyncLocalStorage } from "node:async_hooks";

let userId: string | null = null;
const scoped = new AsyncLocalStorage<{ userId: string | null }>();

export function signInAs(id: string | null): void {
  userId = id;
}
export function signOut(): void {
  userId = null;
}
export function runAs<T>(id: string | null, fn: () => Promise<T>): Promise<T> {
  return scoped.run({ userId: id }, fn);
}
export function currentTestUserId(): string | null {
  const store = scoped.getStore();
  return store ? store.userId : userId;
}

let sessionId: string | null = null;
/** The `sid` of the test's session (a password change keeps this one and ends the others). */
export function setTestSessionId(id: string | null): void {
  sessionId = id;
}
export function currentTestSessionId(): string | null {
  return sessionId;
}
