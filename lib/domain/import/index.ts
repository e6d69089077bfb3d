/**
 * The CSV import, pure: reading the file (encoding, CSV), mapping columns and values onto our
 * fields, converting and checking rows with the real schemas, close titles, reports and the
 * downloadable template. No Next.js, Prisma or I/O: it runs in the browser and on the server.
 */
export * from "./columns";
export * from "./column-values";
export * from "./csv";
export * from "./dates";
export * from "./duplicates";
export * from "./encoding";
export * from "./fields";
export * from "./limits";
export * from "./mapping";
export * from "./outliers";
export * from "./prepare";
export * from "./refused";
export * from "./report";
export * from "./rows";
export * from "./template";
export * from "./text-repair";
export * from "./values";

/** Who may import: those who log use cases (lib/domain/use-case-permissions.ts). Finance may not. */
export { CREATE_ROLES as IMPORT_ROLES } from "../use-case-permissions";
