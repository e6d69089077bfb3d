import { exportFileName } from "@/lib/domain/export/csv";
import { parsePortfolioFilter } from "@/lib/domain/portfolio/filter";
import { orgRoute } from "@/lib/server/action";
import { businessUnitStream } from "@/lib/server/export/cost-exports";

export const dynamic = "force-dynamic";

/** The business-unit rollup: one row per business unit, year, scenario and approach, for the URL's filter. */
export const GET = orgRoute({
  name: "export.businessUnits",
  roles: ["FINANCE", "EXECUTIVE", "ADMIN"],
  handler: async (ctx, request) => {
    const filter = parsePortfolioFilter(new URL(request.url).searchParams);
    return new Response(businessUnitStream(ctx.organization, filter), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(ctx.organization.slug, "cost-by-business-unit", new Date())}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
