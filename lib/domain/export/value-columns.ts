/**
 * The value columns of the finance exports (issue 20, item 3), kept apart so the exports' own
 * file changes by a line or two. Pure.
 */
import { hourlyRateOf, readBenefit, yearlyBenefitCents } from "../value/benefit";
import { centsToDecimal, codeCell, integerCell } from "./csv";

/** Detail: the use case's expected yearly benefit (dollars), and whether it is hours saved or revenue. */
export const VALUE_DETAIL_COLUMNS = ["yearly_benefit_low", "yearly_benefit_base", "yearly_benefit_high", "benefit_kind"] as const;

/**
 * Business units: on "as chosen" rows, the benefit realised in that calendar year by the row's use
 * cases that have a benefit and a complete cost (each from its approach's time to value, as on the
 * portfolio), and how many they are; not those the portfolio counts apart (valueCount: an approach
 * as chosen that cannot serve them, or a feedback loop it needs that is not known to be costed).
 * Low pairs with the longest time to value, high with the shortest, so net value pessimistic =
 * benefit_low − high. Empty on the other scenarios' rows.
 */
export const VALUE_BU_COLUMNS = ["benefit_low", "benefit_base", "benefit_high", "valued_use_cases"] as const;

export interface UnitYearBenefit {
  low: number;
  base: number;
  high: number;
  useCases: number;
}

/** The four detail cells, from the stored benefit (JSON, or PostgreSQL's text of it) and the rate. */
export function benefitDetailCells(stored: unknown, rateCents: number | string | null | undefined): string {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      value = null;
    }
  }
  const benefit = readBenefit(value);
  if (!benefit) return ",,,";
  const rate = hourlyRateOf(rateCents === null || rateCents === undefined || rateCents === "" ? null : Number(rateCents));
  const y = yearlyBenefitCents(benefit, rate);
  return [centsToDecimal(y.low), centsToDecimal(y.base), centsToDecimal(y.high), codeCell(benefit.kind)].join(",");
}

export function benefitUnitCells(scenario: string, benefit: UnitYearBenefit | null | undefined): string {
  if (scenario !== "as chosen") return ",,,";
  if (!benefit) return ",,,0";
  return [centsToDecimal(benefit.low), centsToDecimal(benefit.base), centsToDecimal(benefit.high), integerCell(benefit.useCases)].join(",");
}
