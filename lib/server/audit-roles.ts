import type { Role } from "./db";

/** Who may read and export the organization's audit log: admins only. */
export const AUDIT_ROLES: readonly Role[] = ["ADMIN"];
