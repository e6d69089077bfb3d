import { describe, expect, it } from "vitest";
import { changeListQuery, DEFAULT_LIST_QUERY, listQueryString, parseListQuery } from "./use-case-list";

describe("the list's URL state", () => {
  it("the default view has no parameters", () => {
    expect(listQueryString(DEFAULT_LIST_QUERY)).toBe("");
    expect(parseListQuery({})).toEqual(DEFAULT_LIST_QUERY);
  });
  it("round-trips a view", () => {
    const q = parseListQuery(new URLSearchParams("bu=Sales&status=LIVE&recommended=RAG&flag=NO_EVALUATION_SET&q=chat&sort=title&dir=desc&page=2&size=100&hide=owner,updatedAt"));
    expect(parseListQuery(new URLSearchParams(listQueryString(q).slice(1)))).toEqual(q);
  });
  it("drops what it does not know", () => {
    expect(parseListQuery({ sort: "password", dir: "sideways", page: "-3", size: "1000", hide: "title" })).toEqual(DEFAULT_LIST_QUERY);
    expect(parseListQuery({ page: "99999999" }).page).toBe(10_000);
  });
  it("changing what is listed goes back to page 1; changing columns does not", () => {
    const q = { ...DEFAULT_LIST_QUERY, page: 4 };
    expect(changeListQuery(q, { q: "x" }).page).toBe(1);
    expect(changeListQuery(q, { sort: "title", dir: "asc" }).page).toBe(1);
    expect(changeListQuery(q, { pageSize: 50 }).page).toBe(1);
    expect(changeListQuery(q, { hidden: ["owner"] }).page).toBe(4);
    expect(changeListQuery(q, { page: 5 }).page).toBe(5);
  });
});

describe("the list's URL state, edge by edge", () => {
  it("reads the first of repeated parameters, from a URL or from Next.js's search params", () => {
    expect(parseListQuery(new URLSearchParams("sort=title&sort=status&dir=desc")).sort).toBe("title");
    expect(parseListQuery({ sort: ["status", "title"], dir: "asc" })).toMatchObject({ sort: "status", dir: "asc" });
    expect(parseListQuery({ hide: ["owner", "updatedAt,status"] }).hidden).toEqual(["owner", "updatedAt", "status"]);
    expect(parseListQuery(new URLSearchParams("hide=owner&hide=owner")).hidden).toEqual(["owner"]);
  });
  it("sorts text columns A to Z and the date newest first unless told otherwise", () => {
    expect(parseListQuery({ sort: "title" }).dir).toBe("asc");
    expect(parseListQuery({ sort: "updatedAt" }).dir).toBe("desc");
    expect(parseListQuery({ sort: "title", dir: "desc" }).dir).toBe("desc");
    expect(parseListQuery({}).sort).toBe("updatedAt");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, sort: "title", dir: "asc" })).toBe("?sort=title&dir=asc");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, dir: "asc" })).toBe("?sort=updatedAt&dir=asc");
  });
  it("page 1 is the first page; 0 and fractions are not pages", () => {
    expect(parseListQuery({ page: "1" }).page).toBe(1);
    expect(parseListQuery({ page: "2" }).page).toBe(2);
    expect(parseListQuery({ page: "0" }).page).toBe(1);
    expect(parseListQuery({ page: "2.5" }).page).toBe(1);
  });
  it("a changed filter or direction goes back to page 1", () => {
    const q = { ...DEFAULT_LIST_QUERY, page: 4 };
    expect(changeListQuery(q, { filter: { ...DEFAULT_LIST_QUERY.filter, status: ["LIVE"] } }).page).toBe(1);
    expect(changeListQuery(q, { dir: "asc" }).page).toBe(1);
    expect(changeListQuery(q, { q: "x", page: 3 }).page).toBe(3);
  });
});
