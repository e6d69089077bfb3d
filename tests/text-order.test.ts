/**
 * Business units and people's names sort as people read them, like titles (ICU's root collation:
 * case and accents second), not byte by byte. Found by the portfolio review: on the embedded
 * database (created with --locale=C) the use-case list sorted by business unit put "Zebra" before
 * "apple" and "Émission" after "Zebra", and so did the business-unit filters, the budget and value
 * tables' sources, the business-unit export and every list of people (owner filter and picker,
 * members, mentions, the audit log's person filter).
 */
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIST_QUERY, type UseCaseListQuery } from "@/lib/domain/use-case-list";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { db } from "@/lib/server/db";
import { auditPeople } from "@/lib/server/audit-log";
import { mentionableMembers } from "@/lib/server/comments";
import { businessUnitStream } from "@/lib/server/export/cost-exports";
import { listMembers as listMemberRows } from "@/lib/server/members";
import { listUseCases } from "@/lib/server/use-cases/list";
import { listBusinessUnits, listMembers } from "@/lib/server/use-cases/read";
import { insertUseCaseWithCosts } from "./helpers/cost-fixtures";
import { createTestOrg, type TestOrg } from "./helpers/factory";

let org: TestOrg;
const UNITS = ["apple Growers", "Banana Desk", "Eclair Ops", "Émission Control", "Zebra Team", "zebu Works"];
// The names of the four members the factory makes ("ADMIN …", "EXECUTIVE …") are capitals; these are not.
const NAMES = ["adam Lower", "Bea Upper", "Émile Accent", "Zoë Last"];

beforeAll(async () => {
  org = await createTestOrg("textorder");
  for (const [i, businessUnit] of [...UNITS].reverse().entries()) {
    await insertUseCaseWithCosts(org.id, { title: `Use case ${i}`, businessUnit, ownerId: org.users.LEAD.id, recommended: "RAG", yearly: { RAG: { INFERENCE: [100_00, 100_00] } } });
  }
  for (const name of [...NAMES].reverse()) {
    const user = await db.user.create({ data: { email: `${name.split(" ")[1]!.toLowerCase()}-${org.slug}@textorder.test`, name, emailVerifiedAt: new Date() } });
    await db.membership.create({ data: { userId: user.id, organizationId: org.id, role: "LEAD" } });
  }
});

const query = (patch: Partial<UseCaseListQuery>): UseCaseListQuery => ({ ...DEFAULT_LIST_QUERY, ...patch, filter: EMPTY_FILTER });

describe("business units", () => {
  it("the use-case list sorted by business unit reads them as people do, both ways, and pages without repeating a row", async () => {
    const asc = (await listUseCases(org.id, query({ sort: "businessUnit", dir: "asc" }))).rows.map((r) => r.businessUnit);
    expect(asc).toEqual(UNITS);
    const desc = (await listUseCases(org.id, query({ sort: "businessUnit", dir: "desc" }))).rows.map((r) => r.businessUnit);
    expect(desc).toEqual([...UNITS].reverse());
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) paged.push(...(await listUseCases(org.id, { ...query({ sort: "businessUnit", dir: "asc", page }), pageSize: 2 as 25 })).rows.map((r) => r.businessUnit));
    expect(paged).toEqual(UNITS);
  });

  it("the business-unit filters offer them in the same order", async () => {
    expect(await listBusinessUnits(org.id)).toEqual(UNITS);
  });

  it("the business-unit export lists them in the same order", async () => {
    const text = await new Response(businessUnitStream({ id: org.id, name: "Text order" }, EMPTY_FILTER)).text();
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, "").trimEnd(), { header: true, newline: "\r\n" }).data;
    expect([...new Set(rows.map((r) => r.business_unit))]).toEqual(UNITS);
  });
});

describe("people's names", () => {
  it("the owner filter and picker, the members page, mentions and the audit log's person filter list them as people read them", async () => {
    const expected = ["adam Lower", "ADMIN", "Bea Upper", "Émile Accent", "EXECUTIVE", "FINANCE", "LEAD", "Zoë Last"];
    const firstWords = (names: string[]) => names.map((n) => (NAMES.includes(n) ? n : n.split(" ")[0]!));
    expect(firstWords((await listMembers(org.id)).map((m) => m.name))).toEqual(expected);
    expect(firstWords((await listMemberRows(org.id)).map((m) => m.name))).toEqual(expected);
    expect(firstWords((await mentionableMembers(db, org.id)).map((m) => m.name))).toEqual(expected);
    expect(firstWords((await auditPeople(org.id)).map((m) => m.name))).toEqual(expected);
  });
});
