/**
 * Every module of the domain loads: importing it runs its module-level code (the frameworks'
 * tables, label maps, schemas) without throwing. Each import happens inside its own test, so a
 * change that breaks a module at load fails a test here rather than only stopping other test files
 * from being collected (which Stryker's Vitest runner reports as a surviving mutant).
 */
import { describe, expect, it } from "vitest";

const modules = import.meta.glob(["./**/*.ts", "!./**/*.test.ts", "!./**/*.fixtures.ts"]);
/**
 * `npm run mutate` narrows the loads to the module it mutates (a pattern on the path, such as
 * `^\./costing/`): every static mutant runs this whole file, and the other modules' loads cannot
 * tell its mutants apart. `npm test` sets nothing and loads every module.
 */
const only = process.env.TRADEOFF_LOADS_MATCH ? new RegExp(process.env.TRADEOFF_LOADS_MATCH) : null;

describe("the domain's modules", () => {
  it("are all found", () => {
    expect(Object.keys(modules).length).toBeGreaterThan(50);
    expect(Object.keys(modules)).toContain("./frameworks/registry.ts");
  });
  it.each(Object.keys(modules).filter((f) => !only || only.test(f)).sort())("%s loads", async (file) => {
    const mod = (await modules[file]!()) as Record<string, unknown>;
    expect(typeof mod).toBe("object");
  });
});
