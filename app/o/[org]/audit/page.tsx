import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { PageHeader } from "@/components/page-header";
import { auditSearch, parseAuditQuery, type AuditFilter } from "@/lib/domain/audit/filter";
import { actionLabel, AUDIT_TIME, describeChange, type AuditRow } from "@/lib/domain/audit/present";
import { auditPeople, readAuditPage } from "@/lib/server/audit-log";
import { AUDIT_ROLES } from "@/lib/server/audit-roles";
import { guardPage } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Audit log" };

const CONTROL =
  "mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus-visible:outline-none";
const LABEL = "block text-sm font-medium text-zinc-900";
const th = "px-3 py-3 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600";
const td = "px-3 py-3 align-top text-sm text-zinc-700";

const ACTION_SUGGESTIONS = [
  "security.", "security.sign_in.failed", "security.sign_in.throttled", "security.access.not_member", "security.access.forbidden",
  "account.", "session.", "use_case.", "membership.", "invitation.", "organization.", "assumptions.", "frameworks.", "import.",
];
const ENTITY_SUGGESTIONS = [
  "Account", "Action", "AssumptionVersion", "ImportMapping", "Invitation", "Membership", "Organization", "Page", "Route", "Session", "UseCase", "UseCaseImport", "User",
];
const OUTCOME_LABELS: Record<string, string> = { failed: "Failed", throttled: "Throttled", refused: "Refused" };

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{AUDIT_TIME.format(new Date(iso))} UTC</time>;
}

function Person({ row }: { row: AuditRow }) {
  if (!row.personId && !row.personEmail) return <span className="text-zinc-600">{row.source === "change" ? "The system" : "Unknown account"}</span>;
  return (
    <>
      <span className="font-medium text-zinc-900">{row.personName ?? row.personEmail ?? "A former member"}</span>
      {row.personName && row.personEmail ? <span className="block text-xs text-zinc-600">{row.personEmail}</span> : null}
    </>
  );
}

/** The use case a change is about, by its title, linked (its page says when it is in the trash); "(deleted)" once it is gone. */
function UseCaseTitle({ row, href }: { row: AuditRow; href: string }) {
  if (row.useCase === undefined) return null;
  if (row.useCase === null) return <span className="block text-zinc-600" data-testid="audit-use-case">(deleted)</span>;
  return (
    <span className="block" data-testid="audit-use-case">
      <Link href={href} className="font-medium text-brand-700 underline-offset-2 hover:underline">{row.useCase.title}</Link>
      {row.useCase.deleted ? <span className="text-zinc-600"> (deleted)</span> : null}
    </span>
  );
}

function Details({ row, names }: { row: AuditRow; names: Readonly<Record<string, string>> }) {
  if (row.source === "security") {
    return (
      <>
        {row.count > 1 ? (
          <span>
            {row.count} times, last at <When iso={row.lastAt} />
          </span>
        ) : (
          <span>Once</span>
        )}
      </>
    );
  }
  const lines = describeChange(row.before, row.after, names);
  if (lines.length === 0) return <span className="text-zinc-600">No field details</span>;
  return (
    <ul className="space-y-0.5">
      {lines.map((l, i) => (
        <li key={i} className="break-words">{l}</li>
      ))}
    </ul>
  );
}

/**
 * Admins only: the organization's audit log, its changes and its security events (failed and
 * throttled sign-ins of its members, refused attempts on it), filtered by person, action, entity
 * and days, fifty at a time by keyset (lib/server/audit-log.ts), with the filtered log as a CSV.
 */
export default async function AuditPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const ctx = await guardPage(org, AUDIT_ROLES, `/o/${org}/audit`);
  const query = parseAuditQuery(await searchParams);
  const { filter } = query;
  const [people, page] = await Promise.all([auditPeople(ctx.organization.id), readAuditPage(ctx.organization.id, filter, { after: query.after, before: query.before })]);
  const base = `/o/${ctx.organization.slug}/audit`;
  const link = (f: AuditFilter, position?: Parameters<typeof auditSearch>[1]) => `${base}${auditSearch(f, position)}`;
  const exportHref = `/o/${ctx.organization.slug}/audit/events.csv${auditSearch(filter)}`;
  const filtered = filter.kind !== "all" || !!(filter.person || filter.action || filter.entity || filter.from || filter.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change made in ${ctx.organization.name}, and its security events: failed and throttled sign-ins of its members, and attempts its members' roles, or outsiders, were refused.`}
        actions={
          <a href={exportHref} className={buttonClass("secondary")} data-testid="audit-export" download>
            Download CSV
          </a>
        }
      />

      <form method="get" action={base} className="mb-6 grid grid-cols-1 gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filter the audit log">
        <div>
          <label htmlFor="audit-kind" className={LABEL}>Show</label>
          <select id="audit-kind" name="kind" defaultValue={filter.kind} className={CONTROL}>
            <option value="all">Changes and security events</option>
            <option value="changes">Changes only</option>
            <option value="security">Security events only</option>
          </select>
        </div>
        <div>
          <label htmlFor="audit-person" className={LABEL}>Person</label>
          <select id="audit-person" name="person" defaultValue={filter.person ?? ""} className={CONTROL}>
            <option value="">Anyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className={LABEL}>Action starts with</label>
          <input id="audit-action" name="action" defaultValue={filter.action ?? ""} list="audit-actions" maxLength={100} className={CONTROL} />
          <datalist id="audit-actions">
            {ACTION_SUGGESTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="audit-entity" className={LABEL}>Entity</label>
          <input id="audit-entity" name="entity" defaultValue={filter.entity ?? ""} list="audit-entities" maxLength={60} className={CONTROL} />
          <datalist id="audit-entities">
            {ENTITY_SUGGESTIONS.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="audit-from" className={LABEL}>From (UTC)</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={CONTROL} />
        </div>
        <div>
          <label htmlFor="audit-to" className={LABEL}>To (UTC)</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={CONTROL} />
        </div>
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-6">
          <button type="submit" className={buttonClass("primary")}>Apply filter</button>
          {filtered ? (
            <Link href={base} className={buttonClass("ghost")}>Clear the filter</Link>
          ) : null}
        </div>
      </form>

      {query.problems.length > 0 ? (
        <div role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="audit-problems">
          {query.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}

      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-10 text-center text-base text-zinc-700" data-testid="audit-empty">
          {filtered ? "No events match this filter." : "Nothing has been recorded yet."}
        </p>
      ) : (
        // Focusable, so a keyboard can scroll it sideways on a narrow screen.
        <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-zinc-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" tabIndex={0} role="region" aria-label="Audit log events">
          <table className="min-w-full divide-y divide-zinc-200" data-testid="audit-table">
            <caption className="sr-only">Audit log of {ctx.organization.name}, newest first</caption>
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={th}>Time</th>
                <th scope="col" className={th}>Person</th>
                <th scope="col" className={th}>Action</th>
                <th scope="col" className={th}>Entity</th>
                <th scope="col" className={th}>Address</th>
                <th scope="col" className={th}>Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {page.rows.map((row) => (
                <tr key={`${row.source}-${row.id}`} data-testid="audit-row" data-source={row.source}>
                  <td className={`${td} whitespace-nowrap`}>
                    <When iso={row.at} />
                  </td>
                  <td className={td}>
                    <Person row={row} />
                  </td>
                  <td className={td}>
                    <span className="text-zinc-900" title={row.action}>{actionLabel(row.action)}</span>
                    {row.outcome ? <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800">{OUTCOME_LABELS[row.outcome] ?? row.outcome}</span> : null}
                  </td>
                  <td className={td}>
                    <span>{row.entity}</span>
                    <UseCaseTitle row={row} href={`/o/${ctx.organization.slug}/use-cases/${encodeURIComponent(row.entityId)}`} />
                    {row.entityId ? <span className="block max-w-xs break-all text-xs text-zinc-600">{row.entityId}</span> : null}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{row.ip ?? <span className="text-zinc-600">—</span>}</td>
                  <td className={`${td} min-w-64`}>
                    <Details row={row} names={page.names} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages of the audit log" className="mt-4 flex gap-3">
        {page.newer ? (
          <Link href={link(filter, { before: page.newer })} className={buttonClass("secondary")} rel="prev">Newer events</Link>
        ) : null}
        {query.after || query.before ? (
          <Link href={link(filter)} className={buttonClass("ghost")}>Newest</Link>
        ) : null}
        {page.older ? (
          <Link href={link(filter, { after: page.older })} className={buttonClass("secondary")} rel="next">Older events</Link>
        ) : null}
      </nav>
    </>
  );
}
