import Link from "next/link";

/** The shell's bell: how many notifications are unread, linking to the list. */
export function NotificationBell({ href, unread }: { href: string; unread: number }) {
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link href={href} aria-label={label} title={label} className="relative inline-flex items-center rounded p-1.5 text-zinc-700 hover:bg-zinc-100" data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span className="absolute -right-1 -top-1 min-w-[1.1rem] rounded-full bg-red-700 px-1 text-center text-[0.7rem] font-semibold leading-[1.1rem] text-white" data-testid="unread-count">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
