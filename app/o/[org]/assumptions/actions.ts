"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/server/action";
import { saveAssumptions as save, saveAssumptionsInput } from "@/lib/server/assumption-versions";

/**
 * Finance and admins save a new version of the cost assumptions:
 * `{ expectedVersion, fineTuneMethod, values: { key: { low, base, high } }, note }`.
 * Returns the new version and how many use cases were re-projected.
 */
export const saveAssumptions = orgAction({
  name: "assumptions.save",
  roles: ["FINANCE", "ADMIN"],
  input: saveAssumptionsInput,
  handler: async (ctx, input) => {
    const result = await save(ctx, input);
    // Every projection of the organization changed: the registry, portfolio and exports read them.
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});
