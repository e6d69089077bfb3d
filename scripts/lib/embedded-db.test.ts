import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertReachableByPostgresUser } from "./embedded-db";

const base = mkdtempSync(path.join(os.tmpdir(), "reach-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("the project folder, as the postgres user sees it when started as root", () => {
  it("names the folder on the way that others may not enter, and what to do", () => {
    const closed = path.join(base, "closed");
    mkdirSync(path.join(closed, "project"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(closed, 0o700);
    expect(() => assertReachableByPostgresUser(path.join(closed, "project"))).toThrow(`cannot enter ${closed}. Allow it (chmod o+x ${closed})`);
  });

  it("lets a folder everyone may enter through", () => {
    const open = path.join(base, "open");
    mkdirSync(path.join(open, "project"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(open, 0o755);
    expect(() => assertReachableByPostgresUser(path.join(open, "project"))).not.toThrow();
  });
});
