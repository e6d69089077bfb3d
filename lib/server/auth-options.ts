import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { db } from "./db";
import { cookies } from "next/headers";
import { hashPassword, verifyPassword } from "./passwords";
import { checkSignInAllowed, mailOwnerOfFailures, recordSignInFailure, recordSignInSuccess } from "./login-throttle";
import { deviceCookieFor, knownDeviceOf } from "./known-device";
import { resendVerificationOnSignIn } from "./account-security";
import { verifySecondFactor } from "./two-factor";
import { checkSession, newSessionClaims, recordSignIn, revokeSession, SessionRefusedError } from "./sessions";
import { clientIpFrom, trustedProxyHops } from "@/lib/client-ip";
import { recordSignInEvent } from "./security-log";

/**
 * Sessions last eight hours of inactivity at most, and 24 hours after sign-in however active
 * (SESSION_ABSOLUTE_MAX_AGE_SECONDS); sign-out revokes them on the server (lib/server/sessions.ts).
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  /** The second step: a code from the authenticator app, or a recovery code. */
  code: z.string().trim().max(40).optional(),
});

function clientIp(headers: RequestHeaders): string {
  return clientIpFrom(headers?.["x-forwarded-for"], trustedProxyHops(process.env.TRUSTED_PROXY_HOPS));
}

type RequestHeaders = Record<string, string | string[] | undefined> | undefined;

/**
 * A hash of a random password, checked against when the email is unknown, so that a wrong
 * password takes as long whether or not the account exists (no enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/** Makes this browser a known device of the account (see known-device.ts); best effort. */
async function rememberDevice(userId: string, device: string | null): Promise<void> {
  const cookie = deviceCookieFor(userId, device);
  if (!cookie) return;
  try {
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
  } catch {
    // Outside a request (a script): nothing to remember.
  }
}

function oauthProviders() {
  const providers = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

function isExpectedSessionEnd(metadata: unknown): boolean {
  if (metadata instanceof SessionRefusedError || (metadata as { name?: unknown } | null)?.name === "SessionRefusedError") return true;
  const code = (metadata as { code?: unknown } | null)?.code;
  return code === "ERR_JWT_EXPIRED";
}

function isUnreadableToken(metadata: unknown): boolean {
  const code = (metadata as { code?: unknown } | null)?.code;
  return code === "ERR_JWE_DECRYPTION_FAILED" || code === "ERR_JWE_INVALID" || code === "ERR_JWT_INVALID" || code === "ERR_JWT_CLAIM_VALIDATION_FAILED";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  // The token made at sign-in is encoded with jwt.maxAge (next-auth's default: 30 days), not
  // session.maxAge: without this, a cookie copied at sign-in stayed valid on the server for the
  // whole absolute lifetime, not eight idle hours (tests/session-lifetimes.test.ts).
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  events: {
    /** Sign-out revokes the session server-side (a copied cookie stops working) and audits it. */
    async signOut({ token }) {
      await revokeSession(token as Record<string, unknown> | null);
    },
  },
  logger: {
    error(code, metadata) {
      // A signed-out, revoked or expired session token is an expected refusal, not an error.
      if (code === "JWT_SESSION_ERROR" && isExpectedSessionEnd(metadata)) return;
      // A cookie that does not decrypt (made up, damaged, or from before the secret changed) is
      // refused like any other; one line, not a stack trace per request, since anyone can send one.
      if (code === "JWT_SESSION_ERROR" && isUnreadableToken(metadata)) {
        console.warn("[next-auth] refused a session cookie that does not decrypt with this server's secret");
        return;
      }
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const headers = req?.headers as RequestHeaders;
        const ip = clientIp(headers);
        const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
        const cookieHeader = [headers?.cookie ?? []].flat().join("; ");
        const source = { email, ip, device: user ? knownDeviceOf(cookieHeader, user.id) : null };
        // Throttled by email and address alone, whether or not the account exists.
        const wait = await checkSignInAllowed(source);
        if (wait > 0) {
          await recordSignInEvent("throttled", user, ip);
          throw new Error(`TOO_MANY_ATTEMPTS:${wait}`);
        }
        // Always one argon2 verification: against a dummy hash when there is no account or password.
        const verified = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user?.passwordHash || !verified) {
          await recordSignInFailure(source);
          await mailOwnerOfFailures(email, user);
          // In the security log of the account's organizations (never the password; for an email
          // that matches no account, only the address).
          await recordSignInEvent("failed", user, ip);
          return null;
        }
        // The right password to an unconfirmed address: no session; a fresh link goes to the address.
        if (!user.emailVerifiedAt) {
          await resendVerificationOnSignIn(user.id);
          throw new Error("EMAIL_NOT_VERIFIED");
        }
        // Two-factor on: the password alone makes no session. The form asks for the code and sends
        // both again; a wrong code counts as a failed sign-in like a wrong password.
        if (user.totpEnabledAt) {
          const code = parsed.data.code;
          if (!code) throw new Error("TWO_FACTOR_REQUIRED");
          if (!(await verifySecondFactor(user.id, code))) {
            await recordSignInFailure(source);
            await mailOwnerOfFailures(email, user);
            throw new Error("TWO_FACTOR_INVALID");
          }
        }
        await recordSignInSuccess(source, user.id);
        await rememberDevice(user.id, source.device);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.provider === "credentials") return true;
      // OAuth: link to (or create) the user with this verified email.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const existing = await db.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, totpEnabledAt: true } });
      // The provider vouches for the address. An unconfirmed account with it (perhaps made by
      // someone else) becomes the owner's: confirmed, and its password, which the owner never
      // chose, removed.
      if (!existing) await db.user.create({ data: { email, name: user.name ?? email, emailVerifiedAt: new Date() } });
      else if (!existing.emailVerifiedAt) await db.user.update({ where: { id: existing.id }, data: { emailVerifiedAt: new Date(), passwordHash: null } });
      // With two-factor on, sign in with the password and code: a provider's sign-in would skip the code.
      if (existing?.totpEnabledAt) return "/sign-in?error=two-factor-oauth";
      return true;
    },
    /**
     * At sign-in (`user` given): the session's claims (uid, sid, authAt; see sessions.ts), audited.
     * On every later use of the token, the guard's included: refused (signed out) when revoked,
     * signed out everywhere, past the absolute lifetime, or made before sessions had these claims.
     */
    async jwt({ token, user, account }) {
      if (user?.email) {
        const row = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
        if (!row) throw new SessionRefusedError("unknown-user");
        const claims = newSessionClaims();
        Object.assign(token, { uid: row.id }, claims);
        await recordSignIn(row.id, claims, account?.provider ?? "credentials");
        return token;
      }
      const check = await checkSession(token);
      if (!check.ok) throw new SessionRefusedError(check.reason);
      // The person as stored now, for the session below (the guard reads them from it).
      token.email = check.user.email;
      token.name = check.user.name;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user = { id: token.uid, email: token.email, name: token.name } as typeof session.user;
      return session;
    },
  },
};
