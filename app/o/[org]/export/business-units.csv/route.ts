import { EXPORTS } from "@/lib/domain/export/cost-exports";
import { exportFileName } from "@/lib/domain/export/csv";
import { parsePortfolioFilter } from "@/lib/domain/portfolio/filter";
import { orgRoute } from "@/lib/server/action";
import { organizationWide } from "@/lib/server/member-work-throttle";
import { businessUnitStream, csvDownload } from "@/lib/server/export/cost-exports";
import { EXPORT_ROLES } from "@/lib/server/export/roles";

export const dynamic = "force-dynamic";

/**
 * GET /o/<org>/export/business-units.csv?<portfolio filter>: one row per business unit, calendar
 * year, scenario (as chosen, as recommended, all) and approach. Finance, executives and admins.
 */
export const GET = orgRoute({
  name: "export.businessUnits",
  roles: EXPORT_ROLES,
  costly: organizationWide("Exports of the business units' costs", 600_000),
  handler: async (ctx, request) => {
    const filter = parsePortfolioFilter(new URL(request.url).searchParams);
    return csvDownload(businessUnitStream(ctx.organization, filter), exportFileName(ctx.organization.slug, EXPORTS.businessUnits.fileLabel, new Date()));
  },
});
