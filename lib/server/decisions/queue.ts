import "server-only";
import { approachFigure, decisionOptionNotes, type ApproachFigure, type OptionNotes } from "@/lib/domain/costing/options";
import { MANUAL_ESTIMATE_APPROACHES, type Approach } from "@/lib/domain/assessment";
import { lifecycleYears } from "@/lib/domain/costing/retired";
import { QUEUE_REASONS, queueReasons, sortQueue, type QueueReason } from "@/lib/domain/decisions/queue";
import type { DecisionState } from "@/lib/domain/decisions/workflow";
import { lastYearRunningFor } from "./budget";
import { DECISION_AUDIT } from "./review";
import { db, Prisma } from "../db";
import { withOrganizationScope } from "../rls";
import { listFlaggedUseCases, warningPhrases } from "../actuals/warnings";
import { ABSTAINED_SQL, defaultStartSql, lacksOf, TRAINING_LACKS_SQL } from "../use-cases/read";
import { isOwnerEstimate } from "@/lib/domain/costing/owner-estimate";
import { ownerEstimateBasis, readAssessment } from "../use-cases/mapping";
import { withSimulations, type ProjectionSummary } from "../projections";
import { lifecycleYearsSql, useCaseStartYear } from "../use-cases/start-year";

/**
 * "Needs a decision" (issue 20 item 1). The candidates come from two indexed, organization-scoped
 * reads, unioned: the rows matching the partial index
 * UseCaseRollup_decision_queue_idx (a recommendation and no decision, a decision unlike the
 * recommendation, a risk flag), and the use cases whose decision is in the workflow
 * (UseCaseDecision by organization and state); plus the use cases whose actual spend raises an
 * early warning (issue 21 item 4, lib/server/actuals/warnings.ts, worked out from the actuals
 * first and passed in as ids). Each use case is one line, whatever its reasons, sorted with the
 * rest by projected spend. The panels are the pure rule's
 * (lib/domain/decisions/queue.ts), written again as SQL (REASON_SQL) so that PostgreSQL counts them
 * and returns only the page: at 10,000 use cases, nearly all in the queue, sending every candidate
 * over to be labelled in JavaScript took about 0.5-0.8 s.
 */

export interface QueueItem {
  id: string;
  title: string;
  status: string;
  recommendedApproach: Approach | null;
  chosenApproach: Approach | null;
  riskFlags: string[];
  evidence: "none" | "provisional" | "assessed";
  agreementVotes: number;
  agreementVoters: number;
  /** How many frameworks did not vote (abstained, or turned off by the organization's weights). */
  abstained: number;
  /** Recommended as the sources' default starting approach while key answers are missing (a provisional score's basis and leaning). */
  defaultStart: boolean;
  /** Of a default start, the training prerequisites the answers say are missing (UseCaseDetail.trainingLacks). */
  trainingLacks: string[];
  /** Each approach's lifecycle cost and whether it can serve, as the decision's choices say it (lib/domain/costing/options.ts). */
  optionNotes: OptionNotes;
  spendCents: number | null;
  /** The spend leaves out costs whose figures are missing (an unanswered volume, say): "+ missing", never a whole figure. */
  spendIncomplete: boolean;
  /** The spend is the owner's manual yearly estimate times the years, not the cost model's projection. */
  spendManual: boolean;
  decisionState: DecisionState | null;
  proposedApproach: Approach | null;
  /**
   * While proposed: what the proposed approach costs over the lifecycle (base), as stored or, for
   * an approach the model prices only from the owner's estimate, as it will be once chosen; null:
   * not costed. The spend above is the approach chosen or recommended now, which may be another.
   */
  proposedSpend: ApproachFigure | null;
  /** proposedSpend's base (null: not costed), which the line is sorted by (queueFigure). */
  proposedSpendCents: number | null;
  /** While proposed: the notes the proposer wrote with it and who they are, for whoever approves from the line; else null. */
  proposal: { by: string; notes: string } | null;
  /** The decision's yearly budget: the run rate, cents (null: no figure, or no decision in the workflow). */
  yearlyBudgetCents: number | null;
  /** The decision's one-off build, spent in the first year only, on top of the yearly budget (cents; 0: nothing to build). */
  buildCents: number;
  /** While proposed: the proposed approach's last year as projected, its run rate (cents; null: no whole figure), for a run rate that grows. */
  lastYearCents: number | null;
  /** What the use case's projection lacks now, for a budget with no figure (lacksText). */
  missing: string[];
  /** The calendar year of the use case's first year of costs, when the build is spent. */
  buildYear: number;
  /** The years its lifecycle cost covers (its horizon, cut at its retirement). */
  lifecycleYears: number;
  reasons: QueueReason[];
  /** A decision to review: what changed since it was approved. */
  reviewReasons: string[];
  /** Its actual spend's early warnings, as said ("actual spend outside its range"). */
  warnings: string[];
}

interface PageRow {
  id: string;
  title: string;
  status: string;
  recommendedApproach: Approach | null;
  chosenApproach: Approach | null;
  riskFlags: string[] | null;
  evidence: "none" | "provisional" | "assessed";
  agreementVotes: number;
  agreementVoters: number;
  abstained: number;
  defaultStart: boolean;
  lacks: unknown;
  assessment: unknown;
  summary: unknown;
  manualEstimate: unknown;
  horizonYears: number;
  startDate: Date | null;
  createdAt: Date;
  retiredAt: Date | null;
  spend: bigint | null;
  incomplete: number;
  state: DecisionState | null;
  proposedApproach: Approach | null;
  proposalNotes: string | null;
  proposedById: string | null;
  budget: bigint | null;
  build: bigint | null;
  reviewReasons: string[] | null;
  lastYear: bigint | null;
}

export interface Queue {
  /** The page asked for: the use cases of the reasons asked, largest projected spend first. */
  items: QueueItem[];
  /** How many use cases the reasons asked hold in all (the page may show fewer). */
  total: number;
  counts: Record<QueueReason, number>;
}

/**
 * The rule of lib/domain/decisions/queue.ts (queueReasons), as SQL over the candidates (`r` the
 * rollup row, `d` the workflow row, `flagged` the ids of the use cases with early warnings), so
 * the database counts the panels and picks the page without sending every candidate over. tests/decisions-queue.test.ts holds the two to the same answers on the
 * demo portfolio (the counts from here, the panels from the pure rule).
 */
const reasonSql = (flagged: readonly string[]): Record<QueueReason, Prisma.Sql> => ({
  "awaiting-approval": Prisma.sql`(d.state = 'PROPOSED')`,
  "to-review": Prisma.sql`(d.state = 'TO_REVIEW')`,
  // Awaiting a decision (the SQL function, migration 20261206150000_awaits_decision_function) and not proposed: the rest of it awaits approval.
  undecided: Prisma.sql`("UseCase_awaitsDecision"(r.status, r."recommendedApproach", r."chosenApproach", d.state = 'SENT_BACK', d.state = 'PROPOSED') AND d.state IS DISTINCT FROM 'PROPOSED')`,
  differs: Prisma.sql`(r.status <> 'RETIRED' AND r."chosenApproach" IS NOT NULL AND r."recommendedApproach" IS NOT NULL AND r."chosenApproach" <> r."recommendedApproach")`,
  risk: Prisma.sql`(cardinality(r."riskFlags") > 0 AND r.status <> 'RETIRED')`,
  // The early warnings are worked out from the actuals in JavaScript (lib/server/actuals/warnings.ts); their ids come in.
  "early-warning": Prisma.sql`(r."useCaseId" = ANY(${[...flagged]}::text[]))`,
  budget: Prisma.sql`(d.state = 'APPROVED')`,
});

/**
 * The figure each line is sorted by, as lib/domain/decisions/queue.ts (queueFigure) says it: a
 * proposal's, the proposed approach's lifecycle base as its line shows it (approachFigure: the
 * stored projection's, else, for an approach the model prices only from the owner's estimate, the
 * estimate's base times the years, once the use case is assessed); any other line's, the spend as
 * chosen. It sorted proposals by the approach chosen or recommended, which the line names apart.
 */
const LIFECYCLE_YEARS_SQL = lifecycleYearsSql("u");
const QUEUE_FIGURE_SQL = Prisma.sql`(CASE WHEN d.state = 'PROPOSED' THEN COALESCE(
    (u."projectionSummary"->'approaches'->(d.approach::text)->'lifecycle'->>'base')::numeric::bigint,
    CASE WHEN d.approach::text = ANY(${[...MANUAL_ESTIMATE_APPROACHES]}::text[]) AND u."projectionSummary"->'approaches' <> '{}'::jsonb
          AND jsonb_typeof(u."manualEstimate"->'base') = 'number' AND ${LIFECYCLE_YEARS_SQL} >= 1
         THEN (u."manualEstimate"->>'base')::numeric::bigint * ${LIFECYCLE_YEARS_SQL} END)
  ELSE r."chosenBaseCents" END)`;

const CANDIDATES = (organizationId: string, flagged: readonly string[]) => Prisma.sql`
    WITH candidates AS (
      SELECT r."useCaseId" FROM "UseCaseRollup" r
       WHERE r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
         AND ((r."recommendedApproach" IS NOT NULL AND r."chosenApproach" IS NULL) OR r."chosenApproach" <> r."recommendedApproach" OR cardinality(r."riskFlags") > 0)
      UNION
      SELECT d."useCaseId" FROM "UseCaseDecision" d
       WHERE d."organizationId" = ${organizationId} AND d.state IN ('PROPOSED', 'APPROVED', 'TO_REVIEW', 'SENT_BACK')
      UNION
      SELECT unnest(${[...flagged]}::text[])
    )`;

const FROM = (organizationId: string) => Prisma.sql`
      FROM candidates c
      JOIN "UseCaseRollup" r ON r."useCaseId" = c."useCaseId" AND r."organizationId" = ${organizationId} AND r."deletedAt" IS NULL
      LEFT JOIN "UseCaseDecision" d ON d."useCaseId" = r."useCaseId" AND d."organizationId" = ${organizationId}`;

/**
 * The queue of one organization. `reasons`: which panels to list (all by default); `limit`: how
 * many lines to return. Two statements in one scoped transaction: the panels' counts, and the
 * page (largest projected spend first, not costed last), each line labelled by the pure rule;
 * then, when the page lists proposals with notes, their proposers' names.
 */
export async function readQueue(organizationId: string, opts: { reasons?: readonly QueueReason[]; limit?: number } = {}): Promise<Queue> {
  const wanted = opts.reasons?.length ? opts.reasons : QUEUE_REASONS;
  // Early warnings from the actual spend: one use case per line however many reasons it has.
  const flagged = new Map((await listFlaggedUseCases(organizationId)).map((f) => [f.useCaseId, f]));
  const flaggedIds = [...flagged.keys()];
  const REASON_SQL = reasonSql(flaggedIds);
  const wantedSql = Prisma.join(wanted.map((r) => REASON_SQL[r]), " OR ");
  const limit = Math.max(1, Math.min(opts.limit ?? 100_000, 100_000));
  const [countRows, page] = await db.$transaction(
    async (tx) => {
      await withOrganizationScope(tx, organizationId);
      const counts = await tx.$queryRaw<Record<string, bigint>[]>(Prisma.sql`${CANDIDATES(organizationId, flaggedIds)}
        SELECT ${Prisma.join(QUEUE_REASONS.map((r) => Prisma.sql`count(*) FILTER (WHERE ${REASON_SQL[r]}) AS ${Prisma.raw(`"${r}"`)}`), ", ")},
               count(*) FILTER (WHERE ${wantedSql}) AS "total"
        ${FROM(organizationId)}`);
      const rows = await tx.$queryRaw<PageRow[]>(Prisma.sql`${CANDIDATES(organizationId, flaggedIds)}
        SELECT r."useCaseId" AS id, u.title, r.status::text AS status, r."recommendedApproach"::text AS "recommendedApproach",
               r."chosenApproach"::text AS "chosenApproach", r."riskFlags", r.evidence::text AS evidence,
               u."agreementVotes", u."agreementVoters", ${ABSTAINED_SQL} AS abstained, ${defaultStartSql(Prisma.sql`r.evidence`, Prisma.sql`u.score`)} AS "defaultStart",
               ${TRAINING_LACKS_SQL(Prisma.sql`u.score`)} AS lacks,
               u."projectionSummary" AS summary, u.assessment, u."manualEstimate", u."horizonYears", u."startDate", u."createdAt", u."retiredAt",
               r."chosenBaseCents" AS spend, r.incomplete,
               d.state::text AS state, d.approach::text AS "proposedApproach", d."yearlyBudgetCents" AS budget, d."buildCents" AS build, d."reviewReasons",
               d.notes AS "proposalNotes", d."proposedById",
               -- A proposal's (or a budget awaiting finance's) last year as projected, past the first (its run rate: no one-off
               -- line after the first year), for ", rising to $Y".
               (SELECT CASE WHEN cy.complete THEN cy."baseCents" END FROM "CostYear" cy
                 WHERE d.state IN ('PROPOSED', 'APPROVED') AND cy."yearIndex" > 1 AND cy."organizationId" = ${organizationId} AND cy."useCaseId" = r."useCaseId" AND cy.approach = d.approach
                 ORDER BY cy."yearIndex" DESC LIMIT 1) AS "lastYear"
        ${FROM(organizationId)}
        JOIN "UseCase" u ON u.id = r."useCaseId" AND u."organizationId" = ${organizationId}
        WHERE ${wantedSql}
        ORDER BY ${QUEUE_FIGURE_SQL} DESC NULLS LAST, r."useCaseId"
        LIMIT ${limit}`);
      return [counts, rows] as const;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  // Who wrote the notes of the proposals listed (a member's name, else "a former member", as the Decision tab says it).
  const proposerIds = [...new Set(page.filter((r) => r.state === "PROPOSED" && r.proposalNotes?.trim() && r.proposedById).map((r) => r.proposedById!))];
  const proposers = proposerIds.length
    ? await db.user.findMany({ where: { id: { in: proposerIds }, memberships: { some: { organizationId } } }, select: { id: true, name: true } })
    : [];
  const proposerName = (id: string | null) => proposers.find((u) => u.id === id)?.name ?? "a former member";
  // Where the words for the two cheapest wait on the Monte Carlo (rare), it is run as the use case's page runs it.
  const summaries = await withSimulations(organizationId, page.map((r) => ({ id: r.id, summary: r.summary as ProjectionSummary | null })));
  const c = countRows[0] ?? {};
  const counts = Object.fromEntries(QUEUE_REASONS.map((r) => [r, Number(c[r] ?? 0)])) as Record<QueueReason, number>;
  const items = sortQueue(
    page.map((r) => {
      const warning = flagged.get(r.id);
      const summary = summaries.get(r.id) as Parameters<typeof decisionOptionNotes>[0];
      const owner = ownerEstimateBasis(r);
      const proposedSpend = r.state === "PROPOSED" && r.proposedApproach ? approachFigure(summary, r.proposedApproach, owner) : null;
      const startYear = useCaseStartYear(r);
      const facts = { status: r.status, recommendedApproach: r.recommendedApproach, chosenApproach: r.chosenApproach, riskFlags: r.riskFlags ?? [], decisionState: r.state, warningFlags: warning?.flags ?? [] };
      return {
        ...facts,
        id: r.id,
        title: r.title,
        evidence: r.evidence,
        agreementVotes: r.agreementVotes,
        agreementVoters: r.agreementVoters,
        abstained: r.abstained,
        defaultStart: r.defaultStart === true,
        trainingLacks: r.defaultStart === true ? lacksOf(r.lacks) : [],
        optionNotes: decisionOptionNotes(summary, owner, readAssessment(r.assessment)),
        missing: ((summary as { missing?: string[] } | null)?.missing ?? []) as string[],
        spendCents: r.spend === null ? null : Number(r.spend),
        // Bit 1 of the rollup's incomplete: as chosen, a figure is missing.
        spendIncomplete: r.spend !== null && (r.incomplete & 1) === 1,
        spendManual: r.spend !== null && isOwnerEstimate(r.summary, r.chosenApproach ?? r.recommendedApproach),
        proposedApproach: r.proposedApproach,
        proposedSpend,
        proposedSpendCents: proposedSpend?.base ?? null,
        proposal: r.state === "PROPOSED" && r.proposalNotes?.trim() ? { by: proposerName(r.proposedById), notes: r.proposalNotes } : null,
        yearlyBudgetCents: r.budget === null ? null : Number(r.budget),
        buildCents: r.build === null ? 0 : Number(r.build),
        lastYearCents: r.lastYear === null ? null : Number(r.lastYear),
        buildYear: startYear,
        lifecycleYears: lifecycleYears({ horizonYears: r.horizonYears, startYear, retiredYear: r.retiredAt?.getUTCFullYear() ?? null }),
        reasons: queueReasons(facts),
        reviewReasons: r.state === "TO_REVIEW" ? (r.reviewReasons ?? []) : [],
        warnings: warning ? warningPhrases(warning) : [],
      };
    }),
  );
  return { items, total: Number(c.total ?? 0), counts };
}

/** The workflow row of one use case, with names, for its Decision tab. */
export async function readDecisionWorkflow(organizationId: string, useCaseId: string) {
  const d = await db.useCaseDecision.findFirst({ where: { organizationId, useCaseId }, include: { useCase: { select: { startDate: true, createdAt: true, projectionSummary: true } } } });
  if (!d) return null;
  const ids = [d.proposedById, d.decidedById, d.budgetApprovedById, d.supersededById].filter((x): x is string => !!x);
  // Since the proposal, the times its budget was taken from the projection again (./budget.ts): the
  // first says what was proposed, the last when and after whose change the figure shown was taken.
  const refreshed = await db.auditEvent.findMany({
    where: { organizationId, entity: "UseCase", entityId: useCaseId, action: DECISION_AUDIT.budgetRefreshed, at: { gte: d.proposedAt } },
    select: { at: true, actorId: true, before: true },
    orderBy: { at: "asc" },
  });
  const last = refreshed.at(-1);
  if (last?.actorId) ids.push(last.actorId);
  const [users, lastYearCents] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids }, memberships: { some: { organizationId } } }, select: { id: true, name: true } }),
    // The last year's run rate, so a growing one reads ", rising to …" here as in the queue (budgetText).
    lastYearRunningFor(db, organizationId, useCaseId, d.approach as Approach),
  ]);
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? "a former member") : null);
  const proposedText = (refreshed[0]?.before as { yearlyBudget?: unknown } | null)?.yearlyBudget;
  return {
    state: d.state as DecisionState,
    approach: d.approach as Approach,
    notes: d.notes,
    yearlyBudgetCents: d.yearlyBudgetCents === null ? null : Number(d.yearlyBudgetCents),
    buildCents: Number(d.buildCents),
    /** The calendar year of the use case's first year of costs, when its one-off build is spent. */
    buildYear: useCaseStartYear(d.useCase),
    /** What the use case's projection lacks now (its stored summary's `missing`), for a budget with no figure. */
    missing: ((d.useCase.projectionSummary as { missing?: string[] } | null)?.missing ?? []) as string[],
    /** The last year's run rate (cents) where the projection has more than one year; else null. */
    lastYearCents,
    proposedBy: name(d.proposedById),
    proposedAt: d.proposedAt,
    /** Where the budget was taken from the projection again since the proposal: the budget as proposed, and the last time, after whose change (null: the system's). */
    budgetRefreshed: last ? { proposed: typeof proposedText === "string" ? proposedText : null, at: last.at, by: name(last.actorId) } : null,
    decidedBy: name(d.decidedById),
    decidedAt: d.decidedAt,
    sentBackReason: d.sentBackReason,
    budgetApprovedBy: name(d.budgetApprovedById),
    budgetApprovedAt: d.budgetApprovedAt,
    reviewReasons: d.reviewReasons,
    supersededBy: name(d.supersededById),
    supersededAt: d.supersededAt,
    supersededByApproach: d.supersededByApproach as Approach | null,
  };
}
export type DecisionWorkflow = NonNullable<Awaited<ReturnType<typeof readDecisionWorkflow>>>;
