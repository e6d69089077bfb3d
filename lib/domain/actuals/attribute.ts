/**
 * Attribution: which use case each line of actual spend belongs to.
 *
 * 1. A line whose use-case tag names a use case's external id belongs to it, all of it: the id
 *    exactly, else the one id it matches ignoring letter case (A–Z) and surrounding spaces
 *    ("ai-006" for "AI-006"). When two ids differ only so ("AI-006" and "Ai-006"), a tag that is
 *    neither exactly is ambiguous and stays unattributed, said as such (createTagResolver).
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

/** A tag or external id as the loose match compares them: surrounding spaces off, A–Z lower-cased (the same in SQL: foldedTagSql). */
export function foldTag(s: string): string {
  return s.replace(/^ +| +$/g, "").replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Which use case a tag names: its external id exactly, else the only one equal to it ignoring
 * letter case and surrounding spaces. `ambiguous`: the external ids it matches so when there are
 * several (none taken: the bill must say which).
 */
export function createTagResolver(useCaseByExternalId: ReadonlyMap<string, string>) {
  const folded = new Map<string, { useCaseId: string; externalIds: string[] }>();
  for (const [externalId, useCaseId] of useCaseByExternalId) {
    const k = foldTag(externalId);
    const f = folded.get(k);
    if (f) f.externalIds.push(externalId);
    else folded.set(k, { useCaseId, externalIds: [externalId] });
  }
  return (tag: string): { useCaseId: string | null; ambiguous: string[] } => {
    const exact = useCaseByExternalId.get(tag);
    if (exact) return { useCaseId: exact, ambiguous: [] };
    const f = folded.get(foldTag(tag));
    if (!f) return { useCaseId: null, ambiguous: [] };
    return f.externalIds.length === 1 ? { useCaseId: f.useCaseId, ambiguous: [] } : { useCaseId: null, ambiguous: [...f.externalIds].sort() };
  };
}

/**
 * How one line splits: its parts, each to a use case or unattributed with its reason (zero parts
 * left out). What createAttributor sums per month and category, and what the actuals page sums
 * per source to say where the unattributed spend comes from (a share's remainder included).
 */
export function createSplitter(rules: readonly AttributionRule[], useCaseByExternalId: ReadonlyMap<string, string>) {
  const byKey = new Map<string, AttributionRule[]>();
  for (const r of rules) {
    const k = `${r.field}\u0001${r.value}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const resolve = createTagResolver(useCaseByExternalId);
  return (line: Pick<SpendLine, "tag" | "resource" | "sku" | "account" | "cents">): { useCaseId: string | null; reason: UnattributedReason | null; cents: bigint }[] => {
    const unattributed = (cents: bigint) => ({ useCaseId: null, reason: (line.tag !== null ? "unknown-tag" : "untagged") as UnattributedReason, cents });
    if (line.tag !== null) {
      const id = resolve(line.tag).useCaseId;
      if (id) return line.cents === 0n ? [] : [{ useCaseId: id, reason: null, cents: line.cents }];
    }
    for (const field of RULE_FIELDS) {
      const value = line[field];
      if (!value) continue;
      const matching = byKey.get(`${field}\u0001${value}`);
      if (!matching?.length) continue;
      const given = matching.reduce((n, r) => n + r.shareBp, 0);
      const rest = Math.max(0, FULL_SHARE_BP - given);
      const parts = apportion(line.cents, [...matching.map((r) => BigInt(r.shareBp)), BigInt(rest)]);
      const out: { useCaseId: string | null; reason: UnattributedReason | null; cents: bigint }[] = matching.map((r, i) => ({ useCaseId: r.useCaseId, reason: null, cents: parts[i]! }));
      out.push(unattributed(parts[matching.length]!));
      return out.filter((p) => p.cents !== 0n);
    }
    return line.cents === 0n ? [] : [unattributed(line.cents)];
  };
}

export function createAttributor(rules: readonly AttributionRule[], useCaseByExternalId: ReadonlyMap<string, string>) {
  const split = createSplitter(rules, useCaseByExternalId);
  const totals = new Map<string, AttributedSpend>();
  return {
    add(line: SpendLine): void {
      for (const { useCaseId, reason, cents } of split(line)) {
        const k = `${useCaseId ?? reason}\u0001${line.month}\u0001${line.category}`;
        const t = totals.get(k);
        if (t) t.cents += cents;
        else totals.set(k, { useCaseId, reason, month: line.month, category: line.category, cents });
      }
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
