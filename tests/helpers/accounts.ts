/** People with passwords, confirmed or not, with two-factor on or not; mailed tokens made directly. */
import { randomUUID } from "node:crypto";
import { Secret } from "otpauth";
import { issueToken, type TokenPurpose } from "@/lib/server/account-tokens";
import { db, type Role } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/passwords";
import { currentCode, hashRecoveryCode } from "@/lib/server/two-factor";

export const ACCOUNT_PASSWORD = "amber-kettle-orbit-2207";
const hashes = new Map<string, Promise<string>>();
const hashOf = (p: string) => {
  if (!hashes.has(p)) hashes.set(p, hashPassword(p));
  return hashes.get(p)!;
};

export interface Account {
  id: string;
  email: string;
  name: string;
  password: string;
  /** The TOTP secret, when two-factor is on. */
  secret?: string;
  /** Unused recovery codes, when two-factor is on. */
  recoveryCodes?: string[];
  /** The current code from the "app". */
  code(at?: number): string;
}

export async function makeAccount(
  opts: { verified?: boolean; twoFactor?: boolean; password?: string; member?: { organizationId: string; role: Role }; label?: string } = {},
): Promise<Account> {
  const email = `${opts.label ?? "person"}-${randomUUID().slice(0, 8)}@accounts.test`;
  const password = opts.password ?? ACCOUNT_PASSWORD;
  const secret = opts.twoFactor ? new Secret({ size: 20 }).base32 : undefined;
  const recoveryCode = () => {
    const hex = randomUUID().replace(/-/g, "");
    return `${hex.slice(0, 5)}-${hex.slice(5, 10)}`;
  };
  const recoveryCodes = opts.twoFactor ? [recoveryCode(), recoveryCode()] : undefined;
  const user = await db.user.create({
    data: {
      email,
      name: "Pat Person",
      passwordHash: await hashOf(password),
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      ...(secret ? { totpSecret: secret, totpEnabledAt: new Date() } : {}),
    },
  });
  if (recoveryCodes) await db.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
  if (opts.member) await db.membership.create({ data: { userId: user.id, organizationId: opts.member.organizationId, role: opts.member.role } });
  const account: Account = { id: user.id, email, name: user.name, password, secret, recoveryCodes, code: (at = Date.now()) => currentCode(account.secret!, at) };
  return account;
}

/** A mailed link's token, as if the mail had been sent. */
export async function tokenFor(userId: string, purpose: TokenPurpose, now = new Date()): Promise<string> {
  return db.$transaction(async (tx) => (await issueToken(tx, userId, purpose, now)).token);
}
