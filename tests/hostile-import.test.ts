/**
 * Hostile CSV files, headers, rows and mappings at the import's server actions (issue 8): the
 * import never fails, reports what is wrong per row and field, and writes nothing unless every
 * row is good (tests/hostile-input.test.ts covers every other action).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { checkImportRows, importUseCases, saveImportMapping } from "@/app/o/[org]/use-cases/import/actions";
import type { ImportMapping } from "@/lib/domain/import";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { hostileKey, hostileString } from "./helpers/hostile";
import { footprint as footprintOf, problemsWith, RUNS, TIMEOUT, type Result } from "./helpers/hostile-checks";
import { csv } from "./import-helpers";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
const footprint = () => footprintOf(org);

beforeAll(async () => {
  org = await createTestOrg("hostile-import");
});

const HEADERS = ["Title", "External id", "Stage", "Description", "Monthly calls"];
const importMapping = (): ImportMapping => ({ columns: { Title: "title", "External id": "externalId", Stage: "status", Description: "description", "Monthly calls": "monthlyCalls" }, values: {} });
const cell = fc.oneof({ arbitrary: hostileString.filter((s) => s.length <= 30_000), weight: 4 }, { arbitrary: fc.constantFrom("Idea", "Live", "1,000", "-5", "1e400", "NaN", ""), weight: 1 });
const row = fc.array(cell, { minLength: 0, maxLength: HEADERS.length + 2 });

describe("the import against hostile files, rows and mappings", () => {
  it("reports hostile cells per row and field, never fails, and writes nothing unless every row is good", { timeout: TIMEOUT }, async () => {
    signInAs(org.users.ADMIN.id);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 4 }), fc.boolean(), async (rows, rawBytes) => {
        const text = csv([HEADERS, ...rows.map((r, i) => r.map((c, j) => (j === 1 && !rawBytes ? `${c}-${i}` : c)))]);
        const bytes = rawBytes ? Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff) : new TextEncoder().encode(text);
        const before = await footprint();
        const r = (await importUseCases(org.slug, { file: new Blob([bytes]), fileName: "hostile.csv", mapping: importMapping() })) as Result;
        expect(problemsWith(r, {}, ["file", "fileName", "mapping"])).toEqual([]);
        if (!r.ok) {
          expect(await footprint()).toEqual(before);
          return;
        }
        const outcome = r.data as { committed: boolean; report: { errors: { row: number; field: string | null; message: string }[]; errorCount: number; problems: string[] } };
        if (!outcome.committed) {
          expect(await footprint()).toEqual(before);
          expect(outcome.report.errorCount + outcome.report.problems.length, "a refused import says why").toBeGreaterThan(0);
          for (const e of outcome.report.errors) {
            expect(e.row).toBeGreaterThanOrEqual(2);
            expect(e.message.length).toBeGreaterThan(0);
            expect(e.message.length).toBeLessThan(1000);
          }
        }
      }),
      { numRuns: RUNS.importFile, endOnFailure: true },
    );
    signOut();
  });

  it("checks hostile headers, rows and mappings without failing or writing", { timeout: TIMEOUT }, async () => {
    signInAs(org.users.ADMIN.id);
    const headers = fc.array(fc.oneof(hostileKey, fc.constantFrom(...HEADERS)), { minLength: 1, maxLength: 6 });
    const columns = fc.dictionary(fc.oneof(hostileKey, fc.constantFrom(...HEADERS)), fc.constantFrom("title", "externalId", "status", "description", "monthlyCalls", "", "__proto__", "constructor"), { maxKeys: 5 });
    const values = fc.dictionary(fc.constantFrom("status", "changeFrequency", "__proto__", "needsCitations"), fc.dictionary(hostileKey, fc.constantFrom("LIVE", "IDEA", "", "yes", "constructor"), { maxKeys: 3 }), { maxKeys: 2 });
    await fc.assert(
      fc.asyncProperty(headers, fc.array(row, { minLength: 1, maxLength: 3 }), columns, values, fc.boolean(), async (h, rows, cols, vals, protoKeys) => {
        // fc.dictionary makes "__proto__" an own key only on request: both ways are tried.
        const m = protoKeys ? JSON.parse(JSON.stringify({ columns: { ...cols, ["__proto__"]: "title" }, values: vals })) : { columns: cols, values: vals };
        const input = { headers: h, rows: rows.map((cells, i) => ({ row: i + 2, cells })), mapping: m };
        const before = await footprint();
        const r = (await checkImportRows(org.slug, input)) as Result;
        expect(problemsWith(r, input, ["headers", "rows", "mapping"])).toEqual([]);
        expect(await footprint()).toEqual(before);
        const saved = (await saveImportMapping(org.slug, { name: h[0]!, mapping: m })) as Result;
        expect(problemsWith(saved, { name: h[0], mapping: m }, ["name", "mapping"])).toEqual([]);
        if (saved.ok) {
          // What was saved is what was sent (no key lost to the prototype).
          const row = await db.importMapping.findUniqueOrThrow({ where: { id: (saved.data as { id: string }).id } });
          expect(Object.keys(row.columnMap as object).sort()).toEqual([...new Set(Object.keys(m.columns).map((k: string) => k.trim()))].sort());
        }
      }),
      { numRuns: RUNS.importCheck, endOnFailure: true, examples: [[["constructor", "toString"], [["constructor", "hasOwnProperty"]], { Title: "title" }, { status: {} }, false]] },
    );
    signOut();
  });
});
