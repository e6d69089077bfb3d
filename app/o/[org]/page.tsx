import { redirect } from "next/navigation";
import { guardPage } from "@/lib/server/page-guard";

/** /o/[org] on its own opens the organization's use cases. */
export default async function OrganizationHome({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}`);
  redirect(`/o/${ctx.organization.slug}/use-cases`);
}
