import type { Metadata } from "next";
import { ForbiddenMessage } from "@/components/status-page";

export const metadata: Metadata = { title: "No permission" };

/** A 403 inside the shell: the organization's navigation stays, so the person can go elsewhere. */
export default function Forbidden() {
  return <ForbiddenMessage />;
}
