import { defineConfig } from "prisma/config";

// The connection URL is only needed by Prisma's CLI (`prisma migrate deploy` where its engine can
// be had); the app connects through @prisma/adapter-pg, and `prisma generate` needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/db-seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/tradeoff" },
});
