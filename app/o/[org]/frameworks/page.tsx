import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { guardPage } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Frameworks" };

/** Placeholder until the frameworks page lands. */
export default async function FrameworksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await guardPage(org, undefined, `/o/${org}/frameworks`);
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="The five decision frameworks that score every use case, their rules and where each rule comes from."
      />
      <EmptyState title="No frameworks to show yet">
        <p>Each framework&apos;s rules, weights and versions will be listed here, with the source document every rule cites.</p>
      </EmptyState>
    </>
  );
}
