/** The list's count under the table: "1–1 of 1 use case", never "of 1 use cases". */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { PathnameContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { DEFAULT_LIST_QUERY } from "@/lib/domain/use-case-list";
import { UseCaseTable, type ListRow } from "@/app/o/[org]/use-cases/_components/use-case-table";

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
const row = (i: number): ListRow => ({
  id: `uc${i}`, href: `/o/acme/use-cases/uc${i}`, title: `Use case ${i}`, businessUnit: "", ownerName: "Lee", status: "IDEA",
  recommendedApproach: null, evidence: "none", agreement: null, chosenApproach: null, riskFlagCount: 0, updatedAt: "2026-01-01T00:00:00.000Z",
  lifecycleBaseCents: null, lifecycleIncomplete: false, lifecycleManual: false,
});
function countText(rows: ListRow[], total: number): string {
  const html = renderToStaticMarkup(
    createElement(AppRouterContext.Provider, { value: router },
      createElement(PathnameContext.Provider, { value: "/o/acme/use-cases" },
        createElement(UseCaseTable, { rows, total, query: DEFAULT_LIST_QUERY, options: { businessUnits: [], owners: [] }, canCreate: true, newHref: "/o/acme/use-cases/new" }))),
  );
  return html.match(/data-testid="list-count">([^<]*)</)![1]!;
}

describe("the use-case list's count", () => {
  it("is singular for one use case and plural for more", () => {
    expect(countText([row(1)], 1)).toBe("1–1 of 1 use case");
    expect(countText([row(1), row(2)], 2)).toBe("1–2 of 2 use cases");
    expect(countText(Array.from({ length: 25 }, (_, i) => row(i)), 1234)).toBe("1–25 of 1,234 use cases");
    expect(countText([], 0)).toBe("0 use cases");
  });
});
