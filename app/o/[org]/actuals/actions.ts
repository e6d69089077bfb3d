"use server";
/**
 * Actual spend's server actions (issue 21), each made with orgAction (guard → strict zod input →
 * handler → one error policy). Finance and admins import, undo and set attribution rules; the
 * logic is in lib/server/actuals.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ACTUAL_FORMATS, parseRateMicros, RULE_FIELDS } from "@/lib/domain/actuals";
import { orgAction } from "@/lib/server/action";
import { ACTUAL_IMPORT_ROLES, importActuals, type ActualsActor } from "@/lib/server/actuals/import";
import { deleteRule, saveRule } from "@/lib/server/actuals/rules";
import { undoActualImport } from "@/lib/server/actuals/undo";
import { startVersionFromActuals } from "@/lib/server/actuals/unit-costs";
import type { MemberContext } from "@/lib/server/guard";
import { ValidationError } from "@/lib/server/errors";
import { rowsOfFile, rowsWork } from "@/lib/server/member-work-throttle";

const actorOf = (ctx: MemberContext): ActualsActor => ({ organizationId: ctx.organization.id, userId: ctx.user.id, role: ctx.role });
const id = z.string().min(1).max(64);

/** Imports a file of actual spend (streamed and summed as it is read); a later file of the same feed replaces the months it covers. */
export const importActualSpend = orgAction({
  name: "actuals.import",
  roles: ACTUAL_IMPORT_ROLES,
  // Two million billing lines in ten minutes (counted by the file's lines).
  costly: rowsWork("Imports of actual spend", 2_000_000, (input: { file: Blob }) => rowsOfFile(input.file), { approximate: true }),
  input: z
    .object({
      file: z.instanceof(Blob, { message: "Choose a CSV file." }),
      fileName: z.string().trim().max(255).default("actuals.csv"),
      feed: z.string().trim().max(100).default(""),
      format: z.enum([...ACTUAL_FORMATS, "auto"]).default("auto"),
      costColumn: z.enum(["BilledCost", "EffectiveCost"]).default("BilledCost"),
      tagKey: z.string().trim().min(1, "Name the tag that holds the use case's external id.").max(100).default("usecase"),
      rates: z
        .array(z.object({ currency: z.string().trim().regex(/^[A-Za-z]{3}$/, "A currency is three letters, like EUR."), rate: z.string().trim().max(30) }).strict())
        .max(20)
        .default([]),
      onlyValid: z.boolean().default(false),
      // The columns the person pointed the date, the cost and the use case at (by header), laid
      // over the suggested map; "" for none. Absent: the suggested map alone.
      chosenColumns: z
        .object({ date: z.string().max(500).optional(), cost: z.string().max(500).optional(), useCase: z.string().max(500).optional() })
        .strict()
        .optional(),
    })
    .strict(),
  handler: async (ctx, input) => {
    const ratesMicros: Record<string, bigint> = {};
    for (const r of input.rates) {
      const micros = parseRateMicros(r.rate);
      if (micros === null) throw new ValidationError(`The rate for ${r.currency.toUpperCase()} is not a positive number.`, { rates: [`The rate for ${r.currency.toUpperCase()} is not a positive number.`] });
      ratesMicros[r.currency.toUpperCase()] = micros;
    }
    const outcome = await importActuals(actorOf(ctx), {
      source: input.file.stream(),
      fileName: input.fileName,
      feed: input.feed,
      format: input.format === "auto" ? undefined : input.format,
      costColumn: input.costColumn,
      tagKey: input.tagKey,
      ratesMicros,
      onlyValid: input.onlyValid,
      chosenColumns: input.chosenColumns,
    });
    if (outcome.committed) revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return outcome;
  },
});

/** Undoes an import of actual spend; the months it had replaced count again. */
export const undoActualSpendImport = orgAction({
  name: "actuals.undo",
  roles: ACTUAL_IMPORT_ROLES,
  input: z.object({ importId: id }).strict(),
  handler: async (ctx, input) => {
    const result = await undoActualImport(actorOf(ctx), input.importId);
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});

/** Saves an attribution rule (resource, SKU or account → use case, with a share) and re-attributes. */
export const saveActualRule = orgAction({
  name: "actuals.saveRule",
  roles: ACTUAL_IMPORT_ROLES,
  input: z
    .object({
      field: z.enum(RULE_FIELDS),
      value: z.string().trim().min(1, "Give the resource, SKU or account exactly as the bill writes it.").max(500),
      useCaseId: id,
      sharePct: z.coerce.number().min(0.01, "The share is more than 0%.").max(100, "The share is at most 100%."),
    })
    .strict(),
  handler: async (ctx, input) => {
    const result = await saveRule(actorOf(ctx), { field: input.field, value: input.value, useCaseId: input.useCaseId, shareBp: Math.round(input.sharePct * 100) });
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});

/** Deletes an attribution rule and re-attributes. */
export const deleteActualRule = orgAction({
  name: "actuals.deleteRule",
  roles: ACTUAL_IMPORT_ROLES,
  input: z.object({ id }).strict(),
  handler: async (ctx, input) => {
    const result = await deleteRule(actorOf(ctx), input);
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});

/** Starts a new assumption version whose model prices make the assumed cost per call the actual one, through the one save of the assumptions (versioned, audited, re-projects; returns what that moved). */
export const newAssumptionVersionFromActuals = orgAction({
  name: "actuals.newAssumptionVersion",
  roles: ACTUAL_IMPORT_ROLES,
  input: z.object({ expectedVersion: z.number().int().min(0).max(1_000_000) }).strict(),
  handler: async (ctx, input) => {
    const result = await startVersionFromActuals(ctx, input);
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});
