import type { Role } from "./db";

/** Who manages members, roles and invitations: admins only (the nav, the members page and its actions). */
export const MEMBER_ROLES: readonly Role[] = ["ADMIN"];
