import { z } from "zod";
import { ValidationError } from "./errors";

/** zod issues as field errors: { "values.engineerRate": ["At most 2,000"] }. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

