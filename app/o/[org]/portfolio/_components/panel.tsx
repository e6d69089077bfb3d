import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";

/**
 * A link to the use-case list of the current filter narrowed by `extra` (drillDown in
 * lib/domain/portfolio/filter.ts), or null when no list shows exactly the use cases counted.
 */
export type ListHref = (extra?: Partial<PortfolioFilter>) => string | null;

/** A count linked to its list, or the count alone where no list shows exactly those use cases. */
export function CountLink({ href, children, ...rest }: Omit<ComponentProps<typeof Link>, "href"> & { href: string | null | undefined }) {
  if (!href) return <span>{children}</span>;
  return (
    <Link href={href} {...rest}>
      {children}
    </Link>
  );
}
/** A link to one use case. */
export type UseCaseHref = (id: string) => string;

/** A titled card of the dashboard; its title names the region for screen readers. */
export function Panel({ title, description, children, className = "", testId, id }: { title: string; description?: ReactNode; children: ReactNode; className?: string; testId?: string; id?: string }) {
  return (
    <section id={id} className={`min-w-0 scroll-mt-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 ${className}`} aria-label={title} data-testid={testId}>
      <h2 className="text-lg font-semibold text-zinc-900">{title}</h2>
      {description ? <div className="mt-1 text-sm text-zinc-600">{description}</div> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** A headline number with its label and a line of context. */
export function Stat({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <p className="text-sm font-medium text-zinc-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900 sm:text-3xl" data-testid={testId}>
        {value}
      </p>
      {detail ? <div className="mt-1 text-sm text-zinc-600">{detail}</div> : null}
    </div>
  );
}

/** A table that scrolls sideways on a narrow screen instead of overflowing the page, with a shadow on the side there is more to see. */
export function ScrollTable({ caption, children, testId }: { caption: string; children: ReactNode; testId?: string }) {
  return (
    <div className="scroll-cue relative overflow-x-auto">
      <table className="min-w-full border-collapse text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/* Short classes defined in app/globals.css: each is repeated hundreds of times on the page. */
export const th = "dash-th";
export const thNum = "dash-th-num";
export const td = "dash-td";
export const tdNum = "dash-td-num";
export const link = "dash-link";
