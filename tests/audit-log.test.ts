/**
 * The audit page's reads and its CSV export (issue 19, item 6): changes and security events of one
 * organization together, filtered by person, action, entity and days, paged by keyset (every row
 * exactly once, forwards and back; a deep page reads no more rows than a first one), and the export
 * streams the same rows, injection-safe, admins only.
 */
import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/server/db";
import { auditLogQuery, readAuditPage } from "@/lib/server/audit-log";
import type { AuditCursor, AuditFilter } from "@/lib/domain/audit/filter";
import { AUDIT_CSV_HEADER } from "@/lib/domain/audit/present";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { GET as exportAudit } from "@/app/o/[org]/audit/events.csv/route";
import AuditPage from "@/app/o/[org]/audit/page";
import { updateUseCase } from "@/app/o/[org]/use-cases/actions";
import { RAG_ANSWERS } from "./helpers/answers";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { runAs, signInAs, signOut } from "./helpers/session";

let a: TestOrg;
let b: TestOrg;
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 10, 10, 12, 0, 0); // 10 November 2026, noon UTC

interface Made {
  id: string;
  source: "change" | "security";
  at: Date;
  person: string | null;
  action: string;
  entity: string;
}
const madeA: Made[] = [];

async function fill(org: TestOrg, out: Made[] | null, changes: number, security: number) {
  const people = [org.users.ADMIN.id, org.users.LEAD.id, org.users.FINANCE.id, null];
  const actions = ["use_case.created", "use_case.updated", "membership.role_changed", "invitation.created"];
  const entities = ["UseCase", "UseCase", "Membership", "Invitation"];
  for (let i = 0; i < changes; i++) {
    // Three rows share each time, so the id has to break the ties.
    const at = new Date(BASE + Math.floor(i / 3) * (DAY / 5));
    const k = i % 4;
    const row = await db.auditEvent.create({
      data: { organizationId: org.id, actorId: people[k], action: actions[k]!, entity: entities[k]!, entityId: `e${i}`, at, after: { title: `T${i}` } },
    });
    out?.push({ id: row.id, source: "change", at, person: people[k]!, action: actions[k]!, entity: entities[k]! });
  }
  const secActions = ["security.sign_in.failed", "security.access.forbidden", "security.access.not_member"];
  const secEntities = ["Account", "Action", "Page"];
  for (let i = 0; i < security; i++) {
    const at = new Date(BASE + Math.floor(i / 2) * (DAY / 3) + 1);
    const k = i % 3;
    const person = k === 2 ? null : people[k]!;
    const row = await db.securityEvent.create({
      data: {
        organizationId: org.id, action: secActions[k]!, outcome: k === 0 ? "failed" : "refused", userId: person, email: person ? `p${k}@x.test` : "outsider@x.test",
        ip: `203.0.113.${i}`, entity: secEntities[k]!, entityId: `t${i}`, firstAt: at, lastAt: at, dedupeKey: randomUUID(),
      },
    });
    out?.push({ id: row.id, source: "security", at, person, action: secActions[k]!, entity: secEntities[k]! });
  }
}

beforeAll(async () => {
  a = await createTestOrg("audita");
  b = await createTestOrg("auditb");
  await fill(a, madeA, 75, 30);
  await fill(b, null, 12, 6);
  // A failed sign-in of an unknown account: no organization, never on anyone's page.
  await db.securityEvent.create({ data: { organizationId: null, action: "security.sign_in.failed", outcome: "failed", ip: "198.51.100.1", entity: "Account", entityId: "", firstAt: new Date(BASE), lastAt: new Date(BASE), dedupeKey: randomUUID() } });
});

async function walk(filter: AuditFilter, pageSize: number) {
  const pages: string[][] = [];
  let after: AuditCursor | undefined;
  let page = await readAuditPage(a.id, filter, {}, pageSize);
  expect(page.newer).toBeUndefined();
  for (;;) {
    pages.push(page.rows.map((r) => r.id));
    for (let i = 1; i < page.rows.length; i++) expect(page.rows[i - 1]!.at >= page.rows[i]!.at).toBe(true);
    if (!page.older) break;
    after = page.older;
    page = await readAuditPage(a.id, filter, { after }, pageSize);
  }
  return pages;
}

describe("the audit log's pages", () => {
  it("pages through changes and security events together, newest first, each row exactly once, and back again", async () => {
    const pages = await walk({ kind: "all" }, 8);
    const ids = pages.flat();
    expect(ids).toHaveLength(madeA.length);
    expect(new Set(ids)).toEqual(new Set(madeA.map((m) => m.id)));
    expect(pages.slice(0, -1).every((p) => p.length === 8)).toBe(true);
    // Back from the oldest page, "newer" gives the same pages in reverse.
    const back: string[][] = [];
    let page = await readAuditPage(a.id, { kind: "all" }, { after: undefined }, 8);
    const cursors: (AuditCursor | undefined)[] = [undefined];
    while (page.older) {
      cursors.push(page.older);
      page = await readAuditPage(a.id, { kind: "all" }, { after: page.older }, 8);
    }
    let current = page;
    back.unshift(current.rows.map((r) => r.id));
    while (current.newer) {
      current = await readAuditPage(a.id, { kind: "all" }, { before: current.newer }, 8);
      back.unshift(current.rows.map((r) => r.id));
    }
    expect(back.flat()).toEqual(ids);
  });

  it.each<[string, AuditFilter, (m: Made) => boolean]>([
    ["changes only", { kind: "changes" }, (m) => m.source === "change"],
    ["security events only", { kind: "security" }, (m) => m.source === "security"],
    ["one person", { kind: "all", person: "LEAD" }, (m) => m.person === "LEAD"],
    ["an action prefix", { kind: "all", action: "use_case." }, (m) => m.action.startsWith("use_case.")],
    ["an exact action", { kind: "all", action: "security.access.forbidden" }, (m) => m.action === "security.access.forbidden"],
    ["an entity", { kind: "all", entity: "Membership" }, (m) => m.entity === "Membership"],
    ["a range of days", { kind: "all", from: "2026-11-12", to: "2026-11-14" }, (m) => m.at >= new Date("2026-11-12T00:00:00Z") && m.at < new Date("2026-11-15T00:00:00Z")],
    ["everything at once", { kind: "all", person: "ADMIN", from: "2026-11-11", entity: "UseCase" }, (m) => m.person === "ADMIN" && m.entity === "UseCase" && m.at >= new Date("2026-11-11T00:00:00Z")],
  ])("filters by %s, exactly", async (_, filter, keep) => {
    const role = filter.person as "LEAD" | "ADMIN" | undefined;
    const f = role ? { ...filter, person: a.users[role].id } : filter;
    const expected = madeA.filter((m) => keep(role ? { ...m, person: m.person === a.users[role].id ? role : m.person } : m));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(madeA.length);
    const ids = (await walk(f, 10)).flat();
    expect(ids.sort()).toEqual(expected.map((m) => m.id).sort());
  });

  it("shows nothing of another organization, nor events with no organization", async () => {
    const rows = (await readAuditPage(a.id, { kind: "all" }, {}, 500)).rows;
    expect(rows).toHaveLength(madeA.length);
    expect(rows.some((r) => r.ip === "198.51.100.1")).toBe(false);
    expect(rows.every((r) => !r.personId || Object.values(a.users).some((u) => u.id === r.personId))).toBe(true);
  });

  it("a deep page reads no more rows than the first (keyset, not OFFSET)", async () => {
    // A bigger log: 5,000 more changes.
    await db.$executeRaw`INSERT INTO "AuditEvent" (id, "organizationId", action, entity, "entityId", at)
      SELECT 'bulk-' || g, ${a.id}, 'bulk.test', 'Bulk', g::text, ${new Date(BASE - DAY)}::timestamp - (g || ' seconds')::interval FROM generate_series(1, 5000) g`;
    await db.$executeRawUnsafe(`ANALYZE "AuditEvent"`);
    await db.$executeRawUnsafe(`ANALYZE "SecurityEvent"`);
    const rowsRead = async (cursor?: AuditCursor) => {
      const q = auditLogQuery(a.id, { kind: "all" }, { cursor, direction: "older", limit: 21 });
      const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, ...q.values);
      let total = 0;
      const visit = (node: Record<string, unknown>) => {
        if (typeof node["Relation Name"] === "string" && ["AuditEvent", "SecurityEvent"].includes(node["Relation Name"] as string)) total += (node["Actual Rows"] as number) * ((node["Actual Loops"] as number) || 1);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
      };
      visit((plan[0]!["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan);
      return total;
    };
    try {
      const first = await rowsRead();
      const deep = await rowsRead({ at: new Date(BASE - DAY - 4000 * 1000).toISOString(), id: "bulk-4000" });
      // Each branch reads its page and a few rows ahead, never the 4,000 rows before the cursor.
      expect(first).toBeLessThanOrEqual(60);
      expect(deep).toBeLessThanOrEqual(60);
    } finally {
      await db.auditEvent.deleteMany({ where: { organizationId: a.id, action: "bulk.test" } });
    }
  });
});

describe("the audit log's use cases", () => {
  it("names each change's use case by its title as it is now, in the trash or gone, and never by another organization's", async () => {
    const c = await createTestOrg("auditc");
    const lead = c.users.LEAD.id;
    const make = (org: TestOrg, title: string, deletedAt: Date | null = null) =>
      db.useCase.create({ data: { organizationId: org.id, title, ownerId: org.users.LEAD.id, createdById: org.users.LEAD.id, deletedAt }, select: { id: true } });
    const live = await make(c, "Claims triage");
    const trashed = await make(c, "Old chatbot", new Date());
    const elsewhere = await make(b, "Another organization's secret");
    const events = [
      [live.id, 1],
      [live.id, 2],
      [trashed.id, 3],
      ["gone-use-case", 4],
      [elsewhere.id, 5],
    ] as const;
    for (const [entityId, minute] of events) {
      await db.auditEvent.create({ data: { organizationId: c.id, actorId: lead, action: "use_case.updated", entity: "UseCase", entityId, at: new Date(BASE + minute * 60_000), after: { title: "x" } } });
    }
    await db.auditEvent.create({ data: { organizationId: c.id, actorId: lead, action: "membership.role_changed", entity: "Membership", entityId: live.id, at: new Date(BASE + 6 * 60_000) } });

    const { rows } = await readAuditPage(c.id, { kind: "changes" });
    const byMinute = (m: number) => rows.find((r) => r.at === new Date(BASE + m * 60_000).toISOString())!;
    expect(byMinute(1).useCase).toEqual({ title: "Claims triage", deleted: false });
    expect(byMinute(2).useCase).toEqual({ title: "Claims triage", deleted: false });
    expect(byMinute(3).useCase).toEqual({ title: "Old chatbot", deleted: true });
    expect(byMinute(4).useCase).toBeNull();
    // Another organization's use case of that id is not this one's: gone, its title never shown.
    expect(byMinute(5).useCase).toBeNull();
    expect(JSON.stringify(rows)).not.toContain("Another organization's secret");
    // A change to something else has no use case, even when its id matches one.
    expect(byMinute(6).useCase).toBeUndefined();
  });
});

describe("the audit page's owners", () => {
  it("names a use case's owner as the member they are; someone who left, or who belongs to another organization, as a former member, never by id", async () => {
    const c = await createTestOrg("auditowner");
    const member = async (name: string) => {
      const user = await db.user.create({ data: { email: `${randomUUID().slice(0, 8)}@auditowner.test`, name, emailVerifiedAt: new Date() } });
      await db.membership.create({ data: { userId: user.id, organizationId: c.id, role: "LEAD" } });
      return user;
    };
    const priya = await member("Priya Raman");
    const dana = await member("Dana Whitfield");
    const uc = await db.useCase.create({ data: { organizationId: c.id, title: "Claims triage", ownerId: priya.id, createdById: priya.id, startDate: new Date("2027-01-01"), horizonYears: 3, assessment: RAG_ANSWERS }, select: { id: true, version: true } });
    // The executive hands it to Dana; then Priya leaves the organization.
    const handed = (await runAs(c.users.EXECUTIVE.id, () => updateUseCase(c.slug, { id: uc.id, expectedVersion: uc.version, title: "Claims triage", startDate: "2027-01-01", horizonYears: 3, assessment: RAG_ANSWERS, ownerId: dana.id }))) as { ok: boolean };
    expect(handed.ok).toBe(true);
    await db.membership.delete({ where: { userId_organizationId: { userId: priya.id, organizationId: c.id } } });
    // A change naming a member of another organization (never one of this one's) as owner.
    const outsider = await db.user.findUniqueOrThrow({ where: { id: b.users.LEAD.id }, select: { id: true, name: true } });
    await db.auditEvent.create({ data: { organizationId: c.id, actorId: c.users.ADMIN.id, action: "use_case.updated", entity: "UseCase", entityId: uc.id, at: new Date(Date.now() - 60_000), before: { ownerId: dana.id }, after: { ownerId: outsider.id } } });

    const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
    signInAs(c.users.ADMIN.id);
    let html: string;
    try {
      const node = await AuditPage({ params: Promise.resolve({ org: c.slug }), searchParams: Promise.resolve({ entity: "UseCase" }) });
      html = renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, node as ReactNode));
    } finally {
      signOut();
    }
    const details = [...html.matchAll(/<li class="break-words">(.*?)<\/li>/g)].map((m) => m[1]);
    expect(details).toContain("Owner: a former member → Dana Whitfield");
    expect(details).toContain("Owner: Dana Whitfield → a former member");
    // No owner by id (Dana, a member, is also among the person filter's choices, by name).
    for (const id of [priya.id, outsider.id]) expect(html).not.toContain(id);
    expect(html).not.toContain(outsider.name);
  });
});

const route = (org: TestOrg, query = "") => exportAudit(new Request(`http://localhost/o/${org.slug}/audit/events.csv${query}`), { params: Promise.resolve({ org: org.slug }) });

describe("the audit log's CSV export", () => {
  it("streams every row of the filter, the same rows as the page, with the formula-looking cells neutralised", async () => {
    await db.auditEvent.create({ data: { organizationId: a.id, actorId: a.users.ADMIN.id, action: "use_case.updated", entity: "UseCase", entityId: '=HYPERLINK("http://evil.example","x")', at: new Date(BASE + 30 * DAY) } });
    await db.securityEvent.create({
      data: { organizationId: a.id, action: "security.access.not_member", outcome: "refused", email: "@SUM(1+1)@evil.test", ip: "+1", entity: "Page", entityId: "-2+3", firstAt: new Date(BASE + 30 * DAY), lastAt: new Date(BASE + 30 * DAY), dedupeKey: randomUUID() },
    });
    signInAs(a.users.ADMIN.id);
    const res = await route(a);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/audit-log-\d{4}-\d{2}-\d{2}\.csv/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: "\r\n" }).data;
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows).toHaveLength(madeA.length + 2);
    // The two newest rows: the hostile ones, each cell a spreadsheet would run prefixed with '.
    const security = rows.slice(0, 2).find((r) => r[3] === "security")!;
    expect([security[5], security[9], security[10]]).toEqual(["'@SUM(1+1)@evil.test", "'-2+3", "'+1"]);
    const change = rows.slice(0, 2).find((r) => r[3] === "change")!;
    expect(change[9]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(change[4]).toBe(`ADMIN ${a.name.split(" ")[1]}`);
    expect(text).not.toContain(b.users.ADMIN.email);
    expect(text).not.toContain("198.51.100.1");

    const filtered = await route(a, `?kind=changes&person=${a.users.LEAD.id}`);
    const lines = Papa.parse<string[]>((await filtered.text()).trimEnd(), { newline: "\r\n" }).data.slice(1);
    expect(lines).toHaveLength(madeA.filter((m) => m.source === "change" && m.person === a.users.LEAD.id).length);
    expect(lines.every((l) => l[3] === "change" && l[5] === a.users.LEAD.email)).toBe(true);
    signOut();
  });

  it("refuses a filter it cannot read with a 422 and a sentence", async () => {
    signInAs(a.users.ADMIN.id);
    const res = await route(a, "?from=2026-02-31");
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(/start date/);
    signOut();
  });

  it("is for admins only", async () => {
    for (const role of ["EXECUTIVE", "LEAD", "FINANCE"] as const) {
      signInAs(a.users[role].id);
      expect((await route(a)).status).toBe(403);
    }
    signOut();
  });

  it("runs as the organization-scoped role: even a query with no organization filter sees only its rows", async () => {
    const rows = await db.$transaction(async (tx) => {
      const { withOrganizationScope } = await import("@/lib/server/rls");
      expect(await withOrganizationScope(tx, a.id)).toBe(true);
      return tx.$queryRaw<{ organizationId: string | null }[]>(Prisma.sql`SELECT DISTINCT "organizationId" FROM "SecurityEvent"`);
    });
    expect(rows.map((r) => r.organizationId)).toEqual([a.id]);
  });
});
