import { describe, expect, it } from "vitest";
import type { ImportFieldKey } from "./fields";
import { suggestColumns } from "./columns";

/**
 * The column names other inventories use, and the field each fills when it is the file's only
 * column of that kind: the US federal agency AI use-case inventories ("Use Case Name", "Bureau",
 * "Stage of Development") and spreadsheets kept by hand. Written down here apart from the code,
 * as files spell them (Title Case, UPPER_SNAKE, kebab-case), so a name dropped or moved to another
 * field fails until this table is changed on purpose.
 */
const NAMES: Record<ImportFieldKey, string[]> = {
  title: ["Use Case Name","USE_CASE_TITLE","name-of-use-case","Use Case","TITLE","name","Project Name","PROJECT","initiative","Ai Use Case"],
  description: ["Summary Of Use Case","WHAT_IS_THE_INTENDED_PURPOSE_AND_EXPECTED_BENEFITS_OF_THE_AI","intended-purpose-and-expected-benefits","Use Case Summary","DESCRIPTION","summary","Use Case Description","PURPOSE","intended-purpose","Purpose And Benefits","DETAILS","problem-statement"],
  businessUnit: ["Business Unit","BUSINESS_UNIT_COST_CENTER","cost-center","Cost Centre","BUREAU","bureau-component","Component","SUB_AGENCY","division","Department","AGENCY","office","Unit","TEAM","business-area","Org Unit","ORGANIZATIONAL_UNIT","Dept","Dept.","owning-department","Owning Team","Line of Business","BUSINESS_LINE","LOB"],
  ownerEmail: ["Owner Email","OWNER_E_MAIL","owner-s-email","Owner","EMAIL","e-mail","Contact Email","POINT_OF_CONTACT_EMAIL","poc-email","Lead Email","PROJECT_LEAD_EMAIL"],
  status: ["Status","STAGE_OF_DEVELOPMENT","development-stage","Lifecycle Stage","LIFECYCLE_STATUS","lifecycle","Phase","Current Status","PROJECT_STATUS","current-stage"],
  startDate: ["Start Date","PLANNED_START","planned-start-date","Start","DATE_INITIATED","initiation-date","Date Started","Expected Start","EXPECTED_START_DATE","kickoff-date","Kick-off date","Go-live","Go live date","GO_LIVE","Planned Go-Live","Launch date","PLANNED_LAUNCH","Target date","target-start-date","Deployment Date"],
  horizonYears: ["Horizon Years","HORIZON_IN_YEARS","horizon","Planning Horizon","Time Horizon","PROJECTION_YEARS","lifespan-years","YEARS"],
  externalId: ["External Id","USE_CASE_ID","use-case-identifier","Inventory Id","ID","identifier","Reference","REF","key"],
  highImpact: ["Is The Ai Use Case High Impact","HIGH_IMPACT","high-impact-determination","Is This Use Case High Impact","RIGHTS_IMPACTING_OR_SAFETY_IMPACTING","high-impact-status"],
  personalData: ["Does The Ai Use Case Involve Personally Identifiable Information Pii","INVOLVES_PII","pii","Personal Data","PERSONALLY_IDENTIFIABLE_INFORMATION","personal-data-involved","Does This Ai Use Case Involve Personally Identifiable Information Pii That Is Maintained By The Agency"],
  sourcing: ["Developed In House Or Contracted","IN_HOUSE_OR_BOUGHT","development-method","Was The Ai System Involved In This Use Case Developed Or Is It To Be Developed Under Contract S Or In House","WAS_THE_AI_SYSTEM_DEVELOPED_UNDER_CONTRACT_S_OR_IN_HOUSE","sourcing","Build Or Buy"],
  vendor: ["Vendor Name","VENDOR","supplier","Contractor","PROVIDER"],
  stage: ["Omb Stage","INVENTORY_STAGE","deployment-stage"],
  topicArea: ["Use Case Topic Area","TOPIC_AREA","topic","Category"],
  euRiskTier: ["Eu Ai Act Risk Tier","EU_AI_ACT_RISK","ai-act-risk","Risk Tier","EU_RISK_TIER","risk-classification"],
  changeFrequency: ["Change Frequency","HOW_OFTEN_THE_KNOWLEDGE_CHANGES","update-frequency","Data Update Frequency","KNOWLEDGE_CHANGE_FREQUENCY"],
  maxLagDays: ["Max Lag Days","ACCEPTABLE_LAG","acceptable-lag-days","Maximum Lag Days"],
  coreNeed: [],
  needsStyleOrFormat: [],
  needsCitations: [],
  fitsContextWindow: [],
  corpusDocuments: ["Corpus Documents","CORPUS_SIZE","number-of-documents","Document Count","Documents"],
  labeledExamples: ["Labeled Examples","LABELLED_EXAMPLES","training-examples"],
  latencySensitive: [],
  latencyBudgetMs: ["Latency Budget","LATENCY_BUDGET_MS","latency-ms","Latency target (ms)","MAX_LATENCY_MS"],
  monthlyCalls: ["Monthly Calls","MONTHLY_LLM_CALLS","calls-per-month","Llm Calls Per Month","Calls/month","Monthly API calls","API_CALLS_PER_MONTH","Monthly requests","Requests per month","Requests/month","MONTHLY_QUERIES","Queries per month","queries/month","Monthly Transactions","transactions-per-month","Monthly volume","Volume per month"],
  yearlyGrowthPct: ["Yearly Growth","YEARLY_GROWTH_PCT","annual-growth","Annual Growth Rate","YEARLY_GROWTH_RATE","growth-per-year","YoY growth","Year-over-year growth","Volume Growth","Growth rate","Growth %","Growth"],
  sensitiveDataOutOfTraining: [],
  retrainingBudget: [],
  expertiseDocumented: [],
  needsToolUse: [],
  transformationAtVolume: [],
  learnsFromFeedback: [],
  promptedBaselineMeetsBar: ["Prompted Baseline","BASELINE_MEETS_BAR","prompted-base-model-meets-the-bar"],
  evaluationSetExists: [],
  weeksToProduction: ["Weeks To Production","WEEKS_UNTIL_PRODUCTION","Weeks to launch","weeks-to-go-live"],
};

describe("a column's name, and the field it fills", () => {
  it.each(Object.entries(NAMES))("%s", (field, names) => {
    for (const name of names) expect(suggestColumns([name])[name], name).toBe(field);
  });
  it("a column named \"Stage\" is the governance stage; the lifecycle status is read from \"Stage of Development\"", () => {
    expect(suggestColumns(["Stage"])).toEqual({ Stage: "stage" });
    expect(suggestColumns(["Stage", "Stage of Development"])).toEqual({ Stage: "stage", "Stage of Development": "status" });
  });
  it("a hand-kept inventory's header row is mapped whole, and a name that could mean two fields maps to neither", () => {
    const headers = ["Project", "Dept.", "Status", "Go-live", "Requests/month", "Growth %", "Owner", "Date", "Volume", "Notes"];
    expect(suggestColumns(headers)).toEqual({
      Project: "title",
      "Dept.": "businessUnit",
      Status: "status",
      "Go-live": "startDate",
      "Requests/month": "monthlyCalls",
      "Growth %": "yearlyGrowthPct",
      Owner: "ownerEmail",
      // "Date" alone could be when it was logged, reviewed or launched; "Volume" could be of documents or of calls: the person chooses.
      Date: "",
      Volume: "",
      Notes: "",
    });
  });
  it("the more specific name wins: “Planned start” over “Go-live”, “Monthly calls” over “Monthly volume”", () => {
    expect(suggestColumns(["Go-live", "Planned start"])).toEqual({ "Go-live": "", "Planned start": "startDate" });
    expect(suggestColumns(["Monthly volume", "Monthly calls"])).toEqual({ "Monthly volume": "", "Monthly calls": "monthlyCalls" });
  });
});
