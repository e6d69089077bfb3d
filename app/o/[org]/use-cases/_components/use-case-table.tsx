"use client";
/**
 * The use-case list: a TanStack Table (v9) whose sorting, filters, search, paging and column
 * visibility are all owned by the server and the URL. The table's state is derived from the
 * URL's view on every render; each change the table asks for becomes a new URL, which the
 * server answers with the next page (manualSorting / manualFiltering / manualPagination).
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useOptimistic, useTransition } from "react";
import { Dropdown, MultiSelect, SearchBox } from "./list-controls";
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  functionalUpdate,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type ColumnVisibilityState,
  type FilterFn,
  type PaginationState,
  type SortingState,
} from "@tanstack/react-table";
import type { Approach } from "@/lib/domain/assessment";
import { APPROACH_FILTER_VALUES, approachFilterLabel, COST_COVERAGE, COST_COVERAGE_LABELS, EMPTY_FILTER, NOT_RECORDED, RISK_FLAGS, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { STATUSES, type Status } from "@/lib/domain/use-case";
import {
  changeListQuery,
  DEFAULT_LIST_QUERY,
  LIST_COLUMN_LABELS,
  listQueryString,
  PAGE_SIZES,
  SORTABLE_COLUMNS,
  type ListColumn,
  type SortColumn,
  type UseCaseListQuery,
} from "@/lib/domain/use-case-list";
import { EVIDENCE_LABELS, EVIDENCE_LEVELS, type Evidence } from "@/lib/domain/frameworks";
import { plural } from "@/lib/domain/portfolio/format";
import { dollars } from "@/lib/domain/money";
import { GOVERNANCE_OPTIONS } from "@/lib/domain/governance";
import { OwnerEstimateMark } from "@/components/owner-estimate";
import { approachLabel, formatDateTime, riskFlagLabel, STATUS_STYLES, statusLabel } from "./labels";

export interface ListRow {
  id: string;
  href: string;
  title: string;
  businessUnit: string;
  ownerName: string | null;
  status: Status;
  recommendedApproach: Approach | null;
  evidence: Evidence;
  agreement: string | null;
  chosenApproach: Approach | null;
  riskFlagCount: number;
  updatedAt: string;
  /** Lifecycle cost as chosen, base, in cents; null when not costed. */
  lifecycleBaseCents: number | null;
  lifecycleIncomplete: boolean;
  /** That cost is the owner's manual estimate, not the model's projection. */
  lifecycleManual: boolean;
}

export interface FilterOptions {
  businessUnits: string[];
  owners: { id: string; name: string }[];
}

const features = tableFeatures({ columnFilteringFeature, globalFilteringFeature, rowSortingFeature, rowPaginationFeature, columnVisibilityFeature });
type Features = typeof features;

/** The server filters; this function only exists so the table knows the column can be filtered. */
const serverFilter: FilterFn<Features, ListRow> = Object.assign(() => true, {
  autoRemove: (v: unknown) => !Array.isArray(v) || v.length === 0,
});

/** Table column id → the portfolio filter field it sets. */
const FILTER_FIELD: Partial<Record<ListColumn, keyof PortfolioFilter>> = {
  businessUnit: "businessUnit",
  owner: "ownerId",
  status: "status",
  recommended: "recommended",
  chosen: "chosen",
  riskFlags: "flag",
};

const getRowId = (r: ListRow) => r.id;

/**
 * Filters no list column sets, so they are set directly: the evidence level and whether the
 * frameworks split (the recommended column shows both, but its filter is the approach), what the
 * cost leaves out (the cost column shows it), whether it awaits a decision (the portfolio's
 * headline links there) and the governance fields (issue 15).
 */
const DIRECT_FILTERS = ["evidence", "costs", "disagreement", "awaitingDecision", "highImpact", "personalData", "sourcing", "stage", "euRiskTier"] as const;
const NOT_RECORDED_OPTION = { value: NOT_RECORDED, label: "Not recorded" };
const DIRECT_FILTER_OPTIONS: Record<(typeof DIRECT_FILTERS)[number], { label: string; options: { value: string; label: string }[] }> = {
  evidence: { label: "Evidence", options: EVIDENCE_LEVELS.map((e) => ({ value: e, label: EVIDENCE_LABELS[e] })) },
  costs: { label: "Cost, as chosen", options: COST_COVERAGE.map((c) => ({ value: c, label: COST_COVERAGE_LABELS[c] })) },
  disagreement: { label: "Frameworks split", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] },
  awaitingDecision: { label: "Awaiting a decision", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] },
  highImpact: { label: "High-impact", options: [...GOVERNANCE_OPTIONS.highImpact, NOT_RECORDED_OPTION] },
  personalData: { label: "Personal data", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }, NOT_RECORDED_OPTION] },
  sourcing: { label: "In-house or bought", options: [...GOVERNANCE_OPTIONS.sourcing, NOT_RECORDED_OPTION] },
  stage: { label: "Stage", options: [...GOVERNANCE_OPTIONS.stage, NOT_RECORDED_OPTION] },
  euRiskTier: { label: "EU AI Act tier", options: [...GOVERNANCE_OPTIONS.euRiskTier, NOT_RECORDED_OPTION] },
};

const helper = createColumnHelper<Features, ListRow>();
const columns = helper.columns([
  helper.accessor("title", {
    id: "title",
    header: LIST_COLUMN_LABELS.title,
    enableHiding: false,
    enableColumnFilter: false,
    cell: (info) => (
      <Link href={info.row.original.href} className="font-medium text-brand-700 hover:underline">
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor("businessUnit", { id: "businessUnit", header: LIST_COLUMN_LABELS.businessUnit, filterFn: serverFilter, cell: (i) => i.getValue() || <span className="text-zinc-600">—</span> }),
  helper.accessor("ownerName", { id: "owner", header: LIST_COLUMN_LABELS.owner, enableSorting: false, filterFn: serverFilter, cell: (i) => i.getValue() ?? <span className="text-zinc-600">former member</span> }),
  helper.accessor("status", {
    id: "status",
    header: LIST_COLUMN_LABELS.status,
    filterFn: serverFilter,
    cell: (i) => <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[i.getValue()]}`}>{statusLabel(i.getValue())}</span>,
  }),
  helper.accessor("recommendedApproach", {
    id: "recommended",
    header: LIST_COLUMN_LABELS.recommended,
    filterFn: serverFilter,
    cell: (i) =>
      i.row.original.evidence === "none" ? (
        <span className="text-zinc-600" data-evidence="none">{EVIDENCE_LABELS.none}</span>
      ) : i.getValue() ? (
        <span data-evidence={i.row.original.evidence}>
          {approachLabel(i.getValue())}
          {i.row.original.evidence === "provisional" && (
            <span className="ml-1 rounded bg-amber-50 px-1.5 text-xs text-amber-900 ring-1 ring-inset ring-amber-300">provisional</span>
          )}
          {i.row.original.agreement && <span className="ml-1 text-xs text-zinc-600">({i.row.original.agreement})</span>}
        </span>
      ) : (
        <span className="text-zinc-600">no recommendation</span>
      ),
  }),
  helper.accessor("chosenApproach", { id: "chosen", header: LIST_COLUMN_LABELS.chosen, filterFn: serverFilter, cell: (i) => approachLabel(i.getValue(), "undecided") }),
  helper.accessor("riskFlagCount", {
    id: "riskFlags",
    header: LIST_COLUMN_LABELS.riskFlags,
    enableSorting: false,
    filterFn: serverFilter,
    cell: (i) => (i.getValue() > 0 ? <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">{i.getValue()}</span> : <span className="text-zinc-600">0</span>),
  }),
  helper.accessor("lifecycleBaseCents", {
    id: "cost",
    header: LIST_COLUMN_LABELS.cost,
    enableSorting: false,
    enableColumnFilter: false,
    cell: (i) =>
      i.getValue() === null ? (
        <span className="text-zinc-600">{i.row.original.evidence === "none" ? "not assessed" : "not costed"}</span>
      ) : (
        <span className="whitespace-nowrap tabular-nums" title="Over the lifecycle, as chosen (base)">
          {dollars(i.getValue()!)}
          {i.row.original.lifecycleIncomplete ? <span className="ml-1 text-xs text-amber-800">+ missing</span> : null}
          {i.row.original.lifecycleManual ? <OwnerEstimateMark /> : null}
        </span>
      ),
  }),
  helper.accessor("updatedAt", { id: "updatedAt", header: LIST_COLUMN_LABELS.updatedAt, enableColumnFilter: false, cell: (i) => <time dateTime={i.getValue()}>{formatDateTime(i.getValue())}</time> }),
]);

function filtersFromQuery(filter: PortfolioFilter): ColumnFiltersState {
  const out: ColumnFiltersState = [];
  for (const [column, field] of Object.entries(FILTER_FIELD) as [ListColumn, keyof PortfolioFilter][]) {
    if (filter[field].length) out.push({ id: column, value: filter[field] });
  }
  return out;
}

/** The filter the column filters set; what no column shows (as chosen, from the dashboard) is kept from `current`. */
function queryFilterFrom(filters: ColumnFiltersState, current: PortfolioFilter): PortfolioFilter {
  const out: PortfolioFilter = { ...EMPTY_FILTER, asChosen: current.asChosen };
  // The evidence and governance filters have no column; they are kept as they are.
  for (const key of DIRECT_FILTERS) (out[key] as string[]) = current[key];
  for (const f of filters) {
    const field = FILTER_FIELD[f.id as ListColumn];
    if (field && Array.isArray(f.value)) (out[field] as string[]) = f.value as string[];
  }
  return out;
}

export function UseCaseTable(props: { rows: ListRow[]; total: number; query: UseCaseListQuery; options: FilterOptions; canCreate: boolean; newHref: string }) {
  const { rows, total, options } = props;
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  // The view as asked for, shown at once (ticked boxes, sort arrows) while the server answers.
  const [query, setQuery] = useOptimistic(props.query);
  const go = (next: UseCaseListQuery) =>
    startTransition(() => {
      setQuery(next);
      router.push(`${pathname}${listQueryString(next)}`, { scroll: false });
    });

  const sorting: SortingState = useMemo(() => [{ id: query.sort, desc: query.dir === "desc" }], [query.sort, query.dir]);
  const pagination: PaginationState = useMemo(() => ({ pageIndex: query.page - 1, pageSize: query.pageSize }), [query.page, query.pageSize]);
  const columnFilters = useMemo(() => filtersFromQuery(query.filter), [query.filter]);
  const columnVisibility: ColumnVisibilityState = useMemo(() => Object.fromEntries(query.hidden.map((c) => [c, false])), [query.hidden]);

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId,
    rowCount: total,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnFilters, columnVisibility, globalFilter: query.q },
    onSortingChange: (u) => {
      const next = functionalUpdate(u, sorting)[0];
      const sort = (SORTABLE_COLUMNS as readonly string[]).includes(next?.id ?? "") ? (next!.id as SortColumn) : DEFAULT_LIST_QUERY.sort;
      go(changeListQuery(query, { sort, dir: next?.desc ? "desc" : "asc" }));
    },
    onPaginationChange: (u) => {
      const next = functionalUpdate(u, pagination);
      if (next.pageSize !== query.pageSize) go(changeListQuery(query, { pageSize: next.pageSize as UseCaseListQuery["pageSize"] }));
      else go(changeListQuery(query, { page: next.pageIndex + 1 }));
    },
    onColumnFiltersChange: (u) => go(changeListQuery(query, { filter: queryFilterFrom(functionalUpdate(u, columnFilters), query.filter) })),
    onGlobalFilterChange: (u) => go(changeListQuery(query, { q: String(functionalUpdate(u, query.q) ?? "").trim() })),
    onColumnVisibilityChange: (u) => {
      const next = functionalUpdate(u, columnVisibility);
      go(changeListQuery(query, { hidden: Object.entries(next).filter(([, v]) => v === false).map(([k]) => k as ListColumn) }));
    },
  });

  const filterLabels: Record<string, { label: string; options: { value: string; label: string }[] }> = {
    businessUnit: { label: "Business unit", options: options.businessUnits.map((b) => ({ value: b, label: b })) },
    status: { label: "Status", options: STATUSES.map((s) => ({ value: s, label: statusLabel(s) })) },
    owner: { label: "Owner", options: options.owners.map((o) => ({ value: o.id, label: o.name })) },
    recommended: { label: "Recommended", options: APPROACH_FILTER_VALUES.map((a) => ({ value: a, label: approachFilterLabel(a, "recommended") })) },
    chosen: { label: "Chosen", options: APPROACH_FILTER_VALUES.map((a) => ({ value: a, label: approachFilterLabel(a, "chosen") })) },
    riskFlags: { label: "Risk flag", options: RISK_FLAGS.map((f) => ({ value: f, label: riskFlagLabel(f) })) },
  };
  const filtered = columnFilters.length > 0 || query.q !== "" || query.filter.asChosen.length > 0 || DIRECT_FILTERS.some((k) => query.filter[k].length > 0);
  const pageCount = table.getPageCount();

  return (
    <div className="space-y-3" aria-busy={pending}>
      {query.filter.asChosen.length > 0 && (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-zinc-800" data-testid="as-chosen-filter">
          Counted as {query.filter.asChosen.map((a) => approachFilterLabel(a, "chosen")).join(" or ")}, as chosen: the decision where one is recorded, else the recommendation.
          <button type="button" className="font-medium text-brand-700 underline" onClick={() => go(changeListQuery(query, { filter: { ...query.filter, asChosen: [] } }))}>
            Remove
          </button>
        </p>
      )}
      <div className="relative flex flex-wrap items-end gap-2">
        <SearchBox value={query.q} onSearch={(q) => table.setGlobalFilter(q)} />
        {Object.entries(filterLabels).map(([columnId, f]) => {
          const column = table.getColumn(columnId);
          if (!column) return null;
          const selected = (column.getFilterValue() as string[] | undefined) ?? [];
          return (
            <MultiSelect
              key={columnId}
              label={f.label}
              options={f.options}
              selected={selected}
              onChange={(values) => column.setFilterValue(values)}
            />
          );
        })}
        {DIRECT_FILTERS.map((key) => (
          <MultiSelect
            key={key}
            label={DIRECT_FILTER_OPTIONS[key].label}
            options={DIRECT_FILTER_OPTIONS[key].options}
            selected={query.filter[key]}
            onChange={(values) => go(changeListQuery(query, { filter: { ...query.filter, [key]: values } }))}
          />
        ))}
        {filtered && (
          <button
            type="button"
            className="rounded border border-zinc-300 px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-50"
            onClick={() => go(changeListQuery(query, { filter: EMPTY_FILTER, q: "" }))}
          >
            Clear filters
          </button>
        )}
        <div className="ml-auto">
          <Dropdown label="Columns">
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className="flex items-center gap-2 px-2 py-1 text-sm">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={(e) => c.toggleVisibility(e.target.checked)} />
                  {LIST_COLUMN_LABELS[c.id as ListColumn]}
                </label>
              ))}
          </Dropdown>
        </div>
      </div>

      {/* Scrolls sideways on a narrow screen: a shadow at the edge says more columns are there (components/scroll-regions.tsx makes such a box reachable from the keyboard). */}
      <div className="scroll-cue relative overflow-x-auto rounded border border-zinc-200 bg-white">
        <table className="min-w-full divide-y divide-zinc-200 text-sm">
          <thead className="bg-zinc-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className="px-3 py-2 text-left font-semibold text-zinc-700"
                    >
                      {canSort ? (
                        <button type="button" className="inline-flex items-center gap-1 hover:underline" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span aria-hidden className="text-xs text-zinc-500">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-zinc-100 bg-white">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-zinc-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-8 text-center text-zinc-500">
                  {filtered ? (
                    "No use cases match this view."
                  ) : props.canCreate ? (
                    <>
                      No use cases yet. <Link className="text-brand-700 underline" href={props.newHref}>Log the first one</Link>.
                    </>
                  ) : (
                    "No use cases yet."
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pages" className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="list-count">
          {total === 0
            ? "0 use cases"
            : `${(props.query.page - 1) * props.query.pageSize + 1}–${(props.query.page - 1) * props.query.pageSize + rows.length} of ${plural(total, "use case")}`}
        </span>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
          First
        </button>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
          Previous
        </button>
        <span>
          Page {query.page} of {pageCount}
        </span>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
          Next
        </button>
        <button type="button" className="rounded border px-2 py-1 disabled:opacity-40" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()}>
          Last
        </button>
        <label className="ml-auto flex items-center gap-2">
          Rows per page
          <select className="rounded border px-2 py-1" value={query.pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {pending && <span className="text-zinc-500">Loading…</span>}
      </nav>
    </div>
  );
}
