/**
 * The import's rows that find the same use case of the registry: the check, which goes a chunk of
 * 1,000 rows at a time, refuses them as the import (which plans the whole file) does, and a row that
 * repeats another row's external id is given that reason once.
 */
import { describe, expect, it } from "vitest";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { createTestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { checkLikeTheBrowser, commit, csv, fileOf, H, templateMapping, tRow } from "./import-helpers";

describe("one use case found by two rows in different chunks of the check", () => {
  it("is refused by the check as by the import, which plans the whole file at once (review-import)", async () => {
    const org = await createTestOrg("import-chunks");
    signInAs(org.users.EXECUTIVE.id);
    await commit(org, csv([H, tRow({ title: "Support assistant", businessUnit: "Support", externalId: "INV-1" })]), templateMapping());
    // Row 2 finds it by its external id; row 1,503, in the second chunk of 1,000, by its title and business unit.
    const filler = Array.from({ length: 1_500 }, (_, i) => tRow({ title: `Filler ${i}`, businessUnit: "Ops" }));
    const file = csv([H, tRow({ title: "Support assistant", businessUnit: "Support", externalId: "INV-1", status: "LIVE" }), ...filler, tRow({ title: "Support assistant", businessUnit: "Support" })]);
    const checked = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(file), templateMapping());
    expect(checked.chunks).toBe(2);
    const refused = checked.report.outcomes.filter((o) => o.outcome === "refused").map((o) => o.row);
    expect(refused).toEqual([1_503]);
    const res = await importUseCases(org.slug, { file: fileOf(file), fileName: "use-cases.csv", mapping: templateMapping() });
    expect(res.ok && !res.data.committed && res.data.report.outcomes.filter((o) => o.outcome === "refused").map((o) => o.row)).toEqual([1_503]);
    // The two say the same thing.
    const reasons = (r: typeof checked.report) => r.errors.filter((e) => e.row === 1_503).map((e) => e.message);
    expect(reasons(checked.report)).toEqual(["Row 2 already updates the same use case (“Support assistant”); each use case can come from one row only."]);
    expect(res.ok && !res.data.committed ? reasons(res.data.report) : null).toEqual(reasons(checked.report));
  });

  it("gives a row that repeats an external id the reason once, not also 'already updates the same use case'", async () => {
    const org = await createTestOrg("import-repeat");
    signInAs(org.users.EXECUTIVE.id);
    await commit(org, csv([H, tRow({ title: "Support assistant", businessUnit: "Support", externalId: "INV-1" })]), templateMapping());
    const file = csv([H, tRow({ title: "Support assistant", businessUnit: "Support", externalId: "INV-1" }), tRow({ title: "Support assistant v2", businessUnit: "Support", externalId: "INV-1" })]);
    const checked = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(file), templateMapping());
    expect(checked.report.errors.filter((e) => e.row === 3).map((e) => e.message)).toEqual(["External id “INV-1” is also on row 2; each use case must have its own."]);
    const res = await importUseCases(org.slug, { file: fileOf(file), fileName: "use-cases.csv", mapping: templateMapping() });
    expect(res.ok && !res.data.committed ? res.data.report.errors.filter((e) => e.row === 3).map((e) => e.message) : null).toEqual(["External id “INV-1” is also on row 2; each use case must have its own."]);
  });
});
