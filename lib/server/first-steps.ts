import type { Role } from "./db";
import { IMPORT_ROLES } from "@/lib/domain/import";
import { CREATE_ROLES } from "@/lib/domain/use-case-permissions";
import { ASSUMPTION_ROLES } from "./assumption-roles";
import { MEMBER_ROLES } from "./member-roles";

/** One thing a member of a new organization (no use cases yet) can do next, and where. */
export interface FirstStep {
  key: "log" | "import" | "invite" | "assumptions";
  label: string;
  href: string;
  /** What it does, in a few words. */
  note: string;
}

/**
 * The first steps open to `role` in a new organization, each only where the same role check as
 * the page it leads to (and the nav) lets this role in: a step never ends on a refusal.
 */
export function firstSteps(role: Role, orgSlug: string): FirstStep[] {
  const base = `/o/${orgSlug}`;
  const steps: FirstStep[] = [];
  if ((CREATE_ROLES as readonly Role[]).includes(role)) {
    steps.push({ key: "log", label: "Log your first use case", href: `${base}/use-cases/new`, note: "Describe one AI use case and answer its questions: it gets a recommended approach and projected costs." });
  }
  if ((IMPORT_ROLES as readonly Role[]).includes(role)) {
    steps.push({ key: "import", label: "Import an inventory from CSV", href: `${base}/use-cases/import`, note: "Bring in a list you already keep; every row is checked before anything is saved." });
  }
  if (MEMBER_ROLES.includes(role)) {
    steps.push({ key: "invite", label: "Invite colleagues", href: `${base}/members#invite-heading`, note: "Project leads log use cases, executives decide, finance sets the cost figures and budgets." });
  }
  if (ASSUMPTION_ROLES.includes(role)) {
    steps.push({ key: "assumptions", label: "Edit the cost assumptions", href: `${base}/assumptions#edit-heading`, note: "The figures every projection is priced from, with their sources: set your organization's own." });
  }
  return steps;
}

const PLURAL: Record<Role, string> = { LEAD: "project leads", EXECUTIVE: "executives", ADMIN: "admins", FINANCE: "finance" };

/** Who logs use cases, said for those who do not ("project leads, executives and admins"). */
export function whoLogsUseCases(): string {
  const names = CREATE_ROLES.map((r) => PLURAL[r]);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
}
