import { EXPORTS } from "@/lib/domain/export/cost-exports";
import { exportFileName } from "@/lib/domain/export/csv";
import { parsePortfolioFilter } from "@/lib/domain/portfolio/filter";
import { orgRoute } from "@/lib/server/action";
import { organizationWide } from "@/lib/server/member-work-throttle";
import { csvDownload, detailStream } from "@/lib/server/export/cost-exports";
import { EXPORT_ROLES } from "@/lib/server/export/roles";

export const dynamic = "force-dynamic";

/**
 * GET /o/<org>/export/detail.csv?<portfolio filter>: one row per use case, approach, year and
 * cost category. Finance, executives and admins; through the one guard (orgRoute → requireMember).
 */
export const GET = orgRoute({
  name: "export.detail",
  roles: EXPORT_ROLES,
  costly: organizationWide("Exports of the cost detail", 600_000),
  handler: async (ctx, request) => {
    const filter = parsePortfolioFilter(new URL(request.url).searchParams);
    return csvDownload(detailStream(ctx.organization, filter), exportFileName(ctx.organization.slug, EXPORTS.detail.fileLabel, new Date()));
  },
});
