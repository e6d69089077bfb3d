import { EXPORTS, exportUrl, type ExportKind } from "@/lib/domain/export/cost-exports";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import type { Role } from "@/lib/server/db";
import { canExport } from "@/lib/server/export/roles";

/** The link text each download has (browser tests find the links by it). */
export const EXPORT_LINK_LABELS: Record<ExportKind, string> = {
  detail: "Download the detail cost rollup (CSV)",
  businessUnits: "Download the business-unit rollup (CSV)",
};

/**
 * The finance exports for the current filter, for any page to render (portfolio, assumptions,
 * the exports page): `<ExportLinks orgSlug={…} role={ctx.role} filter={filter} />`. Renders nothing
 * for a role that may not export (the routes refuse it anyway). A server component: no client code.
 */
export function ExportLinks({ orgSlug, role, filter, headingLevel = 2, className = "" }: {
  orgSlug: string;
  role: Role;
  filter: PortfolioFilter;
  headingLevel?: 2 | 3;
  className?: string;
}) {
  if (!canExport(role)) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="export-links-heading" className={`rounded-lg border border-zinc-200 bg-white p-4 ${className}`}>
      <Heading id="export-links-heading" className="text-base font-semibold text-zinc-900">Export</Heading>
      <ul className="mt-2 space-y-2 text-sm">
        {(Object.keys(EXPORTS) as ExportKind[]).map((kind) => (
          <li key={kind}>
            <a className="font-medium text-brand-700 underline" href={exportUrl(orgSlug, kind, filter)} download>
              {EXPORT_LINK_LABELS[kind]}
            </a>
            <span className="block text-zinc-600">{EXPORTS[kind].description}</span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-zinc-600">CSV, UTF-8, amounts in USD with two decimals; follows the current filter.</p>
    </section>
  );
}
