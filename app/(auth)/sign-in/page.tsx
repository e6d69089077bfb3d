import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { authOptions } from "@/lib/server/auth-options";
import { currentUser } from "@/lib/server/guard";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const providers = authOptions.providers.filter((p) => p.id !== "credentials").map((p) => ({ id: p.id, name: p.name }));
  return (
    <Card
      title="Sign in to Tradeoff"
      intro={
        params.error === "two-factor-oauth"
          ? "Your account has two-factor sign-in on: sign in with your email, password and code here."
          : params.from === "sign-up"
          ? "We could not sign you in with the details you entered. If you already have an account with this email, sign in with its password."
          : callbackUrl !== "/"
            ? "Sign in to continue to the page you asked for."
            : "Plan your AI use cases with your team."
      }
      footer={
        <>
          New to Tradeoff?{" "}
          <Link href="/sign-up" className="font-semibold text-brand-700 underline-offset-4 hover:underline">
            Create an account and organization
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} providers={providers} />
    </Card>
  );
}
