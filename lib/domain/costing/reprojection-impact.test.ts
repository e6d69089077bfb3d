import { describe, expect, it } from "vitest";
import { dollars } from "../money";
import { asChosenBaseCents, asChosenIncomplete, moveText, reprojectionImpact, reprojectionSentences, rerecommendedText, savedHeadline, type RepricedUseCase } from "./reprojection-impact";
import type { Projection } from "./project";

const uc = (id: string, title: string, before: number | null, after: number | null): RepricedUseCase => ({ id, title, before, after });

describe("what re-pricing the portfolio did", () => {
  it("totals before and after, counts the use cases that moved and names the largest moves first", () => {
    const i = reprojectionImpact([
      uc("a", "Support bot", 1_000_000_00, 1_100_000_00), // +$100,000
      uc("b", "Contract search", 500_000_00, 300_000_00), // −$200,000
      uc("c", "Invoice triage", 200_000_00, 200_000_00), // unchanged
      uc("d", "Email drafts", 50_000_00, 60_000_00), // +$10,000
      uc("e", "Archive", null, null), // not costed either side
      uc("f", "Ticket routing", 10_000_00, 15_000_00), // +$5,000
    ]);
    expect(i.total).toEqual({ before: 1_760_000_00, after: 1_675_000_00, costedBefore: 5, costedAfter: 5, incompleteBefore: 0, incompleteAfter: 0 });
    expect(i.useCases).toBe(6);
    expect(i.moved).toBe(4);
    expect(i.most.map((m) => m.title)).toEqual(["Contract search", "Support bot", "Email drafts"]);
    const s = reprojectionSentences(i, dollars);
    expect(s.total).toBe("The lifecycle total as chosen moved from $1,760,000 to $1,675,000 (−$85,000; 5 use cases costed).");
    expect(s.moved).toBe("4 of the 5 use cases costed have a new lifecycle cost; the 3 that moved most:");
    expect(s.rerecommended).toBe("");
    expect(i.most.map((m) => moveText(m, dollars))).toEqual(["$500,000 → $300,000 (−$200,000)", "$1,000,000 → $1,100,000 (+$100,000)", "$50,000 → $60,000 (+$10,000)"]);
  });

  it("counts a use case that gains or loses a cost as moved, and says how many are costed before and now", () => {
    const i = reprojectionImpact([uc("a", "Support bot", null, 40_000_00), uc("b", "Contract search", 25_000_00, null), uc("c", "Invoice triage", 10_000_00, 10_000_00)]);
    expect(i.total).toEqual({ before: 35_000_00, after: 50_000_00, costedBefore: 2, costedAfter: 2, incompleteBefore: 0, incompleteAfter: 0 });
    expect(i.moved).toBe(2);
    expect(i.most.map((m) => moveText(m, dollars))).toEqual(["not costed → $40,000", "$25,000 → not costed"]);
    expect(reprojectionSentences(i, dollars).moved).toBe("2 of the 3 use cases costed have a new lifecycle cost:");
    const j = reprojectionImpact([uc("a", "Support bot", null, 40_000_00), uc("c", "Invoice triage", 10_000_00, 10_000_00)]);
    expect(reprojectionSentences(j, dollars).total).toBe("The lifecycle total as chosen moved from $10,000 to $50,000 (+$40,000; 1 use case costed before, 2 now).");
  });

  it("says nothing moved when no use case's lifecycle cost changed", () => {
    const i = reprojectionImpact([uc("a", "Support bot", 12_345_67, 12_345_67), uc("b", "Archive", null, null)]);
    expect(i.moved).toBe(0);
    expect(i.most).toEqual([]);
    expect(reprojectionSentences(i, dollars)).toEqual({
      total: "Nothing moved: the lifecycle total as chosen stays at $12,346 (1 use case costed).",
      moved: "",
      rerecommended: "",
      missing: "",
    });
    expect(reprojectionSentences(reprojectionImpact([]), dollars).total).toBe("There are no use cases yet: nothing moved.");
  });

  it("orders equal moves by title as the app lists them, whatever order they came in", () => {
    const i = reprojectionImpact([uc("z", "Zebra", 100, 200), uc("e", "Éclair", 100, 200), uc("a", "apple", 100, 200), uc("m", "Mango", 100, 200)]);
    expect(i.most.map((m) => m.title)).toEqual(["apple", "Éclair", "Mango"]);
    expect(reprojectionSentences(i, dollars).moved).toBe("All 4 use cases costed have a new lifecycle cost; the 3 that moved most:");
  });

  it("keeps a move that cancels out another in the count while the total stays", () => {
    const i = reprojectionImpact([uc("a", "Support bot", 100_00, 200_00), uc("b", "Contract search", 200_00, 100_00)]);
    expect(i.moved).toBe(2);
    expect(reprojectionSentences(i, dollars).total).toBe("The lifecycle total as chosen stays at $300 (2 use cases costed).");
  });

  it("says the same in the conditional for a preview, before anything is saved", () => {
    const i = reprojectionImpact([uc("a", "Support bot", 1_000_000_00, 1_100_000_00), uc("b", "Contract search", 500_000_00, 300_000_00), uc("c", "Archive", null, 40_000_00)]);
    expect(reprojectionSentences(i, dollars, "preview")).toEqual({
      total: "The lifecycle total as chosen would move from $1,500,000 to $1,440,000 (−$60,000; 2 use cases costed now, 3 after).",
      moved: "All 3 use cases costed would have a new lifecycle cost:",
      rerecommended: "",
      missing: "",
    });
    const still = reprojectionImpact([uc("a", "Support bot", 100_00, 100_00)]);
    expect(reprojectionSentences(still, dollars, "preview")).toEqual({
      total: "Nothing would move: the lifecycle total as chosen would stay at $100 (1 use case costed).",
      moved: "",
      rerecommended: "",
      missing: "",
    });
    expect(reprojectionSentences(reprojectionImpact([]), dollars, "preview").total).toBe("There are no use cases yet: nothing would move.");
  });

  it("never reads a blanked figure as a saving: says how many would lack a figure, and shows no change for them", () => {
    const partial = (id: string, title: string, before: number, after: number, was: boolean, will: boolean): RepricedUseCase => ({ ...uc(id, title, before, after), incomplete: { before: was, after: will } });
    // A retraining figure blanked: two use cases lose their retraining lines and now lack a figure.
    const i = reprojectionImpact([
      partial("a", "Adjuster assistant", 1_947_193_00, 747_193_00, false, true),
      partial("b", "Policy answers", 900_000_00, 600_000_00, false, true),
      partial("c", "Invoice triage", 200_000_00, 200_000_00, false, false),
      partial("d", "Broker replies", 80_000_00, 80_000_00, true, true),
    ]);
    expect(i.total).toMatchObject({ incompleteBefore: 1, incompleteAfter: 3 });
    expect(reprojectionSentences(i, dollars, "preview").missing).toBe(
      "3 use cases costed would lack a figure (1 now): their totals leave out the cost whose figure is missing (it is not $0), so part of any fall in the total above is cost no longer counted, not a saving.",
    );
    expect(reprojectionSentences(i, dollars).missing).toBe(
      "3 use cases costed lack a figure (3 now, 1 before): their totals leave out the cost whose figure is missing (it is not $0), so part of any fall in the total above is cost no longer counted, not a saving.",
    );
    expect(i.most.map((m) => moveText(m, dollars))).toEqual(["$1,947,193 → $747,193 + missing", "$900,000 → $600,000 + missing"]);
    // A figure restored: the use cases are whole again, and it says so.
    const restored = reprojectionImpact([partial("a", "Adjuster assistant", 747_193_00, 1_947_193_00, true, false)]);
    expect(reprojectionSentences(restored, dollars).missing).toBe("No use case costed lacks a figure now (1 did before).");
    expect(reprojectionSentences(restored, dollars, "preview").missing).toBe("No use case costed would lack a figure (1 does now).");
    // Unchanged amounts but newly incomplete still count as moved.
    expect(reprojectionImpact([partial("x", "X", 100, 100, false, true)]).moved).toBe(1);
  });

  it("reads a projection's lifecycle as chosen as incomplete when any year lacks a figure", () => {
    const yearly = (complete: boolean[]) => complete.map((c) => ({ low: 1, base: 1, high: 1, complete: c }));
    const p = { approaches: { RAG: { yearly: yearly([true, true]) }, FINE_TUNING: { yearly: yearly([true, false]) } } } as unknown as Projection;
    expect(asChosenIncomplete(p, "RAG")).toBe(false);
    expect(asChosenIncomplete(p, "FINE_TUNING")).toBe(true);
    expect(asChosenIncomplete(p, null)).toBe(false);
  });

  it("names the use cases whose recommendation the new figures change, in title order, and counts the rest", () => {
    const rec = (id: string, title: string, before: RepricedUseCase["recommended"]): RepricedUseCase => ({ ...uc(id, title, 100, 100), recommended: before });
    const i = reprojectionImpact([
      rec("z", "Zebra", { before: "HYBRID", after: "FINE_TUNING" }),
      rec("a", "apple", { before: "RAG", after: null }),
      rec("m", "Mango", { before: "RAG", after: "RAG" }),
      rec("e", "Éclair", { before: null, after: "PROMPTING" }),
      rec("k", "Kiwi", { before: "FINE_TUNING", after: "RAG" }),
      uc("n", "Not read", 100, 100),
    ]);
    expect(i.rerecommended).toBe(4);
    expect(i.rerecommendedFirst.map((r) => r.title)).toEqual(["apple", "Éclair", "Kiwi"]);
    expect(rerecommendedText(i, "preview")).toBe(
      "The recommendation would change for 4 use cases: apple (RAG → no recommendation), Éclair (no recommendation → Prompting only), Kiwi (Fine-tuning → RAG), and 1 other.",
    );
    expect(reprojectionSentences(i, dollars).rerecommended).toBe(
      "The recommendation changed for 4 use cases: apple (RAG → no recommendation), Éclair (no recommendation → Prompting only), Kiwi (Fine-tuning → RAG), and 1 other.",
    );
    // Compared and unchanged: said, so "nothing moved" is not read as "not looked at".
    expect(rerecommendedText(reprojectionImpact([rec("m", "Mango", { before: "RAG", after: "RAG" })]))).toBe("No recommendation changed.");
    expect(reprojectionSentences(reprojectionImpact([rec("m", "Mango", { before: "RAG", after: "RAG" })]), dollars, "preview").rerecommended).toBe("No recommendation would change.");
    // Not compared (no recommendation read): nothing said.
    expect(rerecommendedText(reprojectionImpact([uc("n", "Not read", 100, 100)]))).toBe("");
  });

  it("reads a use case's lifecycle as chosen as the sum of its approach's yearly base totals, and none where it is not projected", () => {
    const year = (yearIndex: number, base: number) => ({ yearIndex, calendarYear: 2026 + yearIndex, low: base - 1, base, high: base + 1, complete: true });
    const projection = { approaches: { RAG: { yearly: [year(1, 1_000_00), year(2, 250_50), year(3, 250_49)] } } } as unknown as Pick<Projection, "approaches">;
    expect(asChosenBaseCents(projection, "RAG")).toBe(1_500_99);
    expect(asChosenBaseCents(projection, "HYBRID")).toBeNull();
    expect(asChosenBaseCents(projection, null)).toBeNull();
    expect(asChosenBaseCents({ approaches: {} }, "RAG")).toBeNull();
  });

  it("gives each change as the difference of the two whole-dollar figures shown beside it", () => {
    // $1,885,702.49 → $2,007,035.50: shown as $1,885,702 → $2,007,036, so +$121,334 (the cents differ by $121,333.01).
    const one = uc("a", "Support bot", 188_570_249, 200_703_550);
    expect(moveText(one, dollars)).toBe("$1,885,702 → $2,007,036 (+$121,334)");
    const down = uc("b", "Contract search", 200_703_550, 188_570_249);
    expect(moveText(down, dollars)).toBe("$2,007,036 → $1,885,702 (−$121,334)");
    const i = reprojectionImpact([one]);
    expect(reprojectionSentences(i, dollars).total).toBe("The lifecycle total as chosen moved from $1,885,702 to $2,007,036 (+$121,334; 1 use case costed).");
    expect(reprojectionSentences(i, dollars).moved).toBe("The one use case costed has a new lifecycle cost:");
  });

  it("says how many use cases a save re-projected, and how many of them are in the trash and left out of the figures", () => {
    expect(savedHeadline(2, 30, { useCases: 29 })).toBe("Saved version 2; 30 use cases re-projected, 1 of them in the trash and not counted below.");
    expect(savedHeadline(3, 1_204, { useCases: 1_200 })).toBe("Saved version 3; 1,204 use cases re-projected, 4 of them in the trash and not counted below.");
    expect(savedHeadline(1, 1, { useCases: 1 })).toBe("Saved version 1; 1 use case re-projected.");
  });
});
