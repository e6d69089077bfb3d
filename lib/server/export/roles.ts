import type { Role } from "../db";

/** Who may download the finance exports (PRODUCT.md: finance exports; executives and admins review). */
export const EXPORT_ROLES: readonly Role[] = ["FINANCE", "EXECUTIVE", "ADMIN"];

export function canExport(role: Role): boolean {
  return EXPORT_ROLES.includes(role);
}
