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

/** What a refused call must leave as it was: the organization's rows, and the global counts of people and organizations. */
export async function footprint(org: TestOrg) {
  const [organization, useCases, audits, memberships, invitations, assumptionVersions, mappings, costLines, budgets, users, organizations, allMemberships, allInvitations] = await Promise.all([
    db.organization.findUnique({ where: { id: org.id }, select: { name: true, slug: true, weightsVersion: true, frameworkWeights: true, valueHourlyRateCents: true } }),
    db.useCase.findMany({ where: { organizationId: org.id }, select: { id: true, version: true, deletedAt: true, title: true, benefit: true }, orderBy: { id: "asc" } }),
    db.auditEvent.count({ where: { organizationId: org.id } }),
    db.membership.findMany({ where: { organizationId: org.id }, select: { id: true, role: true }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { organizationId: org.id }, select: { id: true, revokedAt: true, acceptedAt: true }, orderBy: { id: "asc" } }),
    db.assumptionVersion.count({ where: { organizationId: org.id } }),
    db.importMapping.findMany({ where: { organizationId: org.id }, select: { id: true, name: true, columnMap: true, valueMap: true }, orderBy: { id: "asc" } }),
    db.costLine.count({ where: { organizationId: org.id } }),
    db.businessUnitBudget.findMany({ where: { organizationId: org.id }, select: { id: true, amountCents: true }, orderBy: { id: "asc" } }).then((r) => r.map((b) => ({ id: b.id, amountCents: String(b.amountCents) }))),
    db.user.count(),
    db.organization.count(),
    db.membership.count(),
    db.invitation.count(),
  ]);
  return { organization, useCases, audits, memberships, invitations, assumptionVersions, mappings, costLines, budgets, users, organizations, allMemberships, allInvitations };
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
