import "server-only";
import { z } from "zod";
import type { Role } from "./db";
import { toActionError, TooManyRequestsError, type ActionResult } from "./errors";
import { parseOrThrow } from "./parse";
export { fieldErrorsOf, parseOrThrow } from "./parse";
import { requireMember, requireUser, type MemberContext, type SessionUser } from "./guard";
import { runCostly, type CostlyWork } from "./member-work-throttle";

/**
 * The layered action client. Every server action is made with one of these, which:
 * 1. resolves the signed-in member and checks the role (the guard),
 * 2. parses the input with its zod schema (unknown keys refused),
 * 3. for the entry points that cost the server much (lib/server/member-work-throttle.ts), counts
 *    the run against the member's allowance, refusing it when that is used up,
 * 4. runs the handler, and turns expected errors into user messages (unexpected ones are hidden).
 * Each definition lands in ENTRY_POINTS, which the authorization matrix test walks.
 */
export interface EntryPoint {
  name: string;
  kind: "action" | "route";
  roles: readonly Role[] | "any-signed-in" | "public";
  mutates: boolean;
  /** Counted against the member's budget of costly work (lib/server/member-work-throttle.ts). */
  costly?: boolean;
}

export const ENTRY_POINTS = new Map<string, EntryPoint>();

export function registerEntryPoint(ep: EntryPoint): void {
  ENTRY_POINTS.set(ep.name, ep);
}

/** Marks a function with the entry point it implements, so the matrix test can match exports to the registry. */
export function tagEntryPoint<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
  Object.defineProperty(fn, "entryPoint", { value: name, enumerable: false });
  return fn;
}

export function entryPointOf(fn: unknown): string | undefined {
  return typeof fn === "function" ? (fn as { entryPoint?: string }).entryPoint : undefined;
}

/** An action on one organization's data: `action(orgSlug, input)`. */
export function orgAction<S extends z.ZodType, T>(def: {
  name: string;
  roles: readonly Role[];
  input: S;
  mutates?: boolean;
  /** Work that costs the server much: counted against the member's budget (lib/server/member-work-throttle.ts). */
  costly?: CostlyWork<z.infer<S>>;
  handler: (ctx: MemberContext, input: z.infer<S>) => Promise<T>;
}): (orgSlug: string, input: unknown) => Promise<ActionResult<T>> {
  registerEntryPoint({ name: def.name, kind: "action", roles: def.roles, mutates: def.mutates ?? true, costly: !!def.costly });
  return tagEntryPoint(async (orgSlug: string, input: unknown) => {
    try {
      const ctx = await requireMember(orgSlug, def.roles, { entity: "Action", entityId: def.name });
      const data = parseOrThrow(def.input, input);
      const member = { organizationId: ctx.organization.id, userId: ctx.user.id };
      return { ok: true, data: def.costly ? await runCostly(def.name, def.costly, member, data, () => def.handler(ctx, data)) : await def.handler(ctx, data) };
    } catch (err) {
      return toActionError(err);
    }
  }, def.name);
}

/** An action that belongs to the signed-in person rather than an organization. */
export function userAction<S extends z.ZodType, T>(def: {
  name: string;
  input: S;
  mutates?: boolean;
  handler: (user: SessionUser, input: z.infer<S>) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  registerEntryPoint({ name: def.name, kind: "action", roles: "any-signed-in", mutates: def.mutates ?? true });
  return tagEntryPoint(async (input: unknown) => {
    try {
      const user = await requireUser();
      const data = parseOrThrow(def.input, input);
      return { ok: true, data: await def.handler(user, data) };
    } catch (err) {
      return toActionError(err);
    }
  }, def.name);
}

/** An action anyone may call (sign-up, accepting an invitation before signing in). */
export function publicAction<S extends z.ZodType, T>(def: {
  name: string;
  input: S;
  handler: (input: z.infer<S>) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  registerEntryPoint({ name: def.name, kind: "action", roles: "public", mutates: true });
  return tagEntryPoint(async (input: unknown) => {
    try {
      return { ok: true, data: await def.handler(parseOrThrow(def.input, input)) };
    } catch (err) {
      return toActionError(err);
    }
  }, def.name);
}

/**
 * A route handler on one organization's data: `GET(request, { params: Promise<{ org }> })`.
 * Refusals: 401 not signed in, 404 not a member (existence not revealed), 403 role not allowed.
 */
export function orgRoute(def: {
  name: string;
  roles: readonly Role[];
  mutates?: boolean;
  /** Work that costs the server much, counted as orgAction's `costly` is (its input is the request). */
  costly?: CostlyWork<Request>;
  handler: (ctx: MemberContext, request: Request, params: Record<string, string>) => Promise<Response>;
}): (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> {
  registerEntryPoint({ name: def.name, kind: "route", roles: def.roles, mutates: def.mutates ?? false, costly: !!def.costly });
  return tagEntryPoint(async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    let slug = "";
    try {
      const params = await context.params;
      slug = params.org ?? "";
      const ctx = await requireMember(params.org ?? "", def.roles, { entity: "Route", entityId: def.name });
      const member = { organizationId: ctx.organization.id, userId: ctx.user.id };
      return def.costly ? await runCostly(def.name, def.costly, member, request, () => def.handler(ctx, request, params)) : await def.handler(ctx, request, params);
    } catch (err) {
      const e = toActionError(err);
      const status = e.code === "NOT_SIGNED_IN" ? 401 : e.code === "NOT_A_MEMBER" ? 404 : e.code === "FORBIDDEN" || e.code === "TWO_FACTOR_REQUIRED" ? 403 : e.code === "VALIDATION" ? 422 : e.code === "NOT_FOUND" ? 404 : e.code === "TOO_MANY_REQUESTS" ? 429 : 500;
      const headers = err instanceof TooManyRequestsError ? { "Retry-After": String(err.retryAfterSeconds) } : undefined;
      // A download link followed in the browser (an export over the member's budget) gets a page to read, not JSON.
      if (err instanceof TooManyRequestsError && (request.headers.get("accept") ?? "").includes("text/html")) return refusalPage(e.message, slug, status, headers!);
      return Response.json({ error: e.message, code: status === 404 ? "NOT_FOUND" : e.code, fieldErrors: e.fieldErrors }, { status, headers });
    }
  }, def.name);
}

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page for a refusal met by following a link: the sentence, and the way back to the exports. */
function refusalPage(message: string, slug: string, status: number, headers: Record<string, string>): Response {
  const back = /^[a-z0-9-]{1,80}$/.test(slug) ? `/o/${slug}/export` : "/";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not now — Tradeoff</title></head>` +
    `<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">` +
    `<h1 style="font-size: 1.25rem">Not now</h1><p data-testid="refusal">${escapeHtml(message)}</p><p><a href="${back}">Back to the exports</a></p></body></html>`;
  return new Response(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
