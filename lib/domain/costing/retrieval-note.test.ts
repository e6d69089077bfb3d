import { describe, expect, it } from "vitest";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import { projectCosts } from "./project";
import { retrievalNote } from "./retrieval-note";

const project = (assessment: Parameters<typeof projectCosts>[0]["assessment"]) =>
  projectCosts({ assessment, horizonYears: 3, startYear: 2027, assumptions: DEFAULT_ASSUMPTIONS, overrides: undefined, manual: null, model: null });

describe("what the retrieval infrastructure line is made of", () => {
  it("a small corpus: pgvector in the database already running, at its extra capacity, $0 in the low case said as such, and its re-indexing", () => {
    const p = project({ coreNeed: "retrieval", changeFrequency: "quarterly", corpusDocuments: 4_000, monthlyCalls: 1_500 });
    expect(p.retrieval).toMatchObject({ store: "pgvector", corpusDocuments: 4_000, reindexesPerYear: 4 });
    expect(retrievalNote(p.retrieval, ["RAG", "FINE_TUNING"])).toBe(
      "Retrieval infrastructure (RAG and the hybrid): the corpus of 4,000 documents fits pgvector in the database already running (up to 100,000 documents), priced at the extra capacity it takes, $0–150 (base $50) a month (the low case takes it as spare capacity already paid for), plus re-embedding 1–10% (base 2%) of the corpus at each of its 4 re-indexings a year. The corpus's first embedding is a year-1 line of its own.",
    );
  });

  it("real-time knowledge: the changed documents are embedded as they arrive, priced as a day's share a day, not as daily re-indexings", () => {
    // A review read "at each of its 365 re-indexings a year" beside RAG meeting a 0-day lag with 0 stale days.
    const p = project({ coreNeed: "retrieval", changeFrequency: "realtime", maxLagDays: 0, corpusDocuments: 50_000, monthlyCalls: 200_000 });
    expect(p.retrieval).toMatchObject({ reindexesPerYear: 365, asTheyArrive: true });
    expect(retrievalNote(p.retrieval, ["RAG"])).toContain(
      ', plus re-embedding the changed documents as they arrive, priced as 1–10% (base 2%) of the corpus a day (000: "Updates to your knowledge base happen in real time at zero marginal cost beyond storage").',
    );
    expect(project({ coreNeed: "retrieval", changeFrequency: "daily", corpusDocuments: 50_000 }).retrieval?.asTheyArrive).toBeUndefined();
  });

  it("a large corpus, or one of unknown size: a managed vector database", () => {
    const large = project({ coreNeed: "retrieval", changeFrequency: "static", corpusDocuments: 2_000_000 });
    expect(retrievalNote(large.retrieval, ["RAG"])).toBe(
      "Retrieval infrastructure (RAG and the hybrid): the corpus of 2,000,000 documents is more than pgvector in the database already running is priced for (up to 100,000 documents), so it is priced as a managed vector database, $500–3,000 (base $1,750) a month (000's $500 to $3,000); no re-indexing is priced, as the knowledge is not said to change. The corpus's first embedding is a year-1 line of its own.",
    );
    const unknown = project({ coreNeed: "retrieval", changeFrequency: "daily" });
    expect(retrievalNote(unknown.retrieval, ["RAG"])).toMatch(/^Retrieval infrastructure \(RAG and the hybrid\): the corpus's size is unanswered, so it is priced as a managed vector database, \$[\d,]+–[\d,]+ \(base \$[\d,]+\) a month \(000's \$500 to \$3,000\), with nothing for embedding it\.$/);
  });

  it("says nothing without RAG or a hybrid, or for a projection stored before the basis was kept", () => {
    const p = project({ coreNeed: "retrieval", corpusDocuments: 4_000 });
    expect(retrievalNote(p.retrieval, ["PROMPTING", "FINE_TUNING"])).toBeNull();
    expect(retrievalNote(undefined, ["RAG"])).toBeNull();
  });
});
