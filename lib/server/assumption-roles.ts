import type { Role } from "./db";

/** Who saves a new version of the cost assumptions: finance and admins (the page's form and its action). */
export const ASSUMPTION_ROLES: readonly Role[] = ["FINANCE", "ADMIN"];
