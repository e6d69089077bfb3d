/**
 * Another organization's ids through every read path: each read function behind the use-case
 * pages (lib/server/use-cases/read.ts, lib/server/projections.ts) and the pages themselves,
 * called as a member of organization A with the ids, titles and people of organization B.
 *
 * Nothing of B may come back: a use case of B is "not found" (null, an empty list, a 404 page),
 * never shown. Each check is paired with the same call on B's own side, which must find the
 * thing, so that a test cannot pass merely because the object does not exist.
 *
 * This is the test that fails when a read loses its organization filter (issue 17: removing
 * `organizationId` from getUseCase's where left every other test green).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ReactElement } from "react";
import { db } from "@/lib/server/db";
import { createUseCase, deleteUseCase, updateUseCase } from "@/app/o/[org]/use-cases/actions";
import UseCasePage from "@/app/o/[org]/use-cases/[id]/page";
import EditUseCasePage from "@/app/o/[org]/use-cases/[id]/edit/page";
import UseCasesPage from "@/app/o/[org]/use-cases/page";
import TrashPage from "@/app/o/[org]/use-cases/trash/page";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { findSimilarUseCases, getTitles, getUseCase, getUseCaseHistory, listBusinessUnits, listMembers, listTrash } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import { getStoredProjection, getStoredScore } from "@/lib/server/projections";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";

type Result = { ok: boolean; code?: string; data?: { id: string; version: number } };

let a: TestOrg;
let b: TestOrg;
/** B's live use case (scored and costed, edited once so it has history), and B's deleted one. */
let bLive: { id: string; title: string; businessUnit: string };
let bDeleted: { id: string; title: string };
/** A's own, for the paired checks. */
let aLive: { id: string; title: string };

const assessment = { changeFrequency: "weekly", coreNeed: "retrieval", monthlyCalls: 40_000, corpusDocuments: 5_000, needsCitations: true, maxLagDays: 2 };

async function create(org: TestOrg, title: string, businessUnit: string) {
  signInAs(org.users.ADMIN.id);
  const r = (await createUseCase(org.slug, { title, businessUnit, description: `${title}, described.`, startDate: "2027-01-01", horizonYears: 3, assessment })) as Result;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data!;
}

beforeAll(async () => {
  a = await createTestOrg("readera");
  b = await createTestOrg("readerb");
  const aId = await create(a, "Invoice matcher of A", "Finance ops A");
  aLive = { id: aId.id, title: "Invoice matcher of A" };
  const live = await create(b, "Secret merger screener of B", "Mergers B");
  signInAs(b.users.ADMIN.id);
  const edited = (await updateUseCase(b.slug, { id: live.id, expectedVersion: live.version, title: "Secret merger screener of B", businessUnit: "Mergers B", description: "Edited once in B.", startDate: "2027-01-01", horizonYears: 3, assessment })) as Result;
  if (!edited.ok) throw new Error(JSON.stringify(edited));
  bLive = { id: live.id, title: "Secret merger screener of B", businessUnit: "Mergers B" };
  const doomed = await create(b, "Deleted layoff planner of B", "Mergers B");
  const del = (await deleteUseCase(b.slug, { id: doomed.id })) as Result;
  if (!del.ok) throw new Error(JSON.stringify(del));
  bDeleted = { id: doomed.id, title: "Deleted layoff planner of B" };
  signOut();
});

describe("read functions, given another organization's ids", () => {
  it("getUseCase finds B's use case only in B, live or deleted", async () => {
    expect(await getUseCase(b.id, bLive.id)).toMatchObject({ id: bLive.id, fields: { title: bLive.title } });
    expect(await getUseCase(a.id, bLive.id)).toBeNull();
    expect(await getUseCase(a.id, bLive.id, { includeDeleted: true })).toBeNull();
    expect(await getUseCase(b.id, bDeleted.id, { includeDeleted: true })).toMatchObject({ id: bDeleted.id });
    expect(await getUseCase(a.id, bDeleted.id, { includeDeleted: true })).toBeNull();
    // and the deleted one stays out of B's own reads unless asked for
    expect(await getUseCase(b.id, bDeleted.id)).toBeNull();
  });

  it("getUseCaseHistory shows B's history only in B", async () => {
    const own = await getUseCaseHistory(b.id, bLive.id);
    expect(own.map((e) => e.action)).toEqual(["use_case.updated", "use_case.created"]);
    expect(await getUseCaseHistory(a.id, bLive.id)).toEqual([]);
  });

  it("getTitles and findSimilarUseCases never name B's use cases", async () => {
    expect(await getTitles(b.id, [bLive.id])).toEqual([{ id: bLive.id, title: bLive.title }]);
    expect(await getTitles(a.id, [bLive.id, bDeleted.id, aLive.id])).toEqual([{ id: aLive.id, title: aLive.title }]);
    expect((await findSimilarUseCases(b.id, bLive.title)).map((s) => s.id)).toContain(bLive.id);
    expect(await findSimilarUseCases(a.id, bLive.title)).toEqual([]);
  });

  it("listUseCases, listTrash, listMembers and listBusinessUnits list only the organization's own", async () => {
    const search = { ...DEFAULT_LIST_QUERY, q: "Secret merger" };
    expect((await listUseCases(b.id, search)).rows.map((r) => r.id)).toEqual([bLive.id]);
    const inA = await listUseCases(a.id, search);
    expect(inA.total).toBe(0);
    expect(inA.rows).toEqual([]);
    const allA = await listUseCases(a.id, { ...DEFAULT_LIST_QUERY, pageSize: 100 });
    expect(allA.rows.map((r) => r.id)).toEqual([aLive.id]);
    const byOwnerOfB = await listUseCases(a.id, { ...DEFAULT_LIST_QUERY, filter: { ...DEFAULT_LIST_QUERY.filter, ownerId: [b.users.ADMIN.id] } });
    expect(byOwnerOfB.total).toBe(0);

    expect((await listTrash(b.id)).rows.map((r) => r.id)).toEqual([bDeleted.id]);
    expect((await listTrash(a.id)).rows).toEqual([]);

    expect((await listMembers(a.id)).map((m) => m.id).sort()).toEqual(Object.values(a.users).map((u) => u.id).sort());
    expect(await listBusinessUnits(b.id)).toEqual(["Mergers B"]);
    expect(await listBusinessUnits(a.id)).toEqual(["Finance ops A"]);
  });

  it("the stored score and projection of B's use case are empty when read for A", async () => {
    const score = await getStoredScore(b.id, bLive.id);
    expect(score).not.toBeNull();
    const projection = await getStoredProjection(b.id, bLive.id);
    expect(projection.years.length).toBeGreaterThan(0);
    expect(projection.lines.length).toBeGreaterThan(0);
    expect(projection.summary).not.toBeNull();

    expect(await getStoredScore(a.id, bLive.id)).toBeNull();
    expect(await getStoredProjection(a.id, bLive.id)).toEqual({ summary: null, lines: [], years: [] });
  });
});

/** The page's element tree as text, without rendering its (async) child server components. */
function treeText(el: unknown): string {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number") out.push(String(v));
    else if (v instanceof Date) out.push(v.toISOString());
    else if (v && typeof v === "object" && !seen.has(v)) {
      seen.add(v);
      // Props and children, not the component's type or React's own bookkeeping.
      for (const [k, child] of Object.entries(v)) if (k !== "type" && !k.startsWith("_") && k !== "$$typeof") walk(child);
    }
  };
  walk(el);
  return out.join("\n");
}

async function tree(page: Promise<ReactElement>): Promise<string> {
  try {
    return treeText(await page);
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (digest?.includes(";404")) return "404";
    throw err;
  }
}

describe("pages, given another organization's use-case id in the URL", () => {
  const params = (org: string, id: string) => ({ params: Promise.resolve({ org, id }), searchParams: Promise.resolve({}) });

  it.each(["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"] as const)("the use case's page is not found for A's %s, and shows it to B's", async (role) => {
    signInAs(b.users[role].id);
    expect(await tree(UseCasePage(params(b.slug, bLive.id)))).toContain(bLive.title);
    expect(await tree(UseCasePage(params(b.slug, bDeleted.id)))).toContain(bDeleted.title);
    signInAs(a.users[role].id);
    expect(await tree(UseCasePage(params(a.slug, aLive.id)))).toContain(aLive.title);
    expect(await tree(UseCasePage(params(a.slug, bLive.id)))).toBe("404");
    expect(await tree(UseCasePage(params(a.slug, bDeleted.id)))).toBe("404");
    signOut();
  });

  it.each(["ADMIN", "EXECUTIVE"] as const)("the edit page is not found for A's %s, and opens for B's", async (role) => {
    signInAs(b.users[role].id);
    expect(await tree(EditUseCasePage(params(b.slug, bLive.id)))).toContain(bLive.title);
    signInAs(a.users[role].id);
    expect(await tree(EditUseCasePage(params(a.slug, bLive.id)))).toBe("404");
    expect(await tree(EditUseCasePage(params(a.slug, bDeleted.id)))).toBe("404");
    signOut();
  });

  it("the list, searched for B's title or told B's use case was deleted, shows nothing of B", async () => {
    const list = (org: string, search: Record<string, string>) => UseCasesPage({ params: Promise.resolve({ org }), searchParams: Promise.resolve(search) });
    signInAs(b.users.ADMIN.id);
    expect(await tree(list(b.slug, { q: "Secret merger" }))).toContain(bLive.title);
    expect(await tree(list(b.slug, { deleted: bDeleted.id }))).toContain(bDeleted.title);
    signInAs(a.users.ADMIN.id);
    const searches: Record<string, string>[] = [{ q: "Secret merger" }, { deleted: bDeleted.id }, { deleted: bLive.id }, { bu: "Mergers B" }, {}];
    for (const search of searches) {
      const text = await tree(list(a.slug, search));
      expect(text, JSON.stringify(search)).not.toBe("404");
      expect(text).not.toContain(bLive.title);
      expect(text).not.toContain(bDeleted.title);
      // (a filter on "Mergers B" echoes the URL's own value; otherwise B's business unit is not offered)
      if (!("bu" in search)) expect(text).not.toContain("Mergers B");
    }
    expect(await tree(list(a.slug, {}))).toContain(aLive.title);
    signOut();
  });

  it("the trash shows only A's deleted use cases", async () => {
    const trash = (org: string) => TrashPage({ params: Promise.resolve({ org }), searchParams: Promise.resolve({}) });
    signInAs(b.users.ADMIN.id);
    expect(await tree(trash(b.slug))).toContain(bDeleted.title);
    signInAs(a.users.ADMIN.id);
    const html = await tree(trash(a.slug));
    expect(html).toContain("Trash");
    expect(html).not.toContain(bDeleted.title);
    signOut();
  });

  it("through B's URL, A's members get the not-member 404 and B's data stays unread", async () => {
    signInAs(a.users.ADMIN.id);
    expect(await tree(UseCasePage(params(b.slug, bLive.id)))).toBe("404");
    expect(await tree(EditUseCasePage(params(b.slug, bLive.id)))).toBe("404");
    signOut();
    // Nothing was changed by any of the above.
    expect(await db.useCase.findUniqueOrThrow({ where: { id: bLive.id }, select: { version: true } })).toEqual({ version: 2 });
  });
});
