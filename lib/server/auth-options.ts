import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { db } from "./db";
import { verifyPassword } from "./passwords";
import { checkSignInAllowed, recordSignInAttempt } from "./login-throttle";

/** Sessions last eight hours of inactivity at most. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  return first || "unknown";
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

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIp(req?.headers as Record<string, string | string[] | undefined> | undefined);
        const wait = await checkSignInAllowed(email, ip);
        if (wait > 0) throw new Error(`TOO_MANY_ATTEMPTS:${wait}`);
        const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
        const ok = !!user?.passwordHash && (await verifyPassword(user.passwordHash, password));
        await recordSignInAttempt(email, ip, ok);
        if (!user || !ok) return null;
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
      await db.user.upsert({ where: { email }, update: {}, create: { email, name: user.name ?? email } });
      return true;
    },
    async jwt({ token, user }) {
      if (user?.email) {
        const row = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
        if (row) token.uid = row.id;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
};
