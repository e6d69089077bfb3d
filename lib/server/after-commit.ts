import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Work that must wait until a transaction has committed: mail about a change (a message about
 * something rolled back must not leave). Every interactive transaction begun through
 * `db.$transaction(async (tx) => …)` (lib/server/db.ts) carries a list of such tasks; code inside
 * it adds to the list with `afterCommit`, and the tasks run, in order, once the transaction has
 * committed, before `db.$transaction` returns. A transaction that fails drops its list.
 *
 * A task that fails is logged, never thrown: the change it follows has already happened.
 */
type Task = { label: string; run: () => Promise<unknown> };

const current = new AsyncLocalStorage<Task[]>();

/** Runs `fn` (the body of a transaction) with a fresh list of tasks, which is handed back with its result. */
export async function collectAfterCommit<T>(fn: () => Promise<T>): Promise<{ result: T; tasks: Task[] }> {
  const tasks: Task[] = [];
  const result = await current.run(tasks, fn);
  return { result, tasks };
}

export async function runAfterCommit(tasks: readonly Task[]): Promise<void> {
  for (const t of tasks) {
    try {
      await t.run();
    } catch (err) {
      console.error(`[after-commit] ${t.label} failed: ${(err as Error).message}`);
    }
  }
}

/**
 * Queues `run` for after the surrounding transaction commits. Outside a transaction begun by
 * `db.$transaction` there is no commit to wait for: that is a mistake in the caller, refused loudly.
 */
export function afterCommit(label: string, run: () => Promise<unknown>): void {
  const tasks = current.getStore();
  if (!tasks) throw new Error(`afterCommit("${label}") needs a transaction begun with db.$transaction(async (tx) => …).`);
  tasks.push({ label, run });
}
