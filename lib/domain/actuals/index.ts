/**
 * Actual spend (issue 21), pure: exact money, reading FOCUS / LiteLLM / CSV rows, summing them per
 * month and key, attribution to use cases, and variance against the projection.
 * No Next.js, Prisma or I/O.
 */
export * from "./attribute";
export * from "./fields";
export * from "./money";
export * from "./rows";
export * from "./variance";
export * from "./unit-costs";
