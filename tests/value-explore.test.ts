import { it } from "vitest";
import { db } from "@/lib/server/db";
import { seedDemoOrganization } from "@/lib/server/seed/demo";
import { EMPTY_FILTER } from "@/lib/domain/portfolio/filter";
import { budgetOverview, getUseCaseValue, portfolioValue } from "@/lib/server/value/read";
import { DEMO_BENEFITS } from "@/lib/server/seed/demo-value";

it("explore", async () => {
  const t = Date.now();
  await seedDemoOrganization({ org: { name: "X", slug: `x-${t}` }, users: [
    { role: "ADMIN", email: `a-${t}@x.test`, name: "A" }, { role: "EXECUTIVE", email: `e-${t}@x.test`, name: "E" },
    { role: "LEAD", email: `l-${t}@x.test`, name: "L" }, { role: "FINANCE", email: `f-${t}@x.test`, name: "F" }], password: "seed-password-123" });
  const org = await db.organization.findUniqueOrThrow({ where: { slug: `x-${t}` } });
  for (const { title } of DEMO_BENEFITS) {
    const uc = await db.useCase.findFirstOrThrow({ where: { organizationId: org.id, title }, select: { id: true, chosenApproach: true, recommendedApproach: true, horizonYears: true, projectionSummary: true, ownerId: true } });
    const v = await getUseCaseValue(org.id, uc.id);
    const years = await db.costYear.findMany({ where: { useCaseId: uc.id }, orderBy: [{ approach: "asc" }, { yearIndex: "asc" }] });
    console.log(title, uc.chosenApproach, uc.recommendedApproach, uc.horizonYears, JSON.stringify(v?.yearly));
    for (const y of years) console.log("  ", y.approach, y.yearIndex, y.calendarYear, y.lowCents, y.baseCents, y.highCents, y.complete);
    const s = uc.projectionSummary as any;
    for (const [a, x] of Object.entries(s?.approaches ?? {})) console.log("  ttv", a, JSON.stringify((x as any).timeToValueWeeks), JSON.stringify((x as any).lifecycle));
    console.log(JSON.stringify(v?.approaches, null, 0));
  }
  console.log(JSON.stringify(await portfolioValue(org.id, EMPTY_FILTER), null, 1));
  for (const y of [2026, 2027, 2028]) console.log(y, JSON.stringify(await budgetOverview(org.id, EMPTY_FILTER, y)));
  const leadOwned = await db.useCase.findMany({ where: { organizationId: org.id, benefit: { equals: null } as never }, select: { title: true, ownerId: true, evidence: true, chosenApproach: true, recommendedApproach: true } });
  console.log(JSON.stringify(leadOwned));
}, 300_000);
