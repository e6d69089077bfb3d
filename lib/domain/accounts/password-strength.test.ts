import { describe, expect, it } from "vitest";
import { checkPasswordStrength, contextWords, ESTIMATE_CHARACTERS, MAX_PASSWORD_LENGTH } from "./password-strength";

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

describe("password strength: limits and the exact advice", () => {
  const long = "velvet canyon lantern orbit ".repeat(8).slice(0, MAX_PASSWORD_LENGTH);

  it("accepts a strong password of exactly the longest length and refuses one character more", () => {
    expect(long).toHaveLength(200);
    expect(checkPasswordStrength(long)).toMatchObject({ ok: true });
    expect(checkPasswordStrength(`${long}x`)).toEqual({ ok: false, score: 0, message: "Use at most 200 characters." });
  });

  it.each([
    ["a warning, then the suggestions, each a sentence", "password123", "This password is too easy to guess. This is a commonly used password. Add more words that are less common."],
    [
      "two suggestions after the warning",
      "aaaaaaaaaab",
      'This password is too easy to guess. Repeated characters like "aaa" are easy to guess. Add more words that are less common. Avoid repeated words and characters.',
    ],
    ["no warning: only the suggestion, with no empty sentence", "kitchenzebra", "This password is too easy to guess. Add more words that are less common."],
  ])("a refusal with %s", (_label, password, message) => {
    expect(checkPasswordStrength(password)).toMatchObject({ ok: false, message });
  });
});

describe("context words", () => {
  it("joins a name's parts and keeps each part of three letters or more, not shorter ones", () => {
    const words = contextWords({ name: "Jo Ann-Lee" });
    expect(words).toEqual(expect.arrayContaining(["jo ann-lee", "joannlee", "ann", "lee"]));
    expect(words).not.toContain("jo");
  });

  it("works without an email, and the email's local part is a word of its own", () => {
    expect(contextWords({ name: "Sam" })).toEqual(["tradeoff", "sam"]);
    expect(contextWords({ email: "dev.ops@x.io" })).toEqual(expect.arrayContaining(["dev.ops@x.io", "dev.ops", "devops"]));
  });
});

describe("what the estimator reads of a long password (issue 16: a sign-up must not buy seconds of CPU)", () => {
  const strongTail = "Kq7#vR2!mZp9$Lw4&Tn8";
  it("judges the first ESTIMATE_CHARACTERS: an easy beginning is refused whatever follows it", () => {
    const easy = "a".repeat(ESTIMATE_CHARACTERS);
    expect(checkPasswordStrength(easy + strongTail)).toMatchObject({ ok: false });
  });

  it("a beginning that is hard to guess is enough, up to the longest password allowed", () => {
    const strong = "violet tractor mango lantern quietly " + strongTail;
    expect(checkPasswordStrength(strong)).toMatchObject({ ok: true });
    expect(checkPasswordStrength((strong + " ").repeat(10).slice(0, MAX_PASSWORD_LENGTH))).toMatchObject({ ok: true });
  });

  it("reads the first few dozen characters, not the whole two hundred", () => {
    expect(ESTIMATE_CHARACTERS).toBeGreaterThanOrEqual(32);
    expect(ESTIMATE_CHARACTERS).toBeLessThanOrEqual(64);
  });
});
