/**
 * A new organization's import quota (issue 16): in its first 14 days, 2,000 rows in any 24 hours,
 * through the real import action; an older organization has only the per-file limit.
 */
import { describe, expect, it } from "vitest";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { db } from "@/lib/server/db";
import { NEW_ORGANIZATION_ROWS_PER_DAY } from "@/lib/server/import/quota";
import { createTestOrg } from "./helpers/factory";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";
import { signInAs } from "./helpers/session";

const file = (rows: number, from = 0) => fileOf(csv([H, ...Array.from({ length: rows }, (_, i) => tRow({ title: `Quota case ${from + i}` }))]));

describe("import quota for new organizations", () => {
  it("lets a new organization import 2,000 rows a day, then refuses the file that would pass it, writing nothing", async () => {
    expect(NEW_ORGANIZATION_ROWS_PER_DAY).toBe(2_000);
    const org = await createTestOrg("quota-new");
    signInAs(org.users.ADMIN.id);
    const first = await importUseCases(org.slug, { file: file(1_500), fileName: "a.csv", mapping: templateMapping() });
    expect(first).toMatchObject({ ok: true, data: { committed: true } });
    const before = await db.useCase.count({ where: { organizationId: org.id } });
    const second = await importUseCases(org.slug, { file: file(600, 1_500), fileName: "b.csv", mapping: templateMapping() });
    expect(second).toMatchObject({ ok: true, data: { committed: false } });
    if (!second.ok) return;
    expect(second.data.report.problems).toEqual([
      "This file has 600 rows; a new organization may import 2,000 rows a day during its first 14 days, and 500 remain today. Import a smaller file, or the rest tomorrow.",
    ]);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(before);
    expect(await importUseCases(org.slug, { file: file(500, 2_100), fileName: "c.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: true } });
  }, 240_000);

  it("holds an organization older than 14 days only to the per-file limit", async () => {
    const org = await createTestOrg("quota-old");
    await db.organization.update({ where: { id: org.id }, data: { createdAt: new Date(Date.now() - 15 * 24 * 60 * 60 * 1000) } });
    signInAs(org.users.ADMIN.id);
    expect(await importUseCases(org.slug, { file: file(2_100), fileName: "big.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: true } });
  }, 240_000);
});
