/**
 * next-auth v4's endpoints (sign-in, sign-out, session, CSRF), with the options in
 * lib/server/auth-options.ts. Public by nature; registered so the authorization matrix knows it.
 */
import NextAuth from "next-auth";
import { registerEntryPoint, tagEntryPoint } from "@/lib/server/action";
import { authOptions } from "@/lib/server/auth-options";

const NAME = "auth.nextauth";
registerEntryPoint({ name: NAME, kind: "route", roles: "public", mutates: true });

const handler = NextAuth(authOptions) as (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

export const GET = tagEntryPoint((request: Request, context: { params: Promise<{ nextauth: string[] }> }) => handler(request, context), NAME);
export const POST = tagEntryPoint((request: Request, context: { params: Promise<{ nextauth: string[] }> }) => handler(request, context), NAME);
