import { describe, expect, it } from "vitest";
import { ANSWER_KEYS, ANSWER_LABELS, APPROACH_LABELS, APPROACHES, assessmentSchema, CHANGES_PER_YEAR, MANUAL_ESTIMATE_APPROACHES, PROJECTED_APPROACHES } from "./assessment";
import { withoutUnstorable } from "./text";
import { formatDateAtPrecision, STATUS_LABELS, STATUSES } from "./use-case";
import { DEFAULT_LIST_QUERY, LIST_COLUMN_LABELS, LIST_COLUMNS, listQueryString, pageCount, parseListQuery } from "./use-case-list";
import { canDeleteUseCase, canRestoreUseCase } from "./use-case-permissions";

/** The words and small rules the pages share: what people read on every screen. */
describe("the assessment's vocabulary", () => {
  it("how many changes a year each frequency means: real time is every hour", () => {
    expect(CHANGES_PER_YEAR).toEqual({ realtime: 8760, daily: 365, weekly: 52, monthly: 12, quarterly: 4, annually: 1, static: 0 });
  });
  it("names every approach, and each is either projected by the engine or estimated by its owner", () => {
    expect(APPROACHES.map((a) => APPROACH_LABELS[a])).toEqual(["RAG", "Fine-tuning", "Hybrid", "Prompting only", "Agent with tools", "Structured pipeline", "Feedback learning"]);
    expect([...PROJECTED_APPROACHES, ...MANUAL_ESTIMATE_APPROACHES].sort()).toEqual([...APPROACHES].sort());
    expect(PROJECTED_APPROACHES).toEqual(["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"]);
  });
  it("every answer has its own label", () => {
    const labels = ANSWER_KEYS.map((k) => ANSWER_LABELS[k]);
    expect(labels.every((l) => l.length > 5)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
    expect(ANSWER_LABELS.changeFrequency).toBe("How often the underlying knowledge changes");
    expect(ANSWER_LABELS.maxLagDays).toBe("Longest acceptable lag (days)");
  });
  it("statuses in their lifecycle order, with unknown for an inventory that does not say", () => {
    expect(STATUSES.map((s) => STATUS_LABELS[s])).toEqual(["Idea", "Assessing", "Approved", "Building", "Live", "Retired", "Unknown"]);
  });
  it("a date at the precision it was given", () => {
    expect(formatDateAtPrecision("2025-01-01", "YEAR")).toBe("2025");
    expect(formatDateAtPrecision("2025-03-01", "MONTH")).toBe("Mar 2025");
    expect(formatDateAtPrecision("2025-03-17", "DAY")).toBe("2025-03-17");
  });
});

describe("the use-case list's view in the address", () => {
  it("columns by their headings, the title first", () => {
    expect(LIST_COLUMNS.map((c) => LIST_COLUMN_LABELS[c])).toEqual(["Title", "Business unit", "Owner", "Status", "Recommended", "Chosen", "Risk flags", "Lifecycle cost", "Updated"]);
  });
  it("writes only what differs from the default, the sort and its direction together", () => {
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, sort: "title", dir: "asc" })).toBe("?sort=title&dir=asc");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, dir: "asc" })).toBe("?sort=updatedAt&dir=asc");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, page: 3, pageSize: 50 })).toBe("?page=3&size=50");
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, q: "chat bot" })).toBe("?q=chat+bot");
    // Hidden columns in the list's own order, whatever order they were hidden in.
    expect(listQueryString({ ...DEFAULT_LIST_QUERY, hidden: ["updatedAt", "owner"] })).toBe("?hide=owner%2CupdatedAt");
  });
  it("reads a view leniently: a sort's natural direction, the first of repeated values, each hidden column once", () => {
    expect(parseListQuery({ sort: "title" })).toMatchObject({ sort: "title", dir: "asc" });
    expect(parseListQuery({ sort: "updatedAt" })).toMatchObject({ dir: "desc" });
    expect(parseListQuery({ sort: ["status", "title"], page: ["2", "7"] })).toMatchObject({ sort: "status", page: 2 });
    expect(parseListQuery({ hide: ["owner,status", "owner", "nonsense"] }).hidden).toEqual(["owner", "status"]);
    expect(parseListQuery(new URLSearchParams("hide=cost&hide=chosen")).hidden).toEqual(["cost", "chosen"]);
    for (const page of ["0", "2.5", "two", ""]) expect(parseListQuery({ page }).page, page).toBe(1);
    expect(parseListQuery({ page: "10000" }).page).toBe(10_000);
    expect(parseListQuery({ size: "50" }).pageSize).toBe(50);
  });
  it("a search is trimmed, cut to 200 characters, and loses what no query can hold", () => {
    expect(parseListQuery({ q: "  chat  " }).q).toBe("chat");
    expect(parseListQuery({ q: "x".repeat(250) }).q).toHaveLength(200);
    expect(parseListQuery({ q: "a\u0000b" }).q).toBe("ab");
    // An emoji cut in two by the 200-character limit loses its dangling half.
    expect(parseListQuery({ q: `${"x".repeat(199)}😀` }).q).toBe("x".repeat(199));
    expect(withoutUnstorable("ok 😀 \uD800 done")).toBe("ok 😀  done");
  });
  it("counts pages: at least one, and a last partial page", () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
  });
  it("deleting and restoring follow the edit rule: a lead their own, finance none", () => {
    for (const can of [canDeleteUseCase, canRestoreUseCase]) {
      expect(can({ userId: "me", role: "LEAD" }, { ownerId: "me" })).toBe(true);
      expect(can({ userId: "me", role: "LEAD" }, { ownerId: "you" })).toBe(false);
      expect(can({ userId: "me", role: "FINANCE" }, { ownerId: "me" })).toBe(false);
      expect(can({ userId: "me", role: "EXECUTIVE" }, { ownerId: "you" })).toBe(true);
    }
  });
});

describe("the assessment's bounds, in words", () => {
  const messages = (v: unknown) => {
    const r = assessmentSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  it.each([
    [{ maxLagDays: 3650 }, []],
    [{ maxLagDays: 3651 }, ["maxLagDays: At most 3,650"]],
    [{ maxLagDays: -1 }, ["maxLagDays: Cannot be negative"]],
    [{ maxLagDays: 1.5 }, ["maxLagDays: Must be a whole number"]],
    [{ corpusDocuments: 1_000_000_001 }, ["corpusDocuments: At most 1,000,000,000"]],
    [{ labeledExamples: 100_000_001 }, ["labeledExamples: At most 100,000,000"]],
    [{ latencyBudgetMs: 600_001 }, ["latencyBudgetMs: At most 600,000"]],
    [{ monthlyCalls: 10_000_000_000 }, []],
    [{ monthlyCalls: 10_000_000_001 }, ["monthlyCalls: At most 10,000,000,000"]],
    [{ weeksToProduction: 521 }, ["weeksToProduction: At most 520"]],
    [{ yearlyGrowthPct: -90 }, []],
    [{ yearlyGrowthPct: -90.5 }, ["yearlyGrowthPct: At least -90%"]],
    [{ yearlyGrowthPct: 1000.5 }, ["yearlyGrowthPct: At most 1000%"]],
    [{ yearlyGrowthPct: 12.5 }, []],
  ])("%j: %j", (answers, expected) => {
    expect(messages(answers)).toEqual(expected);
  });
  it("every answer may be left out, and an answer the schema does not know is refused", () => {
    expect(assessmentSchema.safeParse({}).success).toBe(true);
    expect(assessmentSchema.safeParse({ favouriteColour: "blue" }).success).toBe(false);
    expect(assessmentSchema.safeParse({ changeFrequency: "fortnightly" }).success).toBe(false);
    expect(assessmentSchema.safeParse({ needsCitations: "yes" }).success).toBe(false);
  });
});
