"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction } from "@/lib/server/action";
import { ASSUMPTION_ROLES } from "@/lib/server/assumption-roles";
import { organizationWide } from "@/lib/server/member-work-throttle";
import { previewAssumptions as preview } from "@/lib/server/assumptions-preview";
import { saveAssumptions as save, saveAssumptionsInput } from "@/lib/server/assumption-versions";

/**
 * Finance and admins save a new version of the cost assumptions:
 * `{ expectedVersion, fineTuneMethod, values: { key: { low, base, high } }, note }`.
 * Returns the new version and how many use cases were re-projected.
 */
export const saveAssumptions = orgAction({
  name: "assumptions.save",
  roles: ASSUMPTION_ROLES,
  costly: organizationWide("Saves of new assumptions, each re-projecting every use case,", 150_000, { oneAtATime: true }),
  input: saveAssumptionsInput,
  handler: async (ctx, input) => {
    const result = await save(ctx, input);
    // Every projection of the organization changed: the registry, portfolio and exports read them.
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});

/**
 * What saving the same form would do, with nothing saved: the same input (the reason may still be
 * empty), refused as a save would refuse it.
 */
export const previewAssumptions = orgAction({
  name: "assumptions.preview",
  roles: ASSUMPTION_ROLES,
  mutates: false,
  costly: organizationWide("Previews of new assumptions", 300_000, { oneAtATime: true }),
  input: saveAssumptionsInput.extend({ note: z.string().max(500).optional() }),
  handler: async (ctx, { note: _note, ...input }) => preview(ctx, input),
});
