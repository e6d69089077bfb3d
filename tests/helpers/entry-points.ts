/**
 * Every server action and route handler of the app, found from the code: each `actions.ts` and
 * `route.ts` under app/ is imported and its exported functions are matched to ENTRY_POINTS
 * (lib/server/action.ts). Tests that walk "every entry point" start here, so a new one is
 * covered without editing them.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { ENTRY_POINTS, entryPointOf, type EntryPoint } from "@/lib/server/action";

const APP = path.resolve(import.meta.dirname, "..", "..", "app");

function findEntryFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) findEntryFiles(full, out);
    else if (/^(actions|route)\.tsx?$/.test(e.name)) out.push(full);
  }
  return out.sort();
}

export interface Callable {
  /** Path under app/. */
  file: string;
  exportName: string;
  fn: (...args: unknown[]) => Promise<unknown>;
  /** Undefined when the export was not made with the action client. */
  entry: EntryPoint | undefined;
}

export async function loadCallables(): Promise<Callable[]> {
  const out: Callable[] = [];
  for (const file of findEntryFiles(APP)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const name = entryPointOf(value);
      out.push({ file: path.relative(APP, file), exportName, fn: value as Callable["fn"], entry: name ? ENTRY_POINTS.get(name) : undefined });
    }
  }
  return out;
}
