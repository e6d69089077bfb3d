"use server";
/** A signed-in person creates another organization and becomes its ADMIN. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { organizationNameField } from "@/lib/server/accounts";
import { userAction } from "@/lib/server/action";
import { createOrganization as createInDb } from "@/lib/server/organizations";

export const createOrganization = userAction({
  name: "organizations.create",
  input: z.object({ name: organizationNameField }).strict(),
  handler: async (user, input) => {
    const org = await createInDb({ name: input.name, creatorId: user.id });
    revalidatePath("/", "layout");
    return { organizationSlug: org.slug };
  },
});
