import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "./db";

/**
 * Single-use, expiring links mailed to a person: a password reset (one hour) and an email
 * confirmation (two days). The token is 256 random bits; only its SHA-256 hash is stored (as
 * for invitations, lib/server/invitations.ts). Issuing a new one withdraws the older ones of the
 * same purpose; claiming one is a single conditional UPDATE, so it works once even under a race.
 */
export type TokenPurpose = "password-reset" | "email-verification";

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  "password-reset": 60 * 60 * 1000,
  "email-verification": 48 * 60 * 60 * 1000,
};

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[purpose]);
  await tx.accountToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await tx.accountToken.create({ data: { userId, purpose, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

/** The token's user, when the token exists for this purpose, is unused and has not expired; else null. */
export async function peekToken(tx: Tx, token: string, purpose: TokenPurpose, now = new Date()): Promise<{ id: string; userId: string } | null> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return null;
  const row = await tx.accountToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, purpose: true, usedAt: true, expiresAt: true } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  return { id: row.id, userId: row.userId };
}

/** Uses the token up: its user, or null when it was not valid (or someone used it a moment ago). */
export async function claimToken(tx: Tx, token: string, purpose: TokenPurpose, now = new Date()): Promise<string | null> {
  const found = await peekToken(tx, token, purpose, now);
  if (!found) return null;
  const { count } = await tx.accountToken.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1 ? found.userId : null;
}
