/**
 * The import's downloads, for those who may import:
 *   /o/<org>/use-cases/import/template             a header row only: fill it in and import it as is
 *   /o/<org>/use-cases/import/template?example=1   the same header and two rows that import cleanly
 *   /o/<org>/use-cases/import/template?guide=1     the field guide: one row per column, with its allowed values
 * The allowed values live in the guide (and on the import page), not in a second row of the
 * template, which would be imported as a use case.
 */
import { exampleCsv, fieldGuideCsv, IMPORT_ROLES, templateCsv } from "@/lib/domain/import";
import { orgRoute } from "@/lib/server/action";

export const GET = orgRoute({
  name: "useCases.import.template",
  roles: IMPORT_ROLES,
  handler: async (_ctx, request) => {
    const url = new URL(request.url);
    const [body, name] = url.searchParams.has("guide")
      ? [fieldGuideCsv(), "use-case-import-field-guide.csv"]
      : url.searchParams.has("example")
        ? [exampleCsv(), "use-case-import-example.csv"]
        : [templateCsv(), "use-case-import-template.csv"];
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
