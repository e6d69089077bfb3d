/** The action boundary's parse: what a person sees next to a field when the input is refused. */
import { describe, expect, it } from "vitest";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/domain/text";
import { useCaseFieldsSchema } from "@/lib/domain/use-case";
import { ValidationError } from "@/lib/server/errors";
import { parseOrThrow } from "@/lib/server/parse";

function refusal(input: unknown): ValidationError {
  try {
    parseOrThrow(useCaseFieldsSchema, input);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("accepted");
}

describe("parseOrThrow", () => {
  it("says each thing once next to its field, though two checks find a character that cannot be stored", () => {
    const err = refusal({ title: "Claims\u0000triage", description: "half an emoji \uD83D" });
    expect(err.fieldErrors).toEqual({ title: [UNSTORABLE_TEXT_MESSAGE], description: [UNSTORABLE_TEXT_MESSAGE] });
  });
});
