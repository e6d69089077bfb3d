/**
 * When `npm start` may seed the demo organization (with its published password): only on the
 * embedded PostgreSQL of a newcomer's machine, never with NODE_ENV=production nor on a database
 * given by DATABASE_URL, which may be a real one. `npm run db:seed -- --demo` seeds it anywhere,
 * on purpose.
 */
export function demoSeedAllowed(opts: { embedded: boolean; nodeEnv: string | undefined }): { seed: boolean; why: string } {
  if (opts.nodeEnv === "production") return { seed: false, why: "NODE_ENV is production: the demo organization (with its published password) is not seeded. `npm run db:seed -- --demo` seeds it on purpose." };
  if (!opts.embedded) return { seed: false, why: "DATABASE_URL names a database of your own: the demo organization is not seeded there. `npm run db:seed -- --demo` seeds it on purpose." };
  return { seed: true, why: "" };
}

/**
 * Whether `npm start` shows kept mail at /dev/outbox (TRADEOFF_LOCAL_OUTBOX=1 for the server it
 * starts): on the embedded PostgreSQL of a newcomer's machine, with no SMTP_URL, outside
 * NODE_ENV=production. The server always runs as production (server.ts sets NODE_ENV, as `next
 * start` does), so the page could not rely on NODE_ENV alone: under the two-command start it was
 * never shown, and a newcomer who signed up could not confirm their address. Never on a database
 * given by DATABASE_URL, which may be a real one: the page shows everyone's mail, reset links too.
 */
export function localOutboxAllowed(opts: { embedded: boolean; nodeEnv: string | undefined; smtpUrl: string | undefined }): boolean {
  return opts.embedded && opts.nodeEnv !== "production" && !opts.smtpUrl;
}
