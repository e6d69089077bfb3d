"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { ROLE_LABELS, type RoleName } from "@/components/roles";

export interface SwitcherOrg {
  slug: string;
  name: string;
  role: RoleName;
}

/** Sections every role may open; anything else (members) falls back to use cases on switching. */
const OPEN_TO_ALL = new Set(["use-cases", "portfolio", "assumptions", "frameworks"]);

/** The same section in another organization: /o/a/portfolio/… → /o/b/portfolio. Ids never cross. */
export function sectionHref(pathname: string, target: SwitcherOrg): string {
  const section = pathname.split("/")[3] ?? "";
  if (OPEN_TO_ALL.has(section)) return `/o/${target.slug}/${section}`;
  if (section === "members" && target.role === "ADMIN") return `/o/${target.slug}/members`;
  return `/o/${target.slug}/use-cases`;
}

/**
 * The active organization's name, and a disclosure listing the person's other organizations
 * (links, so it works with the keyboard, middle-click and screen readers as plain navigation).
 */
export function OrgSwitcher({ current, organizations }: { current: SwitcherOrg; organizations: SwitcherOrg[] }) {
  const pathname = usePathname() ?? "";
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  // Close after navigating.
  useEffect(() => setOpen(false), [pathname]);

  return (
    <div ref={rootRef} className="relative min-w-0">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="flex max-w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-zinc-100"
      >
        <span className="min-w-0">
          <span className="block text-xs font-medium uppercase tracking-wide text-zinc-500">Organization</span>
          <span className="block truncate text-base font-semibold text-zinc-900" data-testid="active-organization">
            {current.name}
          </span>
        </span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 shrink-0 text-zinc-500 transition-transform ${open ? "rotate-180" : ""}`}>
          <path fill="currentColor" d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
        <span className="sr-only">, switch organization</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute left-0 z-40 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg bg-white p-2 shadow-lg ring-1 ring-zinc-200"
      >
        <p className="px-2 pb-1 pt-1 text-xs font-medium uppercase tracking-wide text-zinc-500">Your organizations</p>
        <ul aria-label="Your organizations">
          {organizations.map((o) => {
            const isCurrent = o.slug === current.slug;
            return (
              <li key={o.slug}>
                <Link
                  href={sectionHref(pathname, o)}
                  aria-current={isCurrent ? "true" : undefined}
                  onClick={() => setOpen(false)}
                  className={`flex items-center justify-between gap-3 rounded-md px-2 py-2 text-sm hover:bg-zinc-100 ${isCurrent ? "bg-brand-50" : ""}`}
                >
                  <span className="min-w-0 truncate font-medium text-zinc-900">{o.name}</span>
                  <span className="shrink-0 text-xs text-zinc-600">
                    {ROLE_LABELS[o.role]}
                    {isCurrent ? <span className="sr-only"> (current)</span> : null}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="mt-2 border-t border-zinc-200 pt-2">
          <Link href="/organizations/new" className="block rounded-md px-2 py-2 text-sm font-medium text-brand-700 hover:bg-zinc-100">
            New organization
          </Link>
        </div>
      </div>
    </div>
  );
}
