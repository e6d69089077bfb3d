/**
 * Empty cells in an import (docs/decisions/csv-import.md, "Semantics"): an update keeps what is
 * stored, a new use case takes the schema's default, and the check's preview says which defaults a
 * new row takes ("Status: Idea"), so that nothing is set without the person seeing it first.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportView } from "@/app/o/[org]/use-cases/import/_components/report-view";
import { fieldGuideRows } from "@/lib/domain/import";
import { db } from "@/lib/server/db";
import { createTestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";
import { checkLikeTheBrowser, commit, csv, H, templateMapping, tRow } from "./import-helpers";

describe("an empty status cell", () => {
  it("keeps the stored status in an update (by external id or by title) and gives a new row Idea, which the preview says", async () => {
    const org = await createTestOrg("import-empty-status");
    signInAs(org.users.ADMIN.id);
    await commit(org, csv([H, tRow({ title: "Claims triage", externalId: "S-1", status: "LIVE", horizonYears: "3" }), tRow({ title: "Contract reader", businessUnit: "Legal", status: "Retired" })]), templateMapping());

    const again = csv([
      H,
      tRow({ title: "Claims triage", externalId: "S-1", description: "Now with appeals" }),
      tRow({ title: "Contract reader", businessUnit: "Legal", description: "Reads NDAs" }),
      tRow({ title: "Invoice matcher", externalId: "S-3", startDate: "2024" }),
      tRow({ title: "Fraud signals", externalId: "S-4", status: "In production", startDate: "Q3 2027", businessUnit: "Risk" }),
    ]);
    const { report } = await checkLikeTheBrowser(org.slug, new TextEncoder().encode(again), templateMapping());
    expect(report.outcomes).toEqual([
      { row: 2, outcome: "update", title: "Claims triage", changes: [{ field: "description", label: "Description", before: "—", after: "Now with appeals" }] },
      { row: 3, outcome: "update", title: "Contract reader", changes: [{ field: "description", label: "Description", before: "—", after: "Reads NDAs" }] },
      { row: 4, outcome: "create", title: "Invoice matcher", read: ["Planned start: “2024” → 1 Jan 2024 (a year, from its first day)"], defaults: ["Status: Idea (no status given)", "Horizon: 5 years (none given)"] },
      {
        row: 5,
        outcome: "create",
        title: "Fraud signals",
        read: ["Business unit: Risk", "Status: “In production” → Live", "Planned start: “Q3 2027” → 1 Jul 2027 (a quarter, from its first day)"],
        defaults: ["Horizon: 5 years (none given)"],
      },
    ]);
    // what the person sees under the new row, before anything is saved
    const html = renderToStaticMarkup(createElement(ReportView, { report, listHref: "/list" }));
    expect(html).toContain("Empty in the file, so the new use case takes: Status: Idea (no status given); Horizon: 5 years (none given).");
    // and how each new row's cells were read, so a date or status read differently can be caught first
    expect(html).toContain("Read as: Business unit: Risk; Status: “In production” → Live; Planned start: “Q3 2027” → 1 Jul 2027 (a quarter, from its first day).");

    expect(await commit(org, again, templateMapping())).toMatchObject({ committed: true, created: 2, updated: 2 });
    const by = async (title: string) => db.useCase.findFirstOrThrow({ where: { organizationId: org.id, title }, select: { status: true, horizonYears: true } });
    expect(await by("Claims triage")).toEqual({ status: "LIVE", horizonYears: 3 });
    expect(await by("Contract reader")).toEqual({ status: "RETIRED", horizonYears: 5 });
    expect(await by("Invoice matcher")).toEqual({ status: "IDEA", horizonYears: 5 });
    expect(await by("Fraud signals")).toEqual({ status: "LIVE", horizonYears: 5 });
    // stored as the preview said
    const starts = await db.useCase.findMany({ where: { organizationId: org.id, title: { in: ["Invoice matcher", "Fraud signals"] } }, orderBy: { title: "asc" }, select: { startDate: true, startDatePrecision: true } });
    expect(starts.map((u) => [u.startDate?.toISOString().slice(0, 10), u.startDatePrecision])).toEqual([["2027-07-01", "MONTH"], ["2024-01-01", "YEAR"]]);
  });

  it("the field guide says what an empty cell does in an update, not only for a new use case", () => {
    const format = (key: string) => fieldGuideRows().find((r) => r[0] === key)![3];
    expect(format("status")).toMatch(/empty: IDEA for a new use case, unchanged in an update$/);
    expect(format("horizonYears")).toMatch(/empty: 5 for a new use case, unchanged in an update$/);
    expect(format("highImpact")).toMatch(/empty: not recorded \(a new use case\) or unchanged \(an update\)$/);
  });
});
