/**
 * Who may do what to a use case. One rule for the pages (which controls to show) and the server
 * (what to refuse). Spec: PRODUCT.md, "Who uses it, and for what".
 *
 * Pure: no Next.js, Prisma or I/O.
 */
export type MemberRole = "ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE";

export interface Actor {
  userId: string;
  role: MemberRole;
}

/** Roles that log use cases. Finance reads everything and edits none. */
export const CREATE_ROLES = ["LEAD", "EXECUTIVE", "ADMIN"] as const satisfies readonly MemberRole[];
/** Roles that may edit, delete and restore, leads only their own. */
export const EDIT_ROLES = ["LEAD", "EXECUTIVE", "ADMIN"] as const satisfies readonly MemberRole[];
/** Roles that record the decision (chosen approach and notes). */
export const DECIDE_ROLES = ["EXECUTIVE", "ADMIN"] as const satisfies readonly MemberRole[];

export function canCreateUseCase(actor: Actor): boolean {
  return (CREATE_ROLES as readonly MemberRole[]).includes(actor.role);
}

/** Leads edit their own use cases; executives and admins edit any; finance none. */
export function canEditUseCase(actor: Actor, useCase: { ownerId: string }): boolean {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return true;
  if (actor.role === "LEAD") return useCase.ownerId === actor.userId;
  return false;
}

/** Deleting and restoring follow the edit rule. */
export const canDeleteUseCase = canEditUseCase;
export const canRestoreUseCase = canEditUseCase;

export function canRecordDecision(actor: Actor): boolean {
  return (DECIDE_ROLES as readonly MemberRole[]).includes(actor.role);
}

/**
 * Who may be named owner. Executives and admins assign any member; a lead's use cases are their
 * own (a lead who handed one over could no longer edit it), so a lead may name only themselves.
 */
export function canAssignOwner(actor: Actor, ownerId: string): boolean {
  if (actor.role === "ADMIN" || actor.role === "EXECUTIVE") return true;
  if (actor.role === "LEAD") return ownerId === actor.userId;
  return false;
}
