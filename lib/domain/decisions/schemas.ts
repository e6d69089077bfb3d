/**
 * The workflow's and the comments' inputs: one schema for the forms' hints and the server's check.
 * Pure: no Next.js, Prisma or I/O.
 */
import { z } from "zod";
import { APPROACHES } from "../assessment";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "../text";

const id = z.string().min(1).max(64);
const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters`).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const NOTES_MAX = 5000;
export const REASON_MAX = 2000;
export const COMMENT_MAX = 4000;

export const proposeSchema = z.object({ id, approach: z.enum(APPROACHES), notes: text(NOTES_MAX, "Notes").default("") }).strict();
export const approveSchema = z.object({ id, approach: z.enum(APPROACHES).optional(), notes: text(NOTES_MAX, "Notes").optional() }).strict();
export const sendBackSchema = z.object({ id, reason: text(REASON_MAX, "The reason").pipe(z.string().min(1, "Say why it goes back")) }).strict();
export const budgetSchema = z.object({ id }).strict();
export const commentSchema = z.object({ useCaseId: id, body: text(COMMENT_MAX, "A comment").pipe(z.string().min(1, "Write a comment")) }).strict();
/** Either { ids: [...] } (some of one's notifications) or { all: true }. */
export const markReadSchema = z
  .object({ ids: z.array(id).min(1, "Name a notification").max(500, "At most 500 at once").optional(), all: z.literal(true).optional() })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.ids === undefined) === (v.all === undefined)) ctx.addIssue({ code: "custom", path: ["ids"], message: "Name the notifications to mark read, or all of them" });
  });
