import Link from "next/link";
import type { ReactNode } from "react";
import { SkipLink } from "@/components/skip-link";

/** Pages outside any organization (sign-in, sign-up, invitations): one centred card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="px-4 py-5 sm:px-8">
        <Link href="/" className="text-lg font-semibold tracking-tight text-zinc-900">
          Tradeoff
        </Link>
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pb-16 pt-4 sm:pt-12">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
