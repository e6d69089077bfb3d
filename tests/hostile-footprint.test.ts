/**
 * The footprint the hostile-input tests compare before and after a refused call
 * (tests/helpers/hostile-checks.ts) sees every kind of write they guard against: if it missed
 * one, a refused call that wrote it would pass unnoticed.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createUseCase } from "@/app/o/[org]/use-cases/actions";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { footprint } from "./helpers/hostile-checks";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
let useCaseId: string;

beforeAll(async () => {
  org = await createTestOrg("footprint");
  signInAs(org.users.ADMIN.id);
  const r = (await createUseCase(org.slug, { title: "Claims triage", assessment: { changeFrequency: "weekly", coreNeed: "retrieval", monthlyCalls: 10_000 } })) as { ok: boolean; data?: { id: string } };
  signOut();
  if (!r.ok || !r.data) throw new Error("could not create the use case");
  useCaseId = r.data.id;
});

/** The organization's first row of a sets table given a new id, as a replaced projection's row would have. */
async function renumberFirst(table: "CostLineSet" | "CostYearSet"): Promise<void> {
  const n = await db.$executeRawUnsafe(
    `UPDATE "${table}" SET id = nextval(pg_get_serial_sequence('"${table}"', 'id')) WHERE id = (SELECT min(id) FROM "${table}" WHERE "organizationId" = $1)`,
    org.id,
  );
  expect(n).toBe(1);
}

/** Each write, made straight in the database, as a refused call must never make it. */
const WRITES: [string, () => Promise<unknown>][] = [
  ["the organization renamed", () => db.organization.update({ where: { id: org.id }, data: { name: `Renamed ${randomUUID()}` } })],
  ["a use case's title", () => db.useCase.update({ where: { id: useCaseId }, data: { title: `Edited ${randomUUID()}` } })],
  ["a use case's version", () => db.useCase.update({ where: { id: useCaseId }, data: { version: { increment: 1 } } })],
  ["a use case deleted", () => db.useCase.update({ where: { id: useCaseId }, data: { deletedAt: new Date() } })],
  ["an audit event", () => db.auditEvent.create({ data: { organizationId: org.id, action: "test.write", entity: "UseCase", entityId: useCaseId } })],
  ["a member's role", () => db.membership.updateMany({ where: { organizationId: org.id, userId: org.users.LEAD.id }, data: { role: "FINANCE" } })],
  ["an invitation", () => db.invitation.create({ data: { organizationId: org.id, email: `x-${randomUUID()}@footprint.test`, role: "LEAD", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), invitedById: org.users.ADMIN.id } })],
  ["a saved mapping", () => db.importMapping.create({ data: { organizationId: org.id, name: `Mapping ${randomUUID()}`, columnMap: {}, valueMap: {} } })],
  ["a budget", () => db.businessUnitBudget.create({ data: { organizationId: org.id, businessUnit: "Support", year: 2031, amountCents: 100n } })],
  ["a person, anywhere", () => db.user.create({ data: { email: `someone-${randomUUID()}@footprint.test`, name: "Someone" } })],
  // As many sets as before, but one of them a new row: a projection replaced.
  ["a cost-line set written again", () => renumberFirst("CostLineSet")],
  ["a yearly set written again", () => renumberFirst("CostYearSet")],
];

describe("the footprint of a refused call", () => {
  it("is the same when nothing was written", async () => {
    expect(await footprint(org)).toEqual(await footprint(org));
  });

  it.each(WRITES)("changes with %s", async (_what, write) => {
    const before = await footprint(org);
    await write();
    expect(await footprint(org)).not.toEqual(before);
  });
});
