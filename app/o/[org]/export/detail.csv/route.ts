import { exportFileName } from "@/lib/domain/export/csv";
import { parsePortfolioFilter } from "@/lib/domain/portfolio/filter";
import { orgRoute } from "@/lib/server/action";
import { detailStream } from "@/lib/server/export/cost-exports";

export const dynamic = "force-dynamic";

/** The detail cost rollup: one row per use case, approach, year and category, for the URL's filter. */
export const GET = orgRoute({
  name: "export.detail",
  roles: ["FINANCE", "EXECUTIVE", "ADMIN"],
  handler: async (ctx, request) => {
    const filter = parsePortfolioFilter(new URL(request.url).searchParams);
    return new Response(detailStream(ctx.organization, filter), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(ctx.organization.slug, "cost-detail", new Date())}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
