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
