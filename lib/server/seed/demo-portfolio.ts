/**
 * The demo organization's portfolio: Kestrel Mutual, a mid-sized insurer, and the AI use cases its
 * business units have logged. Hand-written so a newcomer reads a believable portfolio: each use
 * case has a description, answers (complete, or partial for ideas still being scoped), and a
 * decision in one of several states (decided as recommended, decided against the frameworks,
 * not yet decided). Approaches the cost model cannot price (agents, pipelines, feedback learning)
 * carry a manual yearly estimate, except one, so the portfolio shows how a use case with no cost
 * is reported. The benchmarks' generated portfolio is separate (scripts/bench/generate.ts).
 */
import type { Approach, Assessment } from "@/lib/domain/assessment";
import type { Status } from "@/lib/domain/use-case";

export interface DemoUseCase {
  title: string;
  businessUnit: string;
  status: Status;
  description: string;
  startDate: string | null;
  horizonYears: number;
  assessment: Assessment;
  /** A decision: an approach, "recommended" (take the frameworks' recommendation), or none yet. */
  decision: Approach | "recommended" | null;
  decisionNotes?: string;
  /** Yearly cost in cents, for approaches the cost model cannot price. */
  manualEstimate?: { low: number; base: number; high: number };
  /** When a retired use case was switched off (its projection stops at the end of that year); else the seed's time. */
  retiredOn?: string;
  /** Logged by the admin (else by the project lead). */
  byAdmin?: boolean;
  /**
   * Where it stands in the approval workflow (issue 20), seeded through it: "proposed" by the lead
   * (the recommendation), "approved" by the executive (its budget awaiting finance), or "to-review":
   * approved by the executive on the answers in `approvedOn`, then the lead's answers changed.
   */
  workflow?: "proposed" | "approved" | "to-review";
  approvedOn?: Partial<Assessment>;
}

/** What most of Kestrel's answers share; each use case says where it differs. */
const TYPICAL: Assessment = {
  changeFrequency: "monthly",
  maxLagDays: 30,
  coreNeed: "retrieval",
  needsStyleOrFormat: false,
  needsCitations: false,
  fitsContextWindow: false,
  corpusDocuments: 5_000,
  labeledExamples: 0,
  latencySensitive: false,
  monthlyCalls: 20_000,
  yearlyGrowthPct: 10,
  sensitiveDataOutOfTraining: false,
  retrainingBudget: false,
  expertiseDocumented: true,
  needsToolUse: false,
  transformationAtVolume: false,
  learnsFromFeedback: false,
  promptedBaselineMeetsBar: "untested",
  evaluationSetExists: true,
  weeksToProduction: 8,
};
const answers = (a: Assessment): Assessment => ({ ...TYPICAL, ...a });
const dollarsPerYear = (low: number, base: number, high: number) => ({ low: low * 100, base: base * 100, high: high * 100 });


export const DEMO_USE_CASES: readonly DemoUseCase[] = [
  // Customer Service
  {
    title: "Policy and billing answers for the contact centre",
    businessUnit: "Customer Service",
    status: "LIVE",
    description: "Agents ask in plain words about a customer's policy wording, premiums and billing rules and get an answer that cites the current product guide. Product and pricing rules change every week.",
    startDate: "2026-02-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "weekly", maxLagDays: 2, needsCitations: true, corpusDocuments: 38_000, monthlyCalls: 900_000, yearlyGrowthPct: 15, latencySensitive: true, promptedBaselineMeetsBar: "no", weeksToProduction: 6 }),
    decision: "recommended",
    decisionNotes: "RAG over the product guide; the guide changes weekly and agents must see the source.",
  },
  {
    title: "Customer chat assistant for policy changes",
    businessUnit: "Customer Service",
    status: "BUILDING",
    description: "Lets customers change an address, add a driver or pause a policy in the web chat, calling the policy system's API and handing over to a person when unsure.",
    startDate: "2026-09-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "weekly", maxLagDays: 7, coreNeed: "both", needsToolUse: true, corpusDocuments: 2_500, monthlyCalls: 250_000, yearlyGrowthPct: 30, latencySensitive: true, weeksToProduction: 16 }),
    decision: "recommended",
    decisionNotes: "An agent with tools, behind the existing chat; hand-over to a person on any doubt.",
    manualEstimate: dollarsPerYear(140_000, 190_000, 300_000),
  },
  {
    title: "Complaint letter drafting in the house tone",
    businessUnit: "Customer Service",
    status: "ASSESSING",
    description: "Drafts the reply to a formal complaint in Kestrel's tone and structure, for a complaints handler to edit and send.",
    startDate: "2027-01-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "annually", maxLagDays: 180, coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, corpusDocuments: 200, labeledExamples: 4_500, monthlyCalls: 6_000, promptedBaselineMeetsBar: "no", retrainingBudget: true }),
    decision: null,
  },
  // Claims
  {
    title: "First notice of loss triage",
    businessUnit: "Claims",
    status: "APPROVED",
    description: "Reads a new claim's first report (web form, email or call notes) and routes it: fast-track, adjuster, or special investigation. Thousands of past claims are labelled with their route.",
    startDate: "2026-11-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 60, coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, corpusDocuments: 300, labeledExamples: 12_000, monthlyCalls: 45_000, latencySensitive: true, retrainingBudget: true, promptedBaselineMeetsBar: "no", weeksToProduction: 12 }),
    decision: "recommended",
    decisionNotes: "Fine-tune a small model on the labelled routes; re-train each quarter with the new labels.",
  },
  {
    title: "Claims document extraction at volume",
    businessUnit: "Claims",
    status: "BUILDING",
    description: "Pulls the amounts, dates, parties and vehicle details out of repair estimates, invoices and police reports, about 400,000 documents a month.",
    startDate: "2026-07-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "annually", maxLagDays: 90, coreNeed: "neither", transformationAtVolume: true, needsStyleOrFormat: true, fitsContextWindow: true, corpusDocuments: 100, labeledExamples: 2_000, monthlyCalls: 400_000, yearlyGrowthPct: 5, weeksToProduction: 10 }),
    decision: "recommended",
    decisionNotes: "A structured pipeline with validation against the claim record.",
    manualEstimate: dollarsPerYear(90_000, 120_000, 180_000),
  },
  {
    title: "Adjuster assistant for coverage questions",
    businessUnit: "Claims",
    status: "ASSESSING",
    description: "Answers an adjuster's coverage question against the policy wording in force on the date of loss, with the clause quoted.",
    startDate: "2027-03-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "monthly", maxLagDays: 14, needsCitations: true, corpusDocuments: 60_000, monthlyCalls: 30_000, evaluationSetExists: false, promptedBaselineMeetsBar: "no" }),
    decision: "FINE_TUNING",
    decisionNotes: "The claims director wants the model to 'know' the wordings; to be revisited after the pilot.",
    byAdmin: true,
  },
  // Underwriting
  {
    title: "Commercial property risk summaries",
    businessUnit: "Underwriting",
    status: "ASSESSING",
    description: "Summarises a broker's submission (surveys, loss runs, schedules) into the underwriter's one-page risk template.",
    startDate: "2027-01-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "both", needsStyleOrFormat: true, needsCitations: true, corpusDocuments: 15_000, labeledExamples: 800, monthlyCalls: 4_000, expertiseDocumented: false, promptedBaselineMeetsBar: "no", retrainingBudget: true }),
    decision: null,
  },
  {
    title: "Underwriting guideline Q&A",
    businessUnit: "Underwriting",
    status: "LIVE",
    description: "Underwriters ask what the appetite and referral rules say for a trade or territory; answers cite the guideline section.",
    startDate: "2025-10-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "monthly", maxLagDays: 7, needsCitations: true, corpusDocuments: 1_200, monthlyCalls: 8_000, promptedBaselineMeetsBar: "no", weeksToProduction: 4 }),
    decision: "recommended",
    decisionNotes: "Live since October; the eval set is the 300 questions underwriters asked most.",
    workflow: "to-review",
    // Approved when the guideline team promised a fortnight's lag; the referral desk now needs a week.
    approvedOn: { maxLagDays: 14 },
  },
  // Sales & Distribution
  {
    title: "Broker email replies",
    businessUnit: "Sales & Distribution",
    status: "IDEA",
    description: "Suggests replies to brokers' routine emails (quote status, documents needed), for the account manager to send.",
    startDate: null,
    horizonYears: 3,
    assessment: { changeFrequency: "weekly", coreNeed: "retrieval", monthlyCalls: 25_000 },
    decision: null,
    workflow: "proposed",
  },
  {
    title: "Renewal call preparation notes",
    businessUnit: "Sales & Distribution",
    status: "ASSESSING",
    description: "Before a renewal call, gathers the account's claims, payments and open issues into a short brief for the account manager.",
    startDate: "2027-02-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "daily", maxLagDays: 1, coreNeed: "both", corpusDocuments: 80_000, monthlyCalls: 12_000, needsToolUse: true, promptedBaselineMeetsBar: "untested", evaluationSetExists: false }),
    decision: null,
  },
  // Marketing
  {
    title: "Product page copy in the brand voice",
    businessUnit: "Marketing",
    status: "APPROVED",
    description: "Writes and refreshes product pages and comparison tables in Kestrel's brand voice, from the product team's fact sheets.",
    startDate: "2026-10-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 90, coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, corpusDocuments: 150, labeledExamples: 2_500, monthlyCalls: 3_000, promptedBaselineMeetsBar: "no", retrainingBudget: true, weeksToProduction: 6 }),
    decision: "recommended",
    decisionNotes: "Brand team supplies the approved examples.",
  },
  {
    title: "Campaign subject-line testing",
    businessUnit: "Marketing",
    status: "LIVE",
    description: "Proposes email subject lines and learns from open rates which ones work for each segment.",
    startDate: "2026-03-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "weekly", maxLagDays: 7, coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, corpusDocuments: 50, labeledExamples: 30_000, monthlyCalls: 2_000, learnsFromFeedback: true, promptedBaselineMeetsBar: "yes", weeksToProduction: 4 }),
    decision: "recommended",
    decisionNotes: "Open rates feed back every week.",
    manualEstimate: dollarsPerYear(20_000, 35_000, 60_000),
  },
  // Legal
  {
    title: "Contract redlining against the playbook",
    businessUnit: "Legal",
    status: "ASSESSING",
    description: "Marks up incoming vendor and reinsurance contracts against the legal playbook, citing the playbook rule for each change.",
    startDate: "2027-01-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "both", needsStyleOrFormat: true, needsCitations: true, corpusDocuments: 4_000, labeledExamples: 1_500, monthlyCalls: 1_500, sensitiveDataOutOfTraining: true, evaluationSetExists: false, promptedBaselineMeetsBar: "no" }),
    decision: null,
  },
  {
    title: "Regulatory change monitor",
    businessUnit: "Legal",
    status: "IDEA",
    description: "Watches regulators' publications and tells each team which new rules touch its products.",
    startDate: null,
    horizonYears: 5,
    assessment: { changeFrequency: "daily", coreNeed: "retrieval", needsCitations: true },
    decision: null,
  },
  // Compliance
  {
    title: "Sales call compliance review",
    businessUnit: "Compliance",
    status: "APPROVED",
    description: "Checks transcripts of telephone sales against the conduct rules (disclosures read, no pressure selling) and flags calls for a reviewer.",
    startDate: "2026-12-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "both", needsCitations: true, corpusDocuments: 600, labeledExamples: 6_000, monthlyCalls: 60_000, sensitiveDataOutOfTraining: true, retrainingBudget: true, promptedBaselineMeetsBar: "no", weeksToProduction: 12 }),
    decision: "recommended",
  },
  {
    title: "Sanctions screening explanations",
    businessUnit: "Compliance",
    status: "RETIRED",
    description: "Explained why a payee matched a sanctions list. Retired when the screening vendor added its own explanations.",
    startDate: "2025-03-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "daily", maxLagDays: 1, needsCitations: true, corpusDocuments: 20_000, monthlyCalls: 5_000 }),
    decision: "RAG",
    decisionNotes: "Retired in 2026: the vendor now explains its matches.",
    retiredOn: "2026-06-30",
  },
  // Finance
  {
    title: "Supplier invoice coding",
    businessUnit: "Finance",
    status: "BUILDING",
    description: "Codes supplier invoices to the general ledger and cost centre, learning from the accounts team's corrections.",
    startDate: "2026-08-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "neither", transformationAtVolume: true, fitsContextWindow: true, corpusDocuments: 100, labeledExamples: 40_000, monthlyCalls: 35_000, learnsFromFeedback: true, weeksToProduction: 10 }),
    decision: "PIPELINE",
    decisionNotes: "A pipeline first; feedback learning once the corrections are captured cleanly.",
    manualEstimate: dollarsPerYear(30_000, 45_000, 80_000),
  },
  {
    title: "Month-end variance commentary",
    businessUnit: "Finance",
    status: "IDEA",
    description: "Drafts the commentary on budget variances for the monthly management pack.",
    startDate: "2027-04-01",
    horizonYears: 3,
    assessment: { changeFrequency: "monthly", coreNeed: "reasoning", needsStyleOrFormat: true, fitsContextWindow: true, monthlyCalls: 200, promptedBaselineMeetsBar: "yes" },
    decision: null,
  },
  // People (HR)
  {
    title: "HR policy helpdesk",
    businessUnit: "People",
    status: "LIVE",
    description: "Answers employees' questions on leave, benefits and expenses from the staff handbook, with a link to the policy.",
    startDate: "2025-11-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "monthly", maxLagDays: 14, needsCitations: true, corpusDocuments: 900, monthlyCalls: 6_000, promptedBaselineMeetsBar: "no", weeksToProduction: 4 }),
    decision: "recommended",
  },
  {
    title: "Interview question generator",
    businessUnit: "People",
    status: "ASSESSING",
    description: "Proposes structured interview questions from a job description and the competency framework.",
    startDate: "2027-01-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "annually", maxLagDays: 180, coreNeed: "reasoning", fitsContextWindow: true, corpusDocuments: 40, monthlyCalls: 500, promptedBaselineMeetsBar: "yes", weeksToProduction: 2 }),
    decision: "recommended",
  },
  // IT & Engineering
  {
    title: "Code review assistant for the policy platform",
    businessUnit: "IT & Engineering",
    status: "BUILDING",
    description: "Reviews pull requests on the policy administration platform against the team's conventions and the platform's own code.",
    startDate: "2026-06-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "daily", maxLagDays: 1, coreNeed: "both", corpusDocuments: 25_000, labeledExamples: 200, monthlyCalls: 15_000, needsToolUse: false, promptedBaselineMeetsBar: "no", weeksToProduction: 6 }),
    decision: "HYBRID",
    decisionNotes: "Chosen before the assessment was done; the team wants the conventions learned and the code retrieved.",
    byAdmin: true,
  },
  {
    title: "IT service desk ticket routing",
    businessUnit: "IT & Engineering",
    status: "LIVE",
    description: "Classifies incoming IT tickets and routes them to the right resolver group.",
    startDate: "2025-09-01",
    horizonYears: 5,
    assessment: answers({ changeFrequency: "quarterly", maxLagDays: 30, coreNeed: "reasoning", fitsContextWindow: true, corpusDocuments: 100, labeledExamples: 25_000, monthlyCalls: 18_000, latencySensitive: true, retrainingBudget: true, promptedBaselineMeetsBar: "no" }),
    decision: "recommended",
  },
  {
    title: "Incident post-mortem search",
    businessUnit: "IT & Engineering",
    status: "IDEA",
    description: "Finds past incidents like the current one, and what fixed them.",
    startDate: null,
    horizonYears: 3,
    assessment: { changeFrequency: "weekly", coreNeed: "retrieval", corpusDocuments: 3_000 },
    decision: null,
    workflow: "approved",
  },
  // Procurement
  {
    title: "Supplier due-diligence agent",
    businessUnit: "Procurement",
    status: "ASSESSING",
    description: "Gathers a new supplier's registrations, financial filings and news into a due-diligence pack, using the procurement system's tools.",
    startDate: "2027-02-01",
    horizonYears: 3,
    assessment: answers({ changeFrequency: "daily", maxLagDays: 7, coreNeed: "both", needsToolUse: true, corpusDocuments: 1_000, monthlyCalls: 800, evaluationSetExists: false }),
    decision: null,
  },
];
