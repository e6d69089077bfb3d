import { describe, expect, it } from "vitest";
import { auditSearch, decodeCursor, encodeCursor, isDay, parseAuditQuery } from "./filter";

describe("the audit page's URL filter", () => {
  it("reads every filter and a page position", () => {
    const q = parseAuditQuery(new URLSearchParams("kind=security&person=cabc123&action=use_case.&entity=UseCase&from=2026-12-01&to=2026-12-03&after=2026-12-02T10:00:00.123Z_cxyz"));
    expect(q.problems).toEqual([]);
    expect(q.filter).toEqual({ kind: "security", person: "cabc123", action: "use_case.", entity: "UseCase", from: "2026-12-01", to: "2026-12-03" });
    expect(q.after).toEqual({ at: "2026-12-02T10:00:00.123Z", id: "cxyz" });
  });

  it("shows everything, newest first, when nothing is given", () => {
    expect(parseAuditQuery({})).toEqual({ filter: { kind: "all" }, problems: [] });
  });

  it.each([
    ["kind=everything", "kind of event"],
    ["person=a%20b", "person"],
    ["action=%3Dcmd()", "action"],
    ["entity=Use%20Case", "entity"],
    ["from=2026-02-30", "start date"],
    ["to=yesterday", "end date"],
    ["from=2026-12-05&to=2026-12-01", "start date was after"],
    ["after=2026-12-02_x", "page position"],
    ["before=2026-13-02T10:00:00.000Z_x", "page position"],
  ])("drops %s and says why", (qs, words) => {
    const q = parseAuditQuery(new URLSearchParams(qs));
    expect(q.problems.join(" ")).toContain(words);
    expect(q.filter).toEqual({ kind: "all" });
    expect(q.after ?? q.before).toBeUndefined();
  });

  it("accepts only real days from 1970", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2023-02-29")).toBe(false);
    expect(isDay("1969-12-31")).toBe(false);
    expect(isDay("2026-1-01")).toBe(false);
  });

  it("writes the filter and position back as the same URL it reads", () => {
    const filter = { kind: "changes" as const, person: "c1", action: "membership.", from: "2026-01-01" };
    const cursor = { at: "2026-12-02T10:00:00.123Z", id: "c-1" };
    const search = auditSearch(filter, { after: cursor });
    const back = parseAuditQuery(new URLSearchParams(search.slice(1)));
    expect(back.filter).toEqual(filter);
    expect(back.after).toEqual(cursor);
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(auditSearch({ kind: "all" })).toBe("");
  });
});
