import Link from "next/link";
import { buttonClass } from "./button";

/** The body of the 403 / 404 pages: a code, a plain sentence, and a way on. */
export function StatusMessage({ code, title, children }: { code: string; title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold tracking-wide text-brand-700">Error {code}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      <div className="mt-4 text-base text-zinc-600">{children}</div>
      <div className="mt-8">
        <Link href="/" className={buttonClass("primary")}>
          Go to your organizations
        </Link>
      </div>
    </div>
  );
}

export function ForbiddenMessage() {
  return (
    <StatusMessage code="403" title="You don't have permission to see this page">
      <p>Your role in this organization doesn&apos;t include this page. If you need it, ask an admin of the organization to change your role.</p>
    </StatusMessage>
  );
}

export function NotFoundMessage({ inOrganization = false }: { inOrganization?: boolean }) {
  return (
    <StatusMessage code="404" title="Page not found">
      {inOrganization ? (
        <p>This page doesn&apos;t exist in this organization. It may have been deleted, or the link may be wrong.</p>
      ) : (
        <p>This page doesn&apos;t exist, or it belongs to an organization you&apos;re not a member of.</p>
      )}
    </StatusMessage>
  );
}
