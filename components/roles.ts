/** How roles are named and explained in the interface. */
export type RoleName = "ADMIN" | "EXECUTIVE" | "LEAD" | "FINANCE";

export const ROLE_ORDER: readonly RoleName[] = ["ADMIN", "EXECUTIVE", "LEAD", "FINANCE"];

export const ROLE_LABELS: Record<RoleName, string> = {
  ADMIN: "Admin",
  EXECUTIVE: "Executive",
  LEAD: "Project lead",
  FINANCE: "Finance",
};

export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  ADMIN: "Manages members, roles and invitations.",
  EXECUTIVE: "Reviews the portfolio, compares scenarios and records decisions.",
  LEAD: "Logs use cases and edits their own.",
  FINANCE: "Reviews cost rollups, edits cost assumptions and exports.",
};
