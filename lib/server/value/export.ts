import "server-only";
import type { UnitYearBenefit } from "@/lib/domain/export/value-columns";
import type { PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { benefitByYear, buildMonths, PAIRING, valueCount } from "@/lib/domain/value";
import { valueInput } from "./read";

/** "Claims\u00002027\u0000RAG": the business-unit export's "as chosen" rows are per unit, year and approach. */
export const unitYearKey = (businessUnit: string, calendarYear: number | string, approach: string) => `${businessUnit}\u0000${calendarYear}\u0000${approach}`;

/**
 * The benefit realised per business unit, calendar year and approach as chosen by the use cases the portfolio nets
 * (valueCount: a benefit, a complete cost as chosen, an approach that can serve it, with any feedback loop it needs costed), year by year as lib/domain/value computes it, so the
 * business-unit export's benefit columns add up to the portfolio's value panel to the cent.
 * Low is the pessimistic pairing's benefit (longest time to value), high the optimistic one's.
 */
export async function benefitByUnitAndYear(organizationId: string, filter: PortfolioFilter): Promise<Map<string, UnitYearBenefit>> {
  const { input } = await valueInput(organizationId, filter);
  const out = new Map<string, UnitYearBenefit>();
  for (const r of input) {
    if (valueCount(r) !== "valued" || r.startYear === null || r.approach === null) continue;
    const per = (scenario: "pessimistic" | "base" | "optimistic") =>
      benefitByYear(r.yearlyBenefit![PAIRING[scenario].benefit], r.years, buildMonths(r.timeToValueWeeks ? r.timeToValueWeeks[PAIRING[scenario].timeToValue] : null));
    const [low, base, high] = [per("pessimistic"), per("base"), per("optimistic")];
    for (let i = 0; i < r.years; i++) {
      const key = unitYearKey(r.businessUnit, r.startYear + i, r.approach);
      const t = out.get(key) ?? { low: 0, base: 0, high: 0, useCases: 0 };
      t.low += low[i]!;
      t.base += base[i]!;
      t.high += high[i]!;
      t.useCases += 1;
      out.set(key, t);
    }
  }
  return out;
}

/** A stream that waits for `ready` before it passes on `inner`'s chunks (a failure of `ready` fails the download). */
export function afterReady(ready: Promise<unknown>, inner: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = inner.getReader();
  let waited = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!waited) {
          await ready;
          waited = true;
        }
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        await reader.cancel(err).catch(() => {});
        controller.error(err);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
