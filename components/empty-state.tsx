import type { ReactNode } from "react";

/** What a page shows when it has nothing yet: what will appear here and how to get there. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <section className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center" aria-label={title}>
      <h2 className="text-lg font-semibold text-zinc-900">{title}</h2>
      {children ? <div className="mx-auto mt-2 max-w-xl text-base text-zinc-600">{children}</div> : null}
      {action ? <div className="mt-6 flex justify-center">{action}</div> : null}
    </section>
  );
}
