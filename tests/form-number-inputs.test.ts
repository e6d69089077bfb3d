/**
 * The use-case form's number fields are text inputs read by parseNumberInput, never
 * <input type="number">: a browser's number input drops what it cannot read before the form
 * sees it. In Chromium "2,5" typed as a yearly growth reached the form as "25" (saved as 25%),
 * "1.000.000" monthly calls as "1.000000" (saved as 1 call a month), and "-" as "" (saved as
 * unanswered), each silently, so the form's own messages ("Write decimals with a point (2.5); a
 * comma only separates thousands", "Enter a number") could never show.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ANSWER_KEYS } from "@/lib/domain/assessment";
import { answerKind, emptyFormValues } from "@/lib/domain/use-case-form";
import { AssessmentSection } from "@/app/o/[org]/use-cases/_components/assessment-section";
import { OverviewSection } from "@/app/o/[org]/use-cases/_components/overview-section";
import { fieldId } from "@/app/o/[org]/use-cases/_components/form-fields";

const noop = () => {};
const values = emptyFormValues("u1");
const html = (el: ReactElement) => renderToStaticMarkup(el);
const inputTag = (markup: string, path: string) => {
  const m = markup.match(new RegExp(`<input[^>]*id="${fieldId(path)}"[^>]*>`));
  expect(m, path).not.toBeNull();
  return m![0];
};

describe("the use-case form's number fields", () => {
  const assessment = html(createElement(AssessmentSection, { values, err: () => undefined, onAnswer: noop, blur: noop }));
  const overview = html(
    createElement(OverviewSection, { values, err: () => undefined, set: noop, blur: noop, members: [{ id: "u1", name: "Lee" }], canAssignOwner: false, currentUser: { id: "u1", name: "Lee" } }),
  );
  const numberPaths = [
    ...ANSWER_KEYS.filter((k) => answerKind(k) === "number").map((k) => [`assessment.${k}`, assessment] as const),
    ["horizonYears", overview] as const,
    ["manualEstimate.low", overview] as const,
    ["manualEstimate.base", overview] as const,
    ["manualEstimate.high", overview] as const,
  ];

  it.each(numberPaths.map(([p, m]) => [p, m]))("%s is a text input with a numeric keyboard, so what is typed reaches the form as typed", (path, markup) => {
    const tag = inputTag(markup, path);
    expect(tag).toMatch(/type="text"/);
    expect(tag).toMatch(/inputMode="(numeric|decimal)"/i);
  });

  it("covers every number answer (7) and the overview's four", () => {
    expect(numberPaths).toHaveLength(ANSWER_KEYS.filter((k) => answerKind(k) === "number").length + 4);
    expect(numberPaths.length).toBe(11);
  });
});
