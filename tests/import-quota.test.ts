/**
 * A new organization's import quota (issue 16): in its first 14 days, 5,000 rows in any 24 hours,
 * through the real import action (a brand-new organization could otherwise import 10,000 rows a
 * file, file after file); an older organization has only the per-file limit.
 */
import { describe, expect, it } from "vitest";
import { importUseCases } from "@/app/o/[org]/use-cases/import/actions";
import { db } from "@/lib/server/db";
import { importRowAllowance, NEW_ORGANIZATION_ROWS_PER_DAY } from "@/lib/server/import/quota";
import { createTestOrg } from "./helpers/factory";
import { csv, fileOf, H, templateMapping, tRow } from "./import-helpers";
import { signInAs } from "./helpers/session";

const file = (rows: number, from = 0) => fileOf(csv([H, ...Array.from({ length: rows }, (_, i) => tRow({ title: `Quota case ${from + i}` }))]));

describe("import quota for new organizations", () => {
  it("counts a new organization's imported rows against 5,000 a day, and refuses a file that would pass it, writing nothing", async () => {
    expect(NEW_ORGANIZATION_ROWS_PER_DAY).toBe(5_000);
    const org = await createTestOrg("quota-new");
    signInAs(org.users.ADMIN.id);
    expect(await importUseCases(org.slug, { file: file(10), fileName: "a.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: true } });
    expect(await importRowAllowance(org.id)).toBe(4_990);

    const before = await db.useCase.count({ where: { organizationId: org.id } });
    const audits = await db.auditEvent.count({ where: { organizationId: org.id } });
    const over = await importUseCases(org.slug, { file: file(4_991, 10), fileName: "b.csv", mapping: templateMapping() });
    expect(over).toMatchObject({ ok: true, data: { committed: false } });
    if (!over.ok) return;
    expect(over.data.report.problems).toEqual([
      "This file has 4,991 rows; a new organization may import 5,000 rows a day during its first 14 days, and 4,990 remain today. Import a smaller file, or the rest tomorrow.",
    ]);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(before);
    expect(await db.auditEvent.count({ where: { organizationId: org.id } })).toBe(audits);

    expect(await importUseCases(org.slug, { file: file(20, 10), fileName: "c.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: true } });
    expect(await importRowAllowance(org.id)).toBe(4_970);
  }, 120_000);

  it("has no daily quota for an organization older than 14 days, nor for imports older than a day", async () => {
    const org = await createTestOrg("quota-old");
    signInAs(org.users.ADMIN.id);
    expect(await importUseCases(org.slug, { file: file(10), fileName: "a.csv", mapping: templateMapping() })).toMatchObject({ ok: true, data: { committed: true } });
    expect(await importRowAllowance(org.id, new Date(Date.now() + 25 * 60 * 60 * 1000))).toBe(5_000);
    await db.organization.update({ where: { id: org.id }, data: { createdAt: new Date(Date.now() - 15 * 24 * 60 * 60 * 1000) } });
    expect(await importRowAllowance(org.id)).toBeNull();
  });
});

describe("imports sent at the same time", () => {
  it("run one after another in an organization: three files at once cannot pass a new organization's quota together", async () => {
    const org = await createTestOrg("quota-race");
    signInAs(org.users.ADMIN.id);
    const results = await Promise.all([0, 1, 2].map((i) => importUseCases(org.slug, { file: file(2_000, i * 2_000), fileName: `${i}.csv`, mapping: templateMapping() })));
    // Each passed the quota when it started (5,000 remained); under the lock, the third finds 1,000 left.
    const committed = results.filter((r) => r.ok && r.data.committed);
    expect(committed).toHaveLength(2);
    const refused = results.find((r) => r.ok && !r.data.committed);
    expect(refused?.ok && refused.data.report.problems).toEqual([
      "This file has 2,000 rows; a new organization may import 5,000 rows a day during its first 14 days, and 1,000 remain today. Import a smaller file, or the rest tomorrow.",
    ]);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(4_000);
  }, 180_000);

  it("the same file sent twice at once (a double click, two tabs) is imported once: the second finds every row unchanged", async () => {
    const org = await createTestOrg("import-twice");
    await db.organization.update({ where: { id: org.id }, data: { createdAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) } });
    signInAs(org.users.ADMIN.id);
    const [a, b] = await Promise.all([0, 1].map(() => importUseCases(org.slug, { file: file(300), fileName: "same.csv", mapping: templateMapping() })));
    const created = [a, b].map((r) => (r!.ok && r!.data.committed ? r!.data.created : -1)).sort();
    expect(created).toEqual([0, 300]);
    expect([a, b].map((r) => (r!.ok && r!.data.committed ? r!.data.unchanged : -1)).sort()).toEqual([0, 300]);
    expect(await db.useCase.count({ where: { organizationId: org.id } })).toBe(300);
  }, 120_000);
});
