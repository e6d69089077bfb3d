/**
 * The use-case list's query on a real database (lib/server/use-cases/read.ts, listUseCases):
 * paging, sorting, filtering, search, and organization isolation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { listUseCases } from "@/lib/server/use-cases/list";
import { DEFAULT_LIST_QUERY, parseListQuery, type UseCaseListQuery } from "@/lib/domain/use-case-list";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { SearchBox } from "@/app/o/[org]/use-cases/_components/list-controls";
import { useCaseChoices } from "@/lib/server/actuals/sources-read";
import { getTitles } from "@/lib/server/use-cases/read";
import { compareText } from "@/lib/domain/title-order";

describe("listUseCases", () => {
  let org: TestOrg;
  let other: TestOrg;
  const query = (patch: Partial<UseCaseListQuery> = {}): UseCaseListQuery => ({ ...DEFAULT_LIST_QUERY, ...patch, filter: { ...EMPTY_FILTER, ...(patch.filter ?? {}) } });

  beforeAll(async () => {
    org = await createTestOrg("list");
    other = await createTestOrg("list-other");
    const statuses = ["IDEA", "ASSESSING", "APPROVED", "BUILDING", "LIVE", "RETIRED"] as const;
    const approaches = ["RAG", "FINE_TUNING", "HYBRID", null] as const;
    const base = Date.UTC(2026, 0, 1);
    await db.useCase.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        organizationId: org.id,
        title: `Use case ${String(i).padStart(3, "0")}`,
        description: i % 10 === 0 ? `Mentions the Invoice backlog (${i})` : "",
        businessUnit: i % 3 === 0 ? "Finance" : i % 3 === 1 ? "Support" : "Sales",
        ownerId: i % 2 === 0 ? org.users.LEAD.id : org.users.EXECUTIVE.id,
        createdById: org.users.LEAD.id,
        status: statuses[i % 6]!,
        recommendedApproach: approaches[i % 4]!,
        agreementVotes: i % 4 === 3 ? 0 : 4,
        agreementVoters: 5,
        chosenApproach: i % 5 === 0 ? "RAG" : null,
        riskFlags: i % 7 === 0 ? ["NO_EVALUATION_SET", "CHOSEN_DIFFERS_FROM_CONSENSUS"] : [],
        updatedAt: new Date(base + i * 60_000),
      })),
    });
    await db.useCase.create({ data: { organizationId: org.id, title: "Deleted one", ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id, deletedAt: new Date() } });
    await db.useCase.create({ data: { organizationId: org.id, title: "Discount 100% off_peak", ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id, updatedAt: new Date(base - 1) } });
    await db.useCase.create({ data: { organizationId: other.id, title: "Use case 999 of the other organization", businessUnit: "Finance", ownerId: other.users.LEAD.id, createdById: other.users.LEAD.id, updatedAt: new Date(base + 10_000_000) } });
  });

  it("pages: 25 by default, 50 and 100 on request, with the total; newest first", async () => {
    const p1 = await listUseCases(org.id, query());
    expect(p1.total).toBe(121);
    expect(p1.rows).toHaveLength(25);
    expect(p1.rows[0]!.title).toBe("Use case 119");
    const p2 = await listUseCases(org.id, query({ page: 2 }));
    expect(p2.rows[0]!.title).toBe("Use case 094");
    expect((await listUseCases(org.id, query({ pageSize: 50 }))).rows).toHaveLength(50);
    const last = await listUseCases(org.id, query({ pageSize: 100, page: 2 }));
    expect(last.rows).toHaveLength(21);
    expect(last.rows.at(-1)!.title).toBe("Discount 100% off_peak");
    // every row exactly once across the pages
    const seen = new Set<string>();
    for (let page = 1; page <= 5; page++) for (const r of (await listUseCases(org.id, query({ page }))).rows) seen.add(r.id);
    expect(seen.size).toBe(121);
  });

  it("a page past the end shows the last page", async () => {
    const r = await listUseCases(org.id, query({ page: 99 }));
    expect(r.page).toBe(5);
    expect(r.rows).toHaveLength(21);
  });

  it("sorts by title, business unit, status, recommended and chosen approach, both ways", async () => {
    const asc = await listUseCases(org.id, query({ sort: "title", dir: "asc" }));
    expect(asc.rows.slice(0, 2).map((r) => r.title)).toEqual(["Discount 100% off_peak", "Use case 000"]);
    const desc = await listUseCases(org.id, query({ sort: "title", dir: "desc" }));
    expect(desc.rows[0]!.title).toBe("Use case 119");

    const bu = await listUseCases(org.id, query({ sort: "businessUnit", dir: "asc", pageSize: 100 }));
    const units = bu.rows.map((r) => r.businessUnit);
    expect(units).toEqual([...units].sort());

    const status = await listUseCases(org.id, query({ sort: "status", dir: "desc" }));
    expect(status.rows.slice(0, 20).every((r) => r.status === "RETIRED")).toBe(true);
    expect(status.rows[20]!.status).toBe("LIVE");

    const rec = await listUseCases(org.id, query({ sort: "recommended", dir: "asc", pageSize: 100, page: 2 }));
    expect(rec.rows.at(-1)!.recommendedApproach).toBeNull(); // unscored last
    const recDesc = await listUseCases(org.id, query({ sort: "recommended", dir: "desc" }));
    expect(recDesc.rows[0]!.recommendedApproach).toBe("HYBRID");

    const chosen = await listUseCases(org.id, query({ sort: "chosen", dir: "asc" }));
    expect(chosen.rows.slice(0, 24).every((r) => r.chosenApproach === "RAG")).toBe(true);
  });

  it("filters by business unit, status, owner, recommended and chosen approach, and risk flag", async () => {
    const count = async (filter: Partial<UseCaseListQuery["filter"]>) => (await listUseCases(org.id, query({ filter: { ...EMPTY_FILTER, ...filter } }))).total;
    expect(await count({ businessUnit: ["Finance"] })).toBe(40);
    expect(await count({ businessUnit: ["Finance", "Sales"] })).toBe(80);
    expect(await count({ status: ["LIVE"] })).toBe(20);
    expect(await count({ ownerId: [org.users.EXECUTIVE.id] })).toBe(60);
    expect(await count({ recommended: ["RAG"] })).toBe(30);
    expect(await count({ chosen: ["RAG"] })).toBe(24);
    expect(await count({ flag: ["NO_EVALUATION_SET"] })).toBe(18);
    expect(await count({ businessUnit: ["Finance"], status: ["IDEA"] })).toBe(20);
    expect(await count({ ownerId: [other.users.LEAD.id] })).toBe(0);
  });

  it("searches title and description, case-insensitively, taking % and _ literally", async () => {
    const search = async (q: string) => (await listUseCases(org.id, query({ q, pageSize: 100 }))).rows.map((r) => r.title);
    expect(await search("use CASE 01")).toEqual(["Use case 019", "Use case 018", "Use case 017", "Use case 016", "Use case 015", "Use case 014", "Use case 013", "Use case 012", "Use case 011", "Use case 010"]);
    expect((await search("invoice backlog")).length).toBe(12);
    expect(await search("100%")).toEqual(["Discount 100% off_peak"]);
    expect(await search("off_peak")).toEqual(["Discount 100% off_peak"]);
    expect(await search("0_1")).toEqual([]);
    expect(await search("%")).toEqual(["Discount 100% off_peak"]);
    expect(await search("999")).toEqual([]); // another organization's
  });

  it("never shows another organization's or deleted use cases", async () => {
    const all = await listUseCases(org.id, query({ pageSize: 100, sort: "title", dir: "desc" }));
    expect(all.rows.some((r) => r.title.includes("other organization") || r.title === "Deleted one")).toBe(false);
    const theirs = await listUseCases(other.id, query());
    expect(theirs.total).toBe(1);
  });

  it("gives each row what its columns show", async () => {
    const r = (await listUseCases(org.id, query({ q: "Use case 007" }))).rows[0]!;
    expect(r).toMatchObject({ title: "Use case 007", businessUnit: "Support", status: "ASSESSING", recommendedApproach: null, agreementVotes: 0, agreementVoters: 5, riskFlagCount: 2, ownerName: expect.stringContaining("EXECUTIVE") });
  });

  it("reads the view from the URL", () => {
    const q = parseListQuery(new URLSearchParams("q=chat&status=LIVE&status=BOGUS&sort=title&dir=desc&page=3&size=50&hide=owner,title,nope"));
    expect(q).toMatchObject({ q: "chat", sort: "title", dir: "desc", page: 3, pageSize: 50, hidden: ["owner"] });
    expect(q.filter.status).toEqual(["LIVE"]);
  });
});

describe("the list sorted by title", () => {
  it("sorts titles as people read them, case and accents second, the same on any database locale, and pages through each row once", async () => {
    const org = await createTestOrg("list-title-sort");
    const titles = ["Zebra crossing detector", "apple orchard forecasts", "Banana supply chat", "éclair recipe helper", "Eclair pricing", "zebra stripes", "chatbot for HR", "Chatbot for IT", "10 quick wins", "Ölpreis monitor"];
    await db.useCase.createMany({
      data: titles.map((title, i) => ({ organizationId: org.id, title, ...(i % 2 ? { vendor: "Acme" } : {}), ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id, businessUnit: i % 3 ? "Ops" : "Legal" })),
    });
    const q = (patch: Partial<UseCaseListQuery>): UseCaseListQuery => ({ ...DEFAULT_LIST_QUERY, ...patch, filter: { ...EMPTY_FILTER, ...(patch.filter ?? {}) } });
    const asc = (await listUseCases(org.id, q({ sort: "title", dir: "asc", pageSize: 25 }))).rows.map((r) => r.title);
    // Byte order (the embedded database's --locale=C) put every capital first: "Banana…", "Chatbot…", "Eclair…", "Zebra…", then "apple…".
    expect(asc).toEqual([
      "10 quick wins",
      "apple orchard forecasts",
      "Banana supply chat",
      "chatbot for HR",
      "Chatbot for IT",
      "Eclair pricing",
      "éclair recipe helper",
      "Ölpreis monitor",
      "Zebra crossing detector",
      "zebra stripes",
    ]);
    expect((await listUseCases(org.id, q({ sort: "title", dir: "desc", pageSize: 25 }))).rows.map((r) => r.title)).toEqual([...asc].reverse());
    // paged three at a time, with a filter and a search: each row once, in the same order, and the same rows as the default sort finds
    const view = { filter: { ...EMPTY_FILTER, businessUnit: ["Ops"] }, q: "c" };
    const paged: string[] = [];
    let pages = 1;
    for (let page = 1; page <= pages; page++) {
      const p = await listUseCases(org.id, { ...q({ sort: "title", dir: "asc", page, ...view }), pageSize: 3 as 25 });
      pages = Math.ceil(p.total / 3);
      paged.push(...p.rows.map((r) => r.title));
    }
    expect(pages).toBeGreaterThan(1);
    const byDate = (await listUseCases(org.id, q({ ...view, pageSize: 25 }))).rows.map((r) => r.title);
    expect(paged).toEqual(asc.filter((t) => byDate.includes(t)));
    expect(new Set(paged).size).toBe(byDate.length);
    // a page past the end shows the last one, still in title order
    const past = await listUseCases(org.id, { ...q({ sort: "title", dir: "asc", page: 9, ...view }), pageSize: 3 as 25 });
    expect(past.page).toBe(pages);
    expect(past.rows.map((r) => r.title)).toEqual(paged.slice((pages - 1) * 3));
  });
});

describe("the search box", () => {
  it("says everything it searches, and searching the vendor, topic area or an imported column finds the use case", async () => {
    const org = await createTestOrg("list-search-label");
    const base = { organizationId: org.id, ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id };
    await db.useCase.createMany({
      data: [
        { ...base, title: "Claims triage", vendor: "Palantir" },
        { ...base, title: "Contract reader", topicArea: "Law and justice" },
        { ...base, title: "Benefits helper", additionalFields: { Agency: "Treasury" }, additionalText: "Agency: Treasury" },
      ],
    });
    const find = async (text: string) => (await listUseCases(org.id, { ...DEFAULT_LIST_QUERY, q: text })).rows.map((r) => r.title);
    expect(await find("palantir")).toEqual(["Claims triage"]);
    expect(await find("justice")).toEqual(["Contract reader"]);
    expect(await find("treasury")).toEqual(["Benefits helper"]);
    const html = renderToStaticMarkup(createElement(SearchBox, { value: "", onSearch: () => {} }));
    expect(html).toContain("Search title, description, vendor, topic area and additional fields");
  });
});

describe("other lists of use cases by title", () => {
  it("the actual-spend rule's choices and the possible-duplicates notice sort as the list does, not capitals first", async () => {
    const org = await createTestOrg("list-title-elsewhere");
    const titles = ["Zebra crossing detector", "apple orchard forecasts", "éclair recipe helper", "Banana supply chat", "Eclair pricing"];
    const made = await Promise.all(titles.map((title) => db.useCase.create({ data: { organizationId: org.id, title, ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id }, select: { id: true } })));
    const order = ["apple orchard forecasts", "Banana supply chat", "Eclair pricing", "éclair recipe helper", "Zebra crossing detector"];
    expect((await useCaseChoices(org.id)).map((c) => c.title)).toEqual(order);
    expect((await getTitles(org.id, made.map((m) => m.id))).map((c) => c.title)).toEqual(order);
    expect([...titles].sort(compareText)).toEqual(order);
  });
});
