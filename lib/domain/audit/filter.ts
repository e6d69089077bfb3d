/**
 * The audit page's filter and page position, read from the URL (pure: no Next.js, no Prisma).
 *
 * - kind: "all" (changes and security events together), "changes" (AuditEvent) or "security"
 *   (SecurityEvent);
 * - person: a user id (the actor of a change, the person of a security event);
 * - action: an action name or the start of one ("use_case." matches every use-case action);
 * - entity: an entity type ("UseCase", "Membership", "Page" …), matched exactly;
 * - from / to: days (YYYY-MM-DD, UTC), both included;
 * - after / before: the keyset position (the last row seen, going older; the first, going newer).
 *
 * A value that is not valid is dropped and named in `problems`, so the page can say so and show
 * the unfiltered rather than fail; the export refuses it instead.
 */
export const AUDIT_PARAMS = ["kind", "person", "action", "entity", "from", "to", "after", "before"] as const;
export const AUDIT_KINDS = ["all", "changes", "security"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditCursor {
  /** ISO time of the row, to the millisecond (the columns are timestamp(3)). */
  at: string;
  id: string;
}

export interface AuditFilter {
  kind: AuditKind;
  person?: string;
  action?: string;
  entity?: string;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD */
  to?: string;
}

export interface AuditQuery {
  filter: AuditFilter;
  after?: AuditCursor;
  before?: AuditCursor;
  /** Sentences naming the values that were dropped. */
  problems: string[];
}

export const PAGE_SIZE = 50;

const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const ACTION_SHAPE = /^[A-Za-z0-9_.:-]{1,100}$/;
const ENTITY_SHAPE = /^[A-Za-z0-9_.-]{1,60}$/;
const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, between 1970 and 9999. */
export function isDay(value: string): boolean {
  const m = DAY_SHAPE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The first instant of a day (UTC). */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The first instant after a day (UTC). */
export function endOfDay(day: string): Date {
  return new Date(startOfDay(day).getTime() + 86_400_000);
}

/** A cursor as it goes in a URL: `<ISO time>_<id>`. */
export function encodeCursor(c: AuditCursor): string {
  return `${c.at}_${c.id}`;
}

export function decodeCursor(value: string): AuditCursor | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([A-Za-z0-9-]{1,64})$/.exec(value);
  if (!m) return null;
  const time = new Date(m[1]!);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== m[1]) return null;
  return { at: m[1]!, id: m[2]! };
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
}

export function parseAuditQuery(params: Params): AuditQuery {
  const problems: string[] = [];
  const filter: AuditFilter = { kind: "all" };
  const text = (name: string) => {
    const v = first(params, name)?.trim();
    return v ? v : undefined;
  };

  const kind = text("kind");
  if (kind !== undefined) {
    if ((AUDIT_KINDS as readonly string[]).includes(kind)) filter.kind = kind as AuditKind;
    else problems.push("The kind of event was not one of all, changes or security, so all are shown.");
  }
  const person = text("person");
  if (person !== undefined) {
    if (ID_SHAPE.test(person)) filter.person = person;
    else problems.push("The person was not recognised, so everyone is shown.");
  }
  const action = text("action");
  if (action !== undefined) {
    if (ACTION_SHAPE.test(action)) filter.action = action;
    else problems.push("The action may hold only letters, digits and . _ : - (up to 100), so every action is shown.");
  }
  const entity = text("entity");
  if (entity !== undefined) {
    if (ENTITY_SHAPE.test(entity)) filter.entity = entity;
    else problems.push("The entity may hold only letters, digits and . _ - (up to 60), so every entity is shown.");
  }
  for (const name of ["from", "to"] as const) {
    const day = text(name);
    if (day === undefined) continue;
    if (isDay(day)) filter[name] = day;
    else problems.push(`The ${name === "from" ? "start" : "end"} date must be a day written YYYY-MM-DD, so it was left out.`);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.push("The start date was after the end date, so both were left out.");
    delete filter.from;
    delete filter.to;
  }

  const query: AuditQuery = { filter, problems };
  const after = text("after");
  const before = text("before");
  if (after !== undefined) {
    const c = decodeCursor(after);
    if (c) query.after = c;
    else problems.push("The page position was not valid, so the newest events are shown.");
  } else if (before !== undefined) {
    const c = decodeCursor(before);
    if (c) query.before = c;
    else problems.push("The page position was not valid, so the newest events are shown.");
  }
  return query;
}

/** The URL query for a filter and, optionally, a page position (empty values left out). */
export function auditSearch(filter: AuditFilter, position?: { after?: AuditCursor; before?: AuditCursor }): string {
  const sp = new URLSearchParams();
  if (filter.kind !== "all") sp.set("kind", filter.kind);
  for (const name of ["person", "action", "entity", "from", "to"] as const) {
    const v = filter[name];
    if (v) sp.set(name, v);
  }
  if (position?.after) sp.set("after", encodeCursor(position.after));
  else if (position?.before) sp.set("before", encodeCursor(position.before));
  const s = sp.toString();
  return s ? `?${s}` : "";
}
