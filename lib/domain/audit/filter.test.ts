import { describe, expect, it } from "vitest";
import { auditSearch, decodeCursor, encodeCursor, endOfDay, isDay, parseAuditQuery, startOfDay } from "./filter";

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

describe("the audit filter's edges", () => {
  it.each([
    ["the first day accepted", "1970-01-01", true],
    ["a month zero (it would roll back into the year before)", "2026-00-15", false],
    ["the 31st of a 30-day month", "2026-04-31", false],
    ["a day with text before it", "x2026-01-01", false],
    ["a day with text after it", "2026-01-01x", false],
  ])("%s: %s", (_n, day, ok) => {
    expect(isDay(day)).toBe(ok);
  });

  it("a day runs from its midnight to the next (UTC)", () => {
    expect(startOfDay("2026-12-03").toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(endOfDay("2026-12-03").toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it.each([
    ["text before it", "x2026-12-02T10:00:00.123Z_c1"],
    ["text after it", "2026-12-02T10:00:00.123Z_c1 extra"],
    ["a day that does not exist", "2026-02-30T10:00:00.000Z_c1"],
  ])("a page position with %s is refused", (_n, value) => {
    expect(decodeCursor(value)).toBeNull();
  });

  it("nothing given adds no empty filter", () => {
    expect(parseAuditQuery({})).toStrictEqual({ filter: { kind: "all" }, problems: [] });
  });

  it("values are read trimmed", () => {
    const q = parseAuditQuery({ kind: " security ", person: " c1 ", action: [" use_case. ", "x"] });
    expect(q).toStrictEqual({ filter: { kind: "security", person: "c1", action: "use_case." }, problems: [] });
  });

  it.each(["use_case updated", "a".repeat(101)])("an action that is not one word of up to 100 characters is dropped: %s", (action) => {
    const q = parseAuditQuery({ action });
    expect(q.filter).toStrictEqual({ kind: "all" });
    expect(q.problems).toEqual(["The action may hold only letters, digits and . _ : - (up to 100), so every action is shown."]);
  });

  it("one day for both ends of the range is kept", () => {
    expect(parseAuditQuery({ from: "2026-12-03", to: "2026-12-03" }).filter).toEqual({ kind: "all", from: "2026-12-03", to: "2026-12-03" });
  });

  it("a position going back (before) is read and written back", () => {
    const cursor = { at: "2026-12-02T10:00:00.123Z", id: "c-9" };
    expect(parseAuditQuery({ before: encodeCursor(cursor) })).toStrictEqual({ filter: { kind: "all" }, problems: [], before: cursor });
    expect(auditSearch({ kind: "all" }, { before: cursor })).toBe("?before=2026-12-02T10%3A00%3A00.123Z_c-9");
  });
});
