import { redirect } from "next/navigation";
import { guardPage } from "@/lib/server/page-guard";

/**
 * /o/[org] on its own: executives and admins land on "Needs a decision" (issue 20); leads and
 * finance on the organization's use cases.
 */
export default async function OrganizationHome({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}`);
  const landing = ctx.role === "EXECUTIVE" || ctx.role === "ADMIN" ? "decisions" : "use-cases";
  redirect(`/o/${ctx.organization.slug}/${landing}`);
}
