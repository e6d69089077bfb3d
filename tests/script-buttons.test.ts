/**
 * Buttons that act only through the page's script (an onClick calling a server action or
 * next-auth, not a form's action) are disabled in the HTML the server sends, so a click before
 * the script has run is visibly refused instead of silently doing nothing (a browser journey
 * signed out into nothing this way on a loaded machine). The page's script enables them.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { SignOutButton } from "@/components/sign-out-button";
import { ScriptButton } from "@/components/script-button";
import { EndSessionsButton } from "@/app/o/[org]/_shell/end-sessions-button";
import { StepButton } from "@/app/o/[org]/decisions/_components/step-button";
import { MarkRead } from "@/app/o/[org]/notifications/mark-read";
import { DeleteButton, RestoreButton } from "@/app/o/[org]/use-cases/_components/row-actions";
import { UndoImportButton } from "@/app/o/[org]/use-cases/import/[importId]/undo-button";
import { DeleteRuleButton, UndoActualsImportButton } from "@/app/o/[org]/actuals/_components/buttons";
import { ApproveBudgetButton, ApproveOrSendBack } from "@/app/o/[org]/use-cases/[id]/_decision/workflow-forms";
import { SubmitButton } from "@/components/form";
import { SignInForm } from "@/app/(auth)/sign-in/sign-in-form";
import { SignUpForm } from "@/app/(auth)/sign-up/sign-up-form";
import { CommentForm } from "@/app/o/[org]/use-cases/[id]/_comments/comment-form";

/** Each <button> of the server's HTML: its text and whether it is disabled. */
function html(element: ReactElement): string {
  // The router the page gives its components (useRouter), which server rendering does not call.
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
  return renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, element));
}

function buttons(element: ReactElement): { text: string; disabled: boolean }[] {
  return [...html(element).matchAll(/<button([^>]*)>(.*?)<\/button>/g)].map((m) => ({ text: m[2]!.replace(/<[^>]+>/g, ""), disabled: /\sdisabled=""/.test(m[1]!) }));
}

const org = "acme";
const cases: [string, ReactElement][] = [
  ["Sign out", createElement(SignOutButton)],
  ["End all my sessions", createElement(EndSessionsButton)],
  ["Approve on the decision queue", createElement(StepButton, { orgSlug: org, id: "d1", step: "approve", label: "Approve RAG", done: "Approved." })],
  ["Mark all read", createElement(MarkRead, { orgSlug: org, label: "Mark all read" })],
  ["Delete a use case", createElement(DeleteButton, { orgSlug: org, id: "u1", title: "Chatbot" })],
  ["Restore a use case", createElement(RestoreButton, { orgSlug: org, id: "u1" })],
  ["Undo an import", createElement(UndoImportButton, { orgSlug: org, importId: "i1", created: 2, updated: 1, blocked: 0 })],
  ["Undo an actual-spend import", createElement(UndoActualsImportButton, { orgSlug: org, importId: "a1", fileName: "bill.csv" })],
  ["Delete an attribution rule", createElement(DeleteRuleButton, { orgSlug: org, id: "r1", what: "team=search" })],
  ["Approve or send back", createElement(ApproveOrSendBack, { orgSlug: org, id: "d1", approach: "RAG", optionNotes: {} })],
  ["Approve the budget", createElement(ApproveBudgetButton, { orgSlug: org, id: "d1", label: "Approve the budget" })],
];

/**
 * Forms the page's script sends (onSubmit): their submit button is disabled in the server's HTML.
 * Submitted before the script has run, the browser would send the form itself, as a GET to the
 * page with every field in the address (the sign-in form's password in the server's log and the
 * browser's history); with its submit button disabled, neither a click nor Enter sends it.
 */
const forms: [string, ReactElement][] = [
  ["Sign in", createElement(SignInForm, { callbackUrl: "/" })],
  ["Sign up", createElement(SignUpForm)],
  ["Comment", createElement(CommentForm, { orgSlug: org, useCaseId: "u1", members: [] })],
];

describe("a form sent by the page's script", () => {
  it.each(forms)("%s: its submit button is disabled in the server's HTML", (_, element) => {
    const submits = html(element).match(/<button[^>]*type="submit"[^>]*>/g) ?? [];
    expect(submits.length).toBeGreaterThan(0);
    for (const b of submits) expect(b).toMatch(/\sdisabled=""/);
  });
  it("SubmitButton keeps a caller's disabled and its own pending state", () => {
    expect(renderToStaticMarkup(createElement(SubmitButton, { pending: true, children: "Save" }))).toMatch(/^<button type="submit" aria-disabled="true"[^>]*disabled=""/);
  });
});

describe("a button that works only through the page's script", () => {
  it.each(cases)("%s: disabled in the server's HTML", (_, element) => {
    const found = buttons(element);
    expect(found.length).toBeGreaterThan(0);
    for (const b of found) expect(b, b.text).toMatchObject({ disabled: true });
  });

  it("is otherwise a plain button: type button, its own disabled state kept, its other attributes passed on", () => {
    expect(renderToStaticMarkup(createElement(ScriptButton, { className: "x", title: "t" }, "Go"))).toBe('<button type="button" disabled="" class="x" title="t">Go</button>');
    expect(renderToStaticMarkup(createElement(ScriptButton, { type: "submit", disabled: false }, "Go"))).toContain('type="submit" disabled=""');
  });
});
