import { describe, expect, it } from "vitest";
import { UNSTORABLE_TEXT_MESSAGE } from "../text";
import { approveSchema, budgetSchema, commentSchema, markReadSchema, proposeSchema, sendBackSchema } from "./schemas";

/** The first message a refused input gets, or "ok". */
function verdict(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, input: unknown): string {
  const r = schema.safeParse(input);
  return r.success ? "ok" : r.error!.issues[0]!.message;
}

describe("the workflow's inputs", () => {
  it("a proposal's notes default to empty and are trimmed", () => {
    expect(proposeSchema.parse({ id: "u1", approach: "RAG" })).toEqual({ id: "u1", approach: "RAG", notes: "" });
    expect(proposeSchema.parse({ id: "u1", approach: "RAG", notes: "  why  " }).notes).toBe("why");
  });

  it.each([
    ["an id of 64 characters", { id: "x".repeat(64), approach: "RAG" }, "ok"],
    ["notes of exactly 5000 characters", { id: "u1", approach: "RAG", notes: "n".repeat(5000) }, "ok"],
    ["notes one character too long", { id: "u1", approach: "RAG", notes: "n".repeat(5001) }, "Notes must be at most 5000 characters"],
    ["notes with a NUL character", { id: "u1", approach: "RAG", notes: "a\u0000b" }, UNSTORABLE_TEXT_MESSAGE],
  ])("a proposal with %s: %s", (_n, input, expected) => {
    expect(verdict(proposeSchema, input)).toBe(expected);
  });

  it.each([
    ["an empty id", { id: "", approach: "RAG" }],
    ["an id of 65 characters", { id: "x".repeat(65), approach: "RAG" }],
    ["an unknown approach", { id: "u1", approach: "MAGIC" }],
    ["an extra field", { id: "u1", approach: "RAG", organizationId: "o" }],
  ])("a proposal with %s is refused", (_n, input) => {
    expect(proposeSchema.safeParse(input).success).toBe(false);
  });

  it("an approval may name no approach and no notes, and its notes have the same limit", () => {
    expect(approveSchema.parse({ id: "u1" })).toEqual({ id: "u1" });
    expect(verdict(approveSchema, { id: "u1", notes: "n".repeat(5001) })).toBe("Notes must be at most 5000 characters");
    expect(verdict(approveSchema, { id: "u1", notes: "\u0000" })).toBe(UNSTORABLE_TEXT_MESSAGE);
  });

  it.each([
    ["a reason", { id: "u1", reason: "  cost is unclear " }, "ok"],
    ["a blank reason", { id: "u1", reason: "   " }, "Say why it goes back"],
    ["a reason of 2000 characters", { id: "u1", reason: "r".repeat(2000) }, "ok"],
    ["a reason of 2001 characters", { id: "u1", reason: "r".repeat(2001) }, "The reason must be at most 2000 characters"],
  ])("sending back with %s: %s", (_n, input, expected) => {
    expect(verdict(sendBackSchema, input)).toBe(expected);
  });

  it("a sent-back reason is stored trimmed", () => {
    expect(sendBackSchema.parse({ id: "u1", reason: "  cost is unclear " }).reason).toBe("cost is unclear");
  });

  it("a budget approval takes the id and nothing else", () => {
    expect(verdict(budgetSchema, { id: "u1" })).toBe("ok");
    expect(budgetSchema.safeParse({ id: "u1", cents: 5 }).success).toBe(false);
  });

  it.each([
    ["a comment", { useCaseId: "u1", body: " looks good " }, "ok"],
    ["an empty comment", { useCaseId: "u1", body: "  " }, "Write a comment"],
    ["a comment of 4000 characters", { useCaseId: "u1", body: "c".repeat(4000) }, "ok"],
    ["a comment of 4001 characters", { useCaseId: "u1", body: "c".repeat(4001) }, "A comment must be at most 4000 characters"],
    ["a comment with half an emoji", { useCaseId: "u1", body: "hi \ud83d" }, UNSTORABLE_TEXT_MESSAGE],
  ])("%s: %s", (_n, input, expected) => {
    expect(verdict(commentSchema, input)).toBe(expected);
  });

  it.each([
    ["some notifications", { ids: ["n1", "n2"] }, "ok"],
    ["all of them", { all: true }, "ok"],
    ["500 at once", { ids: Array.from({ length: 500 }, (_, i) => `n${i}`) }, "ok"],
    ["501 at once", { ids: Array.from({ length: 501 }, (_, i) => `n${i}`) }, "At most 500 at once"],
    ["an empty list", { ids: [] }, "Name a notification"],
    ["neither", {}, "Name the notifications to mark read, or all of them"],
    ["both", { ids: ["n1"], all: true }, "Name the notifications to mark read, or all of them"],
  ])("marking read %s: %s", (_n, input, expected) => {
    expect(verdict(markReadSchema, input)).toBe(expected);
  });

  it("marking read names the list as the field at fault", () => {
    const r = markReadSchema.safeParse({});
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["ids"]);
  });
});
