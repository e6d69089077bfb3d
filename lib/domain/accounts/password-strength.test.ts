import { describe, expect, it } from "vitest";
import { checkPasswordStrength, contextWords } from "./password-strength";

const person = { email: "maria.lopez@kestrel.example", name: "Maria Lopez", organizationName: "Kestrel Mutual" };

describe("password strength", () => {
  it.each([
    ["short", "Xk7#pQ2", "Use at least 10 characters."],
    ["a common password", "password123", "too easy to guess"],
    ["a keyboard walk", "qwertyuiop", "too easy to guess"],
    ["a repeated character", "aaaaaaaaaaaa", "too easy to guess"],
    ["the app's name", "tradeoff2026", "too easy to guess"],
  ])("refuses %s with a message that says how to do better", (_label, password, says) => {
    const verdict = checkPasswordStrength(password, person);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.message).toContain(says);
    // Every refusal suggests something to do, not only what is wrong.
    expect(verdict.message.split(". ").length).toBeGreaterThan(1);
  });

  it.each([
    ["the person's own name and org", "marialopezkestrel"],
    ["their email's local part", "maria.lopez2026"],
    ["the organization's name", "kestrelmutual1"],
  ])("refuses %s (context-specific) though it would pass for someone else", (_label, password) => {
    expect(checkPasswordStrength(password, person).ok).toBe(false);
    expect(checkPasswordStrength(password, { email: "someone@else.example", name: "Sam Else" }).ok).toBe(true);
  });

  it.each(["correct horse battery staple orbit", "velvet-canyon-82-lantern", "e2e-password-long-enough"])("accepts %s", (password) => {
    expect(checkPasswordStrength(password, person)).toMatchObject({ ok: true });
  });

  it("the context words include the email's parts, the name and the organization", () => {
    expect(contextWords(person)).toEqual(expect.arrayContaining(["maria", "lopez", "kestrel", "mutual", "maria.lopez", "tradeoff"]));
  });
});
