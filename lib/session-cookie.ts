import { decode } from "next-auth/jwt";

/**
 * Whether a Cookie header carries a next-auth session cookie that decrypts with this server's
 * secret and has not expired. Only a coarse, cheap "signed in at all" for the body limits (the
 * large import body); the guard checks the session fully (member, organization, revocation).
 */
export async function hasReadableSession(cookieHeader: string | null | undefined): Promise<boolean> {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return false;
  const cookies = (cookieHeader ?? "").split(";").map((c) => c.trim());
  const token = cookies.find((c) => c.startsWith("__Secure-next-auth.session-token=") || c.startsWith("next-auth.session-token="))?.split("=")[1];
  if (!token) return false;
  try {
    return (await decode({ token, secret })) !== null;
  } catch {
    return false;
  }
}
