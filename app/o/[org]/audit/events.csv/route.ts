import { parseAuditQuery } from "@/lib/domain/audit/filter";
import { exportFileName } from "@/lib/domain/export/csv";
import { orgRoute } from "@/lib/server/action";
import { AUDIT_ROLES } from "@/lib/server/audit-roles";
import { auditLogStream } from "@/lib/server/audit-log";
import { ValidationError } from "@/lib/server/errors";
import { csvDownload } from "@/lib/server/export/cost-exports";

export const dynamic = "force-dynamic";

/**
 * GET /o/<org>/audit/events.csv?<audit filter>: the organization's audit log (changes and
 * security events) for the filter, every row, streamed. Admins only; a filter value that is not
 * valid is refused with a 422 and a sentence, never guessed.
 */
export const GET = orgRoute({
  name: "audit.export",
  roles: AUDIT_ROLES,
  handler: async (ctx, request) => {
    const { filter, problems } = parseAuditQuery(new URL(request.url).searchParams);
    if (problems.length > 0) throw new ValidationError(problems.join(" "));
    return csvDownload(auditLogStream(ctx.organization.id, filter), exportFileName(ctx.organization.slug, "audit-log", new Date()));
  },
});
