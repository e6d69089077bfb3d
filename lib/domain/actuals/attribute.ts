/**
 * Attribution: which use case each line of actual spend belongs to.
 *
 * 1. A line whose use-case tag names a use case's external id belongs to it, all of it.
 * 2. Otherwise finance's rules: the rules on its resource, else on its SKU, else on its account
 *    (the most specific kind that has any rule for it), each giving its use case a share; the
 *    cents are split exactly (largest remainder), and a share not given (rules adding up to less
 *    than 100%) stays unattributed.
 * 3. Everything else is unattributed, with the reason: no tag and no rule ("untagged"), or a tag
 *    that names no use case ("unknown-tag"). Nothing is ever spread over use cases silently.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { apportion } from "./money";
import type { ActualCategory } from "./fields";

export const RULE_FIELDS = ["resource", "sku", "account"] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const RULE_FIELD_LABELS: Record<RuleField, string> = { resource: "Resource", sku: "SKU or model", account: "Account" };
export const FULL_SHARE_BP = 10_000;

export type UnattributedReason = "untagged" | "unknown-tag";
export const UNATTRIBUTED_LABELS: Record<UnattributedReason, string> = {
  untagged: "No use-case tag and no rule",
  "unknown-tag": "Tagged with an external id no use case has",
};

export interface AttributionRule {
  field: RuleField;
  value: string;
  useCaseId: string;
  shareBp: number;
}

export interface SpendLine {
  month: string;
  category: ActualCategory;
  tag: string | null;
  resource: string;
  sku: string;
  account: string;
  cents: bigint;
}

export interface AttributedSpend {
  useCaseId: string | null;
  reason: UnattributedReason | null;
  month: string;
  category: ActualCategory;
  cents: bigint;
}

/** Rules that give more than 100% of one key are refused when saved; this says by how much. */
export function overAllocated(rules: readonly AttributionRule[]): { field: RuleField; value: string; shareBp: number }[] {
  const sums = new Map<string, { field: RuleField; value: string; shareBp: number }>();
  for (const r of rules) {
    const k = `${r.field}\u0001${r.value}`;
    const s = sums.get(k) ?? { field: r.field, value: r.value, shareBp: 0 };
    s.shareBp += r.shareBp;
    sums.set(k, s);
  }
  return [...sums.values()].filter((s) => s.shareBp > FULL_SHARE_BP);
}

export function createAttributor(rules: readonly AttributionRule[], useCaseByExternalId: ReadonlyMap<string, string>) {
  const byKey = new Map<string, AttributionRule[]>();
  for (const r of rules) {
    const k = `${r.field}\u0001${r.value}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const totals = new Map<string, AttributedSpend>();
  const add = (useCaseId: string | null, reason: UnattributedReason | null, line: SpendLine, cents: bigint) => {
    if (cents === 0n) return;
    const k = `${useCaseId ?? reason}\u0001${line.month}\u0001${line.category}`;
    const t = totals.get(k);
    if (t) t.cents += cents;
    else totals.set(k, { useCaseId, reason, month: line.month, category: line.category, cents });
  };
  return {
    add(line: SpendLine): void {
      if (line.tag !== null) {
        const id = useCaseByExternalId.get(line.tag);
        if (id) return add(id, null, line, line.cents);
      }
      for (const field of RULE_FIELDS) {
        const value = line[field];
        if (!value) continue;
        const matching = byKey.get(`${field}\u0001${value}`);
        if (!matching?.length) continue;
        const given = matching.reduce((n, r) => n + r.shareBp, 0);
        const rest = Math.max(0, FULL_SHARE_BP - given);
        const parts = apportion(line.cents, [...matching.map((r) => BigInt(r.shareBp)), BigInt(rest)]);
        matching.forEach((r, i) => add(r.useCaseId, null, line, parts[i]!));
        add(null, line.tag !== null ? "unknown-tag" : "untagged", line, parts[matching.length]!);
        return;
      }
      add(null, line.tag !== null ? "unknown-tag" : "untagged", line, line.cents);
    },
    result(): AttributedSpend[] {
      return [...totals.values()];
    },
  };
}

export function attribute(lines: Iterable<SpendLine>, rules: readonly AttributionRule[], useCaseByExternalId: ReadonlyMap<string, string>): AttributedSpend[] {
  const a = createAttributor(rules, useCaseByExternalId);
  for (const l of lines) a.add(l);
  return a.result();
}
