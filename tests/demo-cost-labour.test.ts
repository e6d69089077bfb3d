/**
 * What a skeptical reviewer read on two of the demo's cost panels (cost engine 2.12), and what they
 * read now (2.13). "IT service desk ticket routing" has 25,000 curated, validated examples and an
 * evaluation set: fine-tuning was charged $166,667 to curate them (a use case with none, $33,333)
 * and $16,000 to build the set it has. "Month-end variance commentary", 200 calls a month and
 * prompting alone good enough, was charged $124,800 over three years for the upkeep of a retrieval
 * index prompting does not have, beside $49 of inference.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { CostPanel } from "@/app/o/[org]/use-cases/[id]/_panels/cost-panel";
import { db } from "@/lib/server/db";
import { getStoredProjection } from "@/lib/server/projections";
import { pageText as text, seedDemoForTest } from "./helpers/demo-org";
import { signInAs, signOut } from "./helpers/session";

let org: { id: string; slug: string };
let finance: string;

beforeAll(async () => {
  const demo = await seedDemoForTest("labour");
  org = demo.org;
  finance = demo.users.FINANCE;
}, 240_000);

const idOf = async (title: string) => (await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, title }, select: { id: true } })).id;

/** The base dollars of one approach's category over the horizon, as stored. */
async function stored(useCaseId: string) {
  const p = await getStoredProjection(org.id, useCaseId);
  return (approach: string, category: string, year?: number) =>
    p.lines.filter((l) => l.approach === approach && l.category === category && (year === undefined || l.yearIndex === year)).reduce((s, l) => s + (l.base ?? 0), 0) / 100;
}

async function labourNote(useCaseId: string) {
  try {
    // As finance, who reads the panel without the editor's client form.
    signInAs(finance);
    const html = renderToStaticMarkup(await CostPanel({ orgSlug: org.slug, organizationId: org.id, useCaseId }));
    return text(html.match(/<p[^>]*data-testid="labour-note"[^>]*>(.*?)<\/p>/s)?.[1] ?? "");
  } finally {
    signOut();
  }
}

describe("IT service desk ticket routing: 25,000 ready examples and an evaluation set", () => {
  it("charges no curation for the examples it has, and no building of the set it has", async () => {
    const id = await idOf("IT service desk ticket routing");
    const cost = await stored(id);
    expect(cost("FINE_TUNING", "DATA_CURATION")).toBe(0);
    expect(cost("HYBRID", "DATA_CURATION")).toBe(0);
    // Running the set only: 4 hours a month × 12 × $200 a year, five years ($64,000 with the build).
    for (const ap of ["RAG", "FINE_TUNING", "HYBRID", "PROMPTING"]) expect(cost(ap, "EVALUATION")).toBe(48_000);
    const note = await labourNote(id);
    expect(note).toContain("Data curation: none is charged. The 25,000 labeled examples the use case already has cover the 500–3,000 (base 1,000) fine-tuning needs (002: “hundreds to low thousands”); having more costs no more.");
    expect(note).toContain("Evaluation: the use case already has an evaluation set, so building one is not charged");
  });
});

describe("Month-end variance commentary: prompting alone, 200 calls a month", () => {
  it("charges prompting a prompt's upkeep, said to be an assumption, not an index's", async () => {
    const id = await idOf("Month-end variance commentary");
    const cost = await stored(id);
    // 2 hours a month × 12 × $200 × 3 years, where it was 4 hours a week × 52 × $200 × 3.
    expect(cost("PROMPTING", "MAINTENANCE")).toBe(14_400);
    expect(cost("RAG", "MAINTENANCE")).toBe(124_800);
    const note = await labourNote(id);
    expect(note).toContain("prompting alone has no index and pays only for keeping its prompt, 1–4 (base 2) hours a month: an assumption, not a figure from the sources, which finance can change on the Assumptions page");
    expect(note).toContain("RAG and the hybrid pay for keeping their index, 2–8 (base 4) hours a week (002: “ongoing index management”)");
  });
});
