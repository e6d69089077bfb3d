import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COPIES, SHARED } from "./helpers/source-files";

const FILES = [...readdirSync(path.join(COPIES, "seeds")).map((f) => path.join("seeds", f)), path.join("acceptance", "vignettes.json")];

describe("the copies of the source documents in docs/sources", () => {
  it("hold the five seeds and the vignettes", () => {
    expect(FILES.filter((f) => f.startsWith("seeds"))).toHaveLength(5);
    for (const f of FILES) expect(readFileSync(path.join(COPIES, f), "utf8").length, f).toBeGreaterThan(100);
  });

  it("are identical to ../shared wherever it is beside the project", () => {
    const shared = existsSync(SHARED) ? FILES.filter((f) => existsSync(path.join(SHARED, f))) : [];
    for (const f of shared) expect(readFileSync(path.join(COPIES, f), "utf8"), f).toBe(readFileSync(path.join(SHARED, f), "utf8"));
    if (existsSync(path.join(SHARED, "seeds"))) expect(readdirSync(path.join(SHARED, "seeds")).sort()).toEqual(readdirSync(path.join(COPIES, "seeds")).sort());
  });
});
