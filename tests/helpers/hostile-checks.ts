/**
 * What the hostile-input tests share (tests/hostile-input.test.ts, hostile-import.test.ts,
 * hostile-urls.test.ts): how many runs each property gets, and what is checked after each call.
 */
import fc from "fast-check";
import { db } from "@/lib/server/db";
import type { TestOrg } from "./factory";
import { describe as show, isPlainObject } from "./hostile";

/**
 * Runs per property and action; each file stays under a minute. HOSTILE_RUNS_SCALE=10 (say)
 * hunts longer; FC_SEED=<seed> replays a failure that fast-check reported.
 */
const SCALE = Number(process.env.HOSTILE_RUNS_SCALE ?? 1);
export const RUNS = Object.fromEntries(Object.entries({ whole: 10, mutation: 30, slug: 4, text: 40, importFile: 30, importCheck: 40, url: 25 }).map(([k, n]) => [k, Math.max(1, Math.round(n * SCALE))])) as Record<"whole" | "mutation" | "slug" | "text" | "importFile" | "importCheck" | "url", number>;
/** Generous: a loaded machine is slow, and speed is not what these tests are about. */
export const TIMEOUT = 180_000 * SCALE;
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
export const FORM_MESSAGE = "Please correct the highlighted fields.";
/** What an allowed caller may be told: invalid input, a missing object, a stale version. */
export const EXPECTED_REFUSALS = ["VALIDATION", "NOT_FOUND", "CONFLICT"];

export type Result = { ok: true; data: unknown } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

/**
 * What a refused call must leave as it was: the organization's rows, and the global counts of
 * people and organizations. One statement (it runs twice per attack, over four thousand times
 * in hostile-input.test.ts: thirteen queries through Prisma took a third of that file's time).
 * The cost-line and yearly sets are counted with the sum of their ids, so a projection replaced
 * by as many new rows shows too.
 */
const FOOTPRINT = `SELECT json_build_object(
    'organization', (SELECT json_build_array(name, slug, "weightsVersion", "frameworkWeights", "valueHourlyRateCents"::text) FROM "Organization" WHERE id = $1),
    'useCases', (SELECT json_agg(json_build_array(id, version, "deletedAt", title, benefit) ORDER BY id) FROM "UseCase" WHERE "organizationId" = $1),
    'audits', (SELECT count(*) FROM "AuditEvent" WHERE "organizationId" = $1),
    'memberships', (SELECT json_agg(json_build_array(id, role) ORDER BY id) FROM "Membership" WHERE "organizationId" = $1),
    'invitations', (SELECT json_agg(json_build_array(id, "revokedAt", "acceptedAt") ORDER BY id) FROM "Invitation" WHERE "organizationId" = $1),
    'assumptionVersions', (SELECT count(*) FROM "AssumptionVersion" WHERE "organizationId" = $1),
    'mappings', (SELECT json_agg(json_build_array(id, name, "columnMap", "valueMap", "dateOrder", options) ORDER BY id) FROM "ImportMapping" WHERE "organizationId" = $1),
    'costLineSets', (SELECT json_build_array(count(*), sum(id)::text) FROM "CostLineSet" WHERE "organizationId" = $1),
    'costYearSets', (SELECT json_build_array(count(*), sum(id)::text) FROM "CostYearSet" WHERE "organizationId" = $1),
    'budgets', (SELECT json_agg(json_build_array(id, "amountCents"::text) ORDER BY id) FROM "BusinessUnitBudget" WHERE "organizationId" = $1),
    'users', (SELECT count(*) FROM "User"),
    'organizations', (SELECT count(*) FROM "Organization"),
    'allMemberships', (SELECT count(*) FROM "Membership"),
    'allInvitations', (SELECT count(*) FROM "Invitation")
  ) AS footprint`;

export async function footprint(org: TestOrg): Promise<unknown> {
  const [row] = await db.$queryRawUnsafe<{ footprint: unknown }[]>(FOOTPRINT, org.id);
  return row!.footprint;
}

/** What is wrong with an action's answer to `input` (empty when nothing is). */
export function problemsWith(result: unknown, input: unknown, fieldsOfSchema: readonly string[], allowed = EXPECTED_REFUSALS): string[] {
  if (!isPlainObject(result) || typeof result.ok !== "boolean") return [`not an action result: ${show(result)}`];
  const r = result as Result;
  if (r.ok) return [];
  const problems: string[] = [];
  if (!allowed.includes(r.code)) problems.push(`refused with ${r.code}: ${r.message}`);
  if (typeof r.message !== "string" || r.message.length === 0) problems.push("a refusal without a message");
  const size = JSON.stringify(r).length;
  if (size > 20_000) problems.push(`a refusal of ${size} characters (the input echoed back?)`);
  if (r.code === "VALIDATION" && r.message === FORM_MESSAGE) {
    const keys = Object.keys(r.fieldErrors ?? {});
    if (keys.length === 0) problems.push("a validation refusal that names no field");
    for (const key of keys) {
      const messages = r.fieldErrors![key]!;
      if (!Array.isArray(messages) || !messages.length || messages.some((m) => typeof m !== "string" || !m)) problems.push(`field ${key}: no message`);
      if (key === "_form") {
        // For an object, a form-level message may only name its unknown keys (zod: "Unrecognized key: …").
        if (isPlainObject(input) && !messages.every((m) => /^Unrecognized keys?: /.test(m))) problems.push(`a form-level message for an object input: ${messages.join(" ")}`);
        continue;
      }
      const names = [...fieldsOfSchema, ...(isPlainObject(input) ? Object.keys(input) : [])];
      // A key is "a.b.c" (and a long key is cut with "…").
      const named = names.some((n) => key === n || key.startsWith(`${n}.`) || (n.length > 200 && key.startsWith(`${n.slice(0, 200)}…`)));
      if (!named) problems.push(`field error under "${show(key)}", which is not a field of the input`);
    }
  }
  return problems;
}
