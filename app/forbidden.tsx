import type { Metadata } from "next";
import { SkipLink } from "@/components/skip-link";
import { ForbiddenMessage } from "@/components/status-page";

export const metadata: Metadata = { title: "No permission" };

export default function Forbidden() {
  return (
    <>
      <SkipLink />
      <main id="main" tabIndex={-1} className="px-4">
        <ForbiddenMessage />
      </main>
    </>
  );
}
