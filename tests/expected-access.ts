/**
 * Who may call what, written down once, apart from the code.
 *
 * Every entry point of the app (server action or route handler), with the roles allowed to reach
 * its handler and whether it changes anything. The authorization matrix
 * (tests/authorization-matrix.test.ts) and the audit walk (tests/audit-coverage.test.ts) compare
 * the code's own declarations (ENTRY_POINTS, lib/server/action.ts) against this table, and the
 * matrix then calls each entry point as every role to check that the behaviour agrees too.
 *
 * Widening access in the code (adding a role to a declaration, or marking a mutating entry point
 * as read-only so that the audit walk would stop asking for its audit event) fails those tests
 * until this table is changed on purpose, in the same commit, where a reviewer sees it.
 *
 * The roles follow the product spec's permission table (/work/shared/PRODUCT.md, "Who uses it, and for what"):
 * leads log and edit their own use cases, executives decide, finance owns the cost assumptions
 * and reads the exports, admins run the organization.
 *
 * Do not import the code's role lists (EDIT_ROLES, EXPORT_ROLES …) here: the point of this file is
 * that it does not follow them.
 */
import type { Role } from "@/lib/server/db";

export interface ExpectedAccess {
  kind: "action" | "route";
  /** "public": anyone, signed in or not. "any-signed-in": the person's own business, no organization. */
  roles: readonly Role[] | "public" | "any-signed-in";
  mutates: boolean;
}

export const EXPECTED_ACCESS = {
  // The person's own business.
  "account.signUp": { kind: "action", roles: "public", mutates: true },
  "account.signOutEverywhere": { kind: "action", roles: "any-signed-in", mutates: true },
  "organizations.create": { kind: "action", roles: "any-signed-in", mutates: true },
  "invitations.accept": { kind: "action", roles: "any-signed-in", mutates: true },
  "invitations.acceptWithSignUp": { kind: "action", roles: "public", mutates: true },
  "auth.nextauth": { kind: "route", roles: "public", mutates: true },
  // Issue 19: confirming the address, reset by mail, change, two-factor (each audited).
  "account.verifyEmail": { kind: "action", roles: "public", mutates: true },
  "account.requestPasswordReset": { kind: "action", roles: "public", mutates: true },
  "account.resetPassword": { kind: "action", roles: "public", mutates: true },
  "account.changePassword": { kind: "action", roles: "any-signed-in", mutates: true },
  "account.twoFactor.begin": { kind: "action", roles: "any-signed-in", mutates: true },
  "account.twoFactor.enable": { kind: "action", roles: "any-signed-in", mutates: true },
  "account.twoFactor.regenerateRecoveryCodes": { kind: "action", roles: "any-signed-in", mutates: true },
  "account.twoFactor.disable": { kind: "action", roles: "any-signed-in", mutates: true },
  health: { kind: "route", roles: "public", mutates: false },

  // Use cases.
  "useCases.create": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.update": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.delete": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.restore": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.setCostOverrides": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.recordDecision": { kind: "action", roles: ["EXECUTIVE", "ADMIN"], mutates: true },

  // The decision workflow, comments and notifications (issue 20): a lead proposes (their own), an
  // executive or admin approves or sends back, finance approves only budgets; any member comments
  // and reads their own notifications.
  "decisions.propose": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "decisions.approve": { kind: "action", roles: ["EXECUTIVE", "ADMIN"], mutates: true },
  "decisions.sendBack": { kind: "action", roles: ["EXECUTIVE", "ADMIN"], mutates: true },
  "decisions.approveBudget": { kind: "action", roles: ["FINANCE"], mutates: true },
  "comments.add": { kind: "action", roles: ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"], mutates: true },
  "notifications.markRead": { kind: "action", roles: ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"], mutates: true },

  // Import.
  "useCases.import.check": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: false },
  "useCases.import.commit": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.import.undo": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.import.saveMapping": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.import.deleteMapping": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "useCases.import.template": { kind: "route", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: false },

  // Actual spend (issue 21).
  "actuals.import": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },
  "actuals.undo": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },
  "actuals.saveRule": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },
  "actuals.deleteRule": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },
  "actuals.newAssumptionVersion": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },

  // Costs.
  "assumptions.save": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },
  "assumptions.preview": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: false },
  "export.detail": { kind: "route", roles: ["FINANCE", "EXECUTIVE", "ADMIN"], mutates: false },
  "export.businessUnits": { kind: "route", roles: ["FINANCE", "EXECUTIVE", "ADMIN"], mutates: false },

  // Value and budgets (issue 20): the benefit follows the use case's edit rule; the rate and the
  // budgets are finance's (and admins').
  "value.setBenefit": { kind: "action", roles: ["LEAD", "EXECUTIVE", "ADMIN"], mutates: true },
  "value.setHourlyRate": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },
  "budgets.set": { kind: "action", roles: ["FINANCE", "ADMIN"], mutates: true },

  // Running the organization.
  "frameworks.saveWeights": { kind: "action", roles: ["ADMIN"], mutates: true },
  "frameworks.rescoreAll": { kind: "action", roles: ["ADMIN"], mutates: true },
  "frameworks.previewWeights": { kind: "action", roles: ["ADMIN"], mutates: false },
  "members.changeRole": { kind: "action", roles: ["ADMIN"], mutates: true },
  "members.remove": { kind: "action", roles: ["ADMIN"], mutates: true },
  "invitations.create": { kind: "action", roles: ["ADMIN"], mutates: true },
  "invitations.revoke": { kind: "action", roles: ["ADMIN"], mutates: true },

  // The audit log (changes and security events): admins only.
  "audit.export": { kind: "route", roles: ["ADMIN"], mutates: false },
  "organization.setTwoFactorPolicy": { kind: "action", roles: ["ADMIN"], mutates: true },
} as const satisfies Record<string, ExpectedAccess>;

export type EntryPointName = keyof typeof EXPECTED_ACCESS;

/** The table's roles as a sorted list (or the keyword), for comparing with a declaration. */
export function rolesOf(roles: ExpectedAccess["roles"]): string {
  return typeof roles === "string" ? roles : [...roles].sort().join(",");
}

/**
 * Differences between the code's declarations and this table, one line each: an entry point that
 * is declared with other roles or another `mutates`, or a different kind; one in the code and not
 * here; one here and not in the code.
 */
export function accessDifferences(declared: Iterable<{ name: string; kind: string; roles: ExpectedAccess["roles"]; mutates: boolean }>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const ep of declared) {
    seen.add(ep.name);
    const want = (EXPECTED_ACCESS as Record<string, ExpectedAccess>)[ep.name];
    if (!want) {
      out.push(`${ep.name}: declared in the code but missing from tests/expected-access.ts`);
      continue;
    }
    if (rolesOf(ep.roles) !== rolesOf(want.roles)) out.push(`${ep.name}: code allows ${rolesOf(ep.roles)}, the table ${rolesOf(want.roles)}`);
    if (ep.mutates !== want.mutates) out.push(`${ep.name}: code says mutates=${ep.mutates}, the table ${want.mutates}`);
    if (ep.kind !== want.kind) out.push(`${ep.name}: code says ${ep.kind}, the table ${want.kind}`);
  }
  for (const name of Object.keys(EXPECTED_ACCESS)) if (!seen.has(name)) out.push(`${name}: in the table but no such entry point in the code`);
  return out;
}
