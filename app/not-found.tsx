import type { Metadata } from "next";
import { SkipLink } from "@/components/skip-link";
import { NotFoundMessage } from "@/components/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <SkipLink />
      <main id="main" tabIndex={-1} className="px-4">
        <NotFoundMessage />
      </main>
    </>
  );
}
