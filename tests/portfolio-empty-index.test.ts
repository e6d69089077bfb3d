/**
 * The portfolio's scenarios and two reasons an approach cannot serve that its rollup left out until
 * migration 20261207220000_rollup_empty_index: an index with nothing to retrieve (RAG and the hybrid
 * where the answers give no documents and expertise that cannot be documented; cost engine 2.17)
 * and a prompted base model that was tried and fell short. Through the real save path (score,
 * project, write, the rollup and its kept sums).
 */
import { describe, expect, it } from "vitest";
import { createUseCase, recordDecision } from "@/app/o/[org]/use-cases/actions";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import type { ScenarioName } from "@/lib/domain/portfolio/types";
import { loadDashboard } from "@/lib/server/portfolio/dashboard";
import { useCasePanelsFromRollup } from "@/lib/server/portfolio/panels/use-cases";
import { FINE_TUNING_CASE } from "./helpers/answers";
import { createTestOrg } from "./helpers/factory";
import { runAs } from "./helpers/session";

type Result = { ok: boolean; data?: { id: string; version: number } };

describe("a classifier with nothing to retrieve, in the portfolio's scenarios", () => {
  it("counts Everything RAG and Everything hybrid as unable to serve it, and a chosen prompting that fell short too", async () => {
    const org = await createTestOrg("empty-index");
    // 002's classifier, no style to keep, no documents, expertise not documented, a prompted model tried and short.
    const r = (await runAs(org.users.LEAD.id, () =>
      createUseCase(org.slug, { title: "Claims triage classifier", startDate: "2027-01-01", horizonYears: 3, assessment: { ...FINE_TUNING_CASE, needsStyleOrFormat: false, monthlyCalls: 18_000 } }),
    )) as Result;
    expect(r.ok).toBe(true);

    const counts = async () => {
      const d = await loadDashboard(org.id, EMPTY_FILTER);
      const summary = (s: ScenarioName) => d.scenarioSummaries.find((x) => x.scenario === s)!;
      const fromSums = [summary("chosen").infeasible, summary("recommended").infeasible, summary("RAG").infeasible, summary("FINE_TUNING").infeasible, summary("HYBRID").infeasible];
      // A scan of the rollup (the filtered path) counts it as the kept sums do.
      const scan = (await useCasePanelsFromRollup(org.id, EMPTY_FILTER)).infeasible;
      expect([scan.chosen, scan.recommended, scan.RAG, scan.FINE_TUNING, scan.HYBRID]).toEqual(fromSums);
      return { fromSums, d };
    };
    // Fine-tuning is recommended (and so "as chosen"); RAG and the hybrid have an empty index.
    const before = await counts();
    expect(before.fromSums).toEqual([0, 0, 1, 0, 1]);
    expect(before.d.savings.find((s) => s.scenario === "RAG" && s.against === "recommended")).toMatchObject({ infeasible: 1 });

    // The organization chooses prompting alone, which was tried and fell short: "as chosen" cannot serve it either.
    const decided = (await runAs(org.users.EXECUTIVE.id, () => recordDecision(org.slug, { id: r.data!.id, expectedVersion: r.data!.version, chosenApproach: "PROMPTING", decisionNotes: "" }))) as Result;
    expect(decided.ok).toBe(true);
    expect((await counts()).fromSums).toEqual([1, 0, 1, 0, 1]);
  });
});
