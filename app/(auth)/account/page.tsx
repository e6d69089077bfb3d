import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { currentUser } from "@/lib/server/guard";
import { twoFactorStatus } from "@/lib/server/two-factor";
import { ChangePasswordForm } from "./change-password-form";
import { TwoFactorSection } from "./two-factor-section";
import { formatDate } from "@/components/dates";

export const metadata: Metadata = { title: "Your account" };

const link = "font-semibold text-brand-700 underline-offset-4 hover:underline";

/** The signed-in person's password and two-factor sign-in. */
export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Faccount");
  const params = await searchParams;
  const status = await twoFactorStatus(user.id);
  const blocked = typeof params.required === "string" && !status.enabledAt ? status.requiredBy.find((o) => o.slug === params.required) : undefined;
  return (
    <div className="space-y-6">
      <Card title="Your account" intro={<>Signed in as <strong className="font-semibold text-zinc-900">{user.email}</strong>.</>} footer={<Link href="/" className={link}>Back to your organizations</Link>}>
        {blocked ? (
          <p role="alert" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {blocked.name} requires two-factor sign-in. Turn it on below to reach it.
          </p>
        ) : null}
        <section aria-labelledby="password-heading" className="space-y-4">
          <h2 id="password-heading" className="text-lg font-semibold text-zinc-900">
            Change your password
          </h2>
          <p className="text-sm text-zinc-700">Changing it signs you out on every other device and browser; you stay signed in here.</p>
          <ChangePasswordForm />
        </section>
      </Card>
      <Card title="Two-factor sign-in">
        <section id="two-factor" aria-label="Two-factor sign-in" className="space-y-4">
          <TwoFactorSection
            enabledOn={status.enabledAt ? formatDate(status.enabledAt) : null}
            codesLeft={status.codesLeft}
            requiredBy={status.requiredBy.map((o) => o.name)}
          />
        </section>
      </Card>
    </div>
  );
}
