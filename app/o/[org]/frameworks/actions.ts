"use server";
/**
 * Framework weights (admins only). The organization comes from the URL's slug and the caller's
 * membership (orgAction), never from the input. The weights and their audit entry commit in one
 * transaction; then every use case of the organization is re-scored with them
 * (lib/server/framework-weights.ts).
 */
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/server/action";
import { z } from "zod";
import { frameworkWeightsInput, frameworkWeightsPreviewInput, previewWeightsImpact, saveWeightsAndRescore } from "@/lib/server/framework-weights";
import { organizationWide } from "@/lib/server/member-work-throttle";
import { rescoreOrganization } from "@/lib/server/rescore";

/** Sets every framework's weight (0 turns one off) with a reason; returns the new weights version and how many use cases were re-scored. */
export const saveFrameworkWeights = orgAction({
  name: "frameworks.saveWeights",
  roles: ["ADMIN"],
  costly: organizationWide("Saves of the weights, each re-scoring every use case,", 150_000, { oneAtATime: true }),
  input: frameworkWeightsInput,
  handler: async (ctx, input) => {
    const result = await saveWeightsAndRescore({ organizationId: ctx.organization.id, actorId: ctx.user.id }, input);
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return result;
  },
});

/**
 * Re-scores every use case of the organization with the frameworks as they are now (after a new
 * version of their rules); one audited step. Old scores keep their versions until then.
 */
export const rescoreAllUseCases = orgAction({
  name: "frameworks.rescoreAll",
  roles: ["ADMIN"],
  costly: organizationWide("Re-scores of every use case", 100_000, { oneAtATime: true }),
  input: z.strictObject({}),
  handler: async (ctx) => {
    const result = await rescoreOrganization(ctx.organization.id, { actorId: ctx.user.id, all: true, reason: "Re-scored by an admin from the Frameworks page." });
    revalidatePath(`/o/${ctx.organization.slug}`, "layout");
    return { rescored: result.useCases };
  },
});

/** What saving these weights would change (nothing is written): admins, before they save. */
export const previewFrameworkWeights = orgAction({
  name: "frameworks.previewWeights",
  roles: ["ADMIN"],
  mutates: false,
  costly: organizationWide("Previews of new weights", 300_000, { oneAtATime: true }),
  input: frameworkWeightsPreviewInput,
  handler: async (ctx, input) => previewWeightsImpact(ctx.organization.id, input.weights),
});
