import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { guardPage } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Assumptions" };

/** Placeholder until the cost assumptions editor lands. */
export default async function AssumptionsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await guardPage(org, undefined, `/o/${org}/assumptions`);
  return (
    <>
      <PageHeader
        title="Assumptions"
        description={`The cost figures ${ctx.organization.name}'s projections use: engineering rates, compute, infrastructure and model prices, each with its source.`}
      />
      <EmptyState title="No cost assumptions to show yet">
        <p>
          The defaults from the source documents will appear here. Finance can adjust them for this organization; every change is versioned and
          audited.
        </p>
      </EmptyState>
    </>
  );
}
