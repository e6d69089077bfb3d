/**
 * next-auth v4's endpoints (sign-in, sign-out, session, CSRF), with the options in
 * lib/server/auth-options.ts. Public by nature; registered so the authorization matrix knows it.
 *
 * Requests next-auth would answer with a 500 and a stack trace in the log are answered here first
 * with a clear 4xx (lib/server/auth-requests.ts): a callback address that is not http(s) (in the
 * query or the callback cookie), and the credentials callback asked for with anything but POST.
 */
import NextAuth from "next-auth";
import { registerEntryPoint, tagEntryPoint } from "@/lib/server/action";
import { authOptions } from "@/lib/server/auth-options";
import { refuseHostileAuthRequest } from "@/lib/server/auth-requests";

const NAME = "auth.nextauth";
registerEntryPoint({ name: NAME, kind: "route", roles: "public", mutates: true });

type Context = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

async function handle(request: Request, context: Context): Promise<Response> {
  const refusal = refuseHostileAuthRequest(request, (await context.params).nextauth ?? []);
  return refusal ?? handler(request, context);
}

export const GET = tagEntryPoint(handle, NAME);
export const POST = tagEntryPoint(handle, NAME);
