/**
 * The use-case list's view: filter, search, sort, page and visible columns. All of it lives in
 * the URL, so a view can be shared: `?q=chat&status=LIVE&sort=title&dir=asc&page=2&size=50&hide=owner`.
 * The filter part is the portfolio filter (lib/domain/portfolio/filter.ts), so a drill-down from
 * the dashboard opens the same list.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { withoutUnstorable } from "./text";
import { EMPTY_FILTER, filterToSearchParams, parsePortfolioFilter, type PortfolioFilter } from "./portfolio/filter";

export const LIST_COLUMNS = ["title", "businessUnit", "owner", "status", "recommended", "chosen", "riskFlags", "cost", "updatedAt"] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];

export const LIST_COLUMN_LABELS: Record<ListColumn, string> = {
  title: "Title",
  businessUnit: "Business unit",
  owner: "Owner",
  status: "Status",
  recommended: "Recommended",
  chosen: "Chosen",
  riskFlags: "Risk flags",
  cost: "Lifecycle cost",
  updatedAt: "Updated",
};

/** Columns the server can sort by (the title case-insensitively: lib/server/use-cases/list.ts). */
export const SORTABLE_COLUMNS = ["title", "businessUnit", "status", "recommended", "chosen", "updatedAt"] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];

/** Columns a person may hide; the title always shows. */
export const HIDEABLE_COLUMNS = LIST_COLUMNS.filter((c) => c !== "title");

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const SEARCH_MAX = 200;
/** The search box's label: every column the search matches (lib/server/use-cases/list.ts, SEARCHED_COLUMNS). */
export const SEARCH_LABEL = "Search title, description, vendor, topic area and additional fields";
/** Pages past this are refused (a deep OFFSET is slow and nobody pages that far). */
export const MAX_PAGE = 10_000;

export interface UseCaseListQuery {
  filter: PortfolioFilter;
  /** Matched against title, description, vendor, topic area and the additional fields kept from an import, case-insensitively. */
  q: string;
  sort: SortColumn;
  dir: "asc" | "desc";
  /** 1-based. */
  page: number;
  pageSize: PageSize;
  hidden: ListColumn[];
}

export const DEFAULT_LIST_QUERY: UseCaseListQuery = {
  filter: EMPTY_FILTER,
  q: "",
  sort: "updatedAt",
  dir: "desc",
  page: 1,
  pageSize: 25,
  hidden: [],
};

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: ParamSource, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

function all(params: ParamSource, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Reads the view from URL parameters. Anything not allowed falls back to its default rather than
 * failing the page, so an old or hand-edited link still opens.
 */
export function parseListQuery(params: ParamSource): UseCaseListQuery {
  // Characters no query can hold are dropped, before and after the cut (which may split an emoji).
  const q = withoutUnstorable(withoutUnstorable((first(params, "q") ?? "").trim()).slice(0, SEARCH_MAX));
  const sortRaw = first(params, "sort");
  const sort = (SORTABLE_COLUMNS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SortColumn) : DEFAULT_LIST_QUERY.sort;
  const dirRaw = first(params, "dir");
  const dir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sort === "updatedAt" ? "desc" : "asc";
  const pageRaw = Number(first(params, "page"));
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 ? Math.min(pageRaw, MAX_PAGE) : 1;
  const sizeRaw = Number(first(params, "size"));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? (sizeRaw as PageSize) : DEFAULT_LIST_QUERY.pageSize;
  const hidden = [
    ...new Set(
      all(params, "hide")
        .flatMap((v) => v.split(","))
        .filter((c): c is ListColumn => (HIDEABLE_COLUMNS as readonly string[]).includes(c)),
    ),
  ];
  return { filter: parsePortfolioFilter(params), q, sort, dir, page, pageSize, hidden };
}

/** The URL parameters for a view, leaving out whatever is the default. */
export function listQueryToSearchParams(query: UseCaseListQuery): URLSearchParams {
  const sp = filterToSearchParams(query.filter);
  if (query.q) sp.set("q", query.q);
  const defaultDir = query.sort === "updatedAt" ? "desc" : "asc";
  if (query.sort !== DEFAULT_LIST_QUERY.sort || query.dir !== defaultDir) {
    sp.set("sort", query.sort);
    sp.set("dir", query.dir);
  }
  if (query.page !== 1) sp.set("page", String(query.page));
  if (query.pageSize !== DEFAULT_LIST_QUERY.pageSize) sp.set("size", String(query.pageSize));
  if (query.hidden.length) sp.set("hide", LIST_COLUMNS.filter((c) => query.hidden.includes(c)).join(","));
  return sp;
}

/** "?…" for a view, or "" for the default view. */
export function listQueryString(query: UseCaseListQuery): string {
  const s = listQueryToSearchParams(query).toString();
  return s ? `?${s}` : "";
}

/**
 * A changed view. Changing what is listed (filter, search, sort, page size) goes back to page 1;
 * changing only the page or the columns does not.
 */
export function changeListQuery(query: UseCaseListQuery, patch: Partial<UseCaseListQuery>): UseCaseListQuery {
  const next = { ...query, ...patch };
  const resets = patch.filter !== undefined || patch.q !== undefined || patch.sort !== undefined || patch.dir !== undefined || patch.pageSize !== undefined;
  if (resets && patch.page === undefined) next.page = 1;
  return next;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
