import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Card } from "@/components/card";
import { latestOutbox, outboxPageEnabled } from "@/lib/server/mail";

export const metadata: Metadata = { title: "Development outbox", referrer: "no-referrer", robots: { index: false } };

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/**
 * The mail the app would have sent, while no SMTP_URL is set (lib/server/mail). It exists only
 * then, and never with NODE_ENV=production: it shows everyone's mail, links included.
 */
export default async function OutboxPage() {
  await connection();
  if (!outboxPageEnabled()) notFound();
  const messages = await latestOutbox();
  return (
    <Card
      title="Development outbox"
      intro="No SMTP_URL is set, so mail stays here instead of going out. Newest first; this page exists only on a development server or under npm start on its own embedded database, never on a real deployment."
    >
      {messages.length === 0 ? (
        <p className="text-sm text-zinc-700">No mail yet.</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-md border border-zinc-200 p-3" data-testid="outbox-message">
              <p className="text-sm font-semibold text-zinc-900">{m.subject}</p>
              <p className="text-xs text-zinc-700">
                To {m.to}, {timeFormat.format(m.createdAt)} UTC
              </p>
              <pre className="mt-2 whitespace-pre-wrap break-words text-sm text-zinc-800">{m.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
