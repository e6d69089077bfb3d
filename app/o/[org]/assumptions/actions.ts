"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/server/action";
import { saveAssumptions as save, saveAssumptionsInput } from "@/lib/server/assumption-versions";

/** Finance and admins save a new version of the cost assumptions; every use case is re-projected. */
export const saveAssumptions = orgAction({
  name: "assumptions.save",
  roles: ["FINANCE", "ADMIN"],
  input: saveAssumptionsInput,
  handler: async (ctx, input) => {
    const result = await save(ctx, input);
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});
