/**
 * An organization's two-factor rule: off, required of its admins, or required of everyone.
 * A member it covers who has not turned two-factor on is sent to set it up before reaching
 * the organization's pages and actions.
 */
export const TWO_FACTOR_POLICIES = ["off", "admins", "everyone"] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];

export const TWO_FACTOR_POLICY_LABELS: Record<TwoFactorPolicy, string> = {
  off: "Not required",
  admins: "Required of admins",
  everyone: "Required of everyone",
};

export function asTwoFactorPolicy(value: string): TwoFactorPolicy {
  return (TWO_FACTOR_POLICIES as readonly string[]).includes(value) ? (value as TwoFactorPolicy) : "off";
}

export function policyCovers(policy: string, role: string): boolean {
  const p = asTwoFactorPolicy(policy);
  return p === "everyone" || (p === "admins" && role === "ADMIN");
}
