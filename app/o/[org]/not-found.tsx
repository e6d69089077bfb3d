import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/status-page";

export const metadata: Metadata = { title: "Page not found" };

/**
 * A 404 for a page of an organization the person belongs to (e.g. a use case that does not
 * exist), inside the shell. Not being a member is answered by the root not-found page instead,
 * without the shell, so nothing of the organization shows.
 */
export default function NotFound() {
  return <NotFoundMessage inOrganization />;
}
