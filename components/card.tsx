import type { ReactNode } from "react";

/** The card the sign-in, sign-up and invitation pages sit in. */
export function Card({ title, intro, children, footer }: { title: string; intro?: ReactNode; children?: ReactNode; footer?: ReactNode }) {
  return (
    <div>
      <div className="rounded-xl bg-white px-6 py-8 shadow-sm ring-1 ring-zinc-200 sm:px-8">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        {intro ? <div className="mt-2 text-base text-zinc-600">{intro}</div> : null}
        {children ? <div className="mt-6">{children}</div> : null}
      </div>
      {footer ? <div className="mt-6 text-center text-sm text-zinc-600">{footer}</div> : null}
    </div>
  );
}
