import { count, plural } from "@/lib/domain/portfolio/format";
import { MoneyText } from "@/components/money-text";
import { exactDollars, unitPriceOfCents } from "@/lib/domain/money";
import type { UnitValue } from "@/lib/domain/value";
import { Panel, ScrollTable, td, tdNum, th, thNum } from "./panel";

const unitName = (bu: string) => bu || "No business unit";
/** To the cent (lib/domain/money.ts), so the units add up to "All in view" (rounded to the dollar one by one, they missed it by a dollar). */
const money = exactDollars;
const triple = (x: UnitValue["net"]) => `${money(x.pessimistic)} / ${money(x.base)} / ${money(x.optimistic)}`;

/**
 * Value against cost by business unit (issue 20, item 3): the use cases with a benefit, each under
 * its approach as chosen, their benefit over their horizon against their lifecycle cost, in the
 * paired scenarios of the use case page. Use cases with no value entered are counted, never netted as $0.
 */
/**
 * Where hours saved are priced: "3 of the use cases in view give their benefit in hours saved,
 * priced at $50.00 an hour: the default, …". A net value resting on a placeholder rate says so
 * beside the table, not only on the Value page.
 */
export function hoursRateSentence(rate: { rateCents: number; rateIsDefault: boolean; hoursBased: number }): string | null {
  if (rate.hoursBased === 0) return null;
  const who = rate.hoursBased === 1 ? "One use case in view gives its" : `${count(rate.hoursBased)} use cases in view give their`;
  const whose = rate.rateIsDefault
    ? "the default, a round placeholder rather than a figure from any source, until finance sets the organization's own rate on Value"
    : "the organization's rate, set by finance";
  return `${who} benefit in hours saved, priced at ${unitPriceOfCents(rate.rateCents)} an hour: ${whose}.`;
}

/** Why nothing is netted where every use case with a value and a cost is counted apart. */
function nothingToNet(total: UnitValue): string {
  const them = (n: number) => (n === 1 ? "one use case" : `${count(n)} use cases`);
  const unserved = total.cannotServe === 1 ? "has an approach as chosen that cannot serve it" : "have approaches as chosen that cannot serve them";
  const loop = `must learn from ${total.feedbackLoopNotCosted === 1 ? "its" : "their"} users with a feedback loop not known to be costed`;
  if (!total.feedbackLoopNotCosted) return `Nothing to net: the ${them(total.cannotServe)} in view with a value and a cost ${unserved}.`;
  if (!total.cannotServe) return `Nothing to net: the ${them(total.feedbackLoopNotCosted)} in view with a value and a cost ${loop}.`;
  return `Nothing to net: of the use cases in view with a value and a cost, ${them(total.cannotServe)} ${unserved}, and ${them(total.feedbackLoopNotCosted)} ${loop}.`;
}

export function PortfolioValuePanel({ units, total, inView, rate }: { units: UnitValue[]; total: UnitValue; inView: number; rate: { rateCents: number; rateIsDefault: boolean; hoursBased: number } }) {
  // The use cases in view the table does not count: no value entered, and no complete cost to set one against.
  const outside = Math.max(0, inView - (total.valued + total.noValue + total.notCosted + total.cannotServe + total.feedbackLoopNotCosted));
  return (
    <Panel
      title="Value against cost by business unit"
      testId="portfolio-value"
      description={
        <>
          Each use case with an expected benefit, under its approach as chosen: its benefit over its horizon less its lifecycle cost. The benefit
          starts when that approach first serves its users (its time to value), not when its production build ends: the build is costed apart and
          may go on after that. Pessimistic pairs the low benefit with the high cost and the longest time to value; optimistic the high benefit with
          the low cost and the shortest time to value; base is base throughout. A use case whose approach as chosen cannot serve it (it misses the acceptable lag, never sees the use
          case's knowledge, or is prompting already found short of the bar) is counted apart and not netted: that approach would not bring its
          benefit. So is one that must learn from its users with a structured pipeline or an agent as chosen, which learns only with a feedback
          loop its cost is not known to include: its value is not claimed, as no value is netted against a partial cost.
        </>
      }
    >
      {total.valued === 0 ? (
        <p className="text-sm text-zinc-700" data-testid="portfolio-no-value">
          {total.cannotServe + total.feedbackLoopNotCosted > 0
            ? nothingToNet(total)
            : "No value entered for any costed use case in view: there is nothing to net yet. Enter an expected benefit on a use case's page."}
        </p>
      ) : null}
      {units.length > 0 ? (
        <ScrollTable caption="Value against cost by business unit" testId="portfolio-value-table">
          <thead>
            <tr>
              <th className={th} scope="col">Business unit</th>
              <th className={thNum} scope="col">With a value</th>
              <th className={thNum} scope="col">Benefit (base)</th>
              <th className={thNum} scope="col">Cost as chosen (base)</th>
              <th className={thNum} scope="col">Net value (pessimistic / base / optimistic)</th>
              <th className={thNum} scope="col">Costed, no value entered</th>
            </tr>
          </thead>
          <tbody>
            {[...units, { ...total, businessUnit: "\u0000total" }].map((u) => {
              const isTotal = u.businessUnit === "\u0000total";
              return (
                <tr key={u.businessUnit} data-testid={isTotal ? "value-total" : "value-unit"} className={isTotal ? "font-semibold" : ""}>
                  <th scope="row" className={`${td} text-left ${isTotal ? "" : "font-normal"}`}>{isTotal ? "All in view" : unitName(u.businessUnit)}</th>
                  <td className={tdNum}>
                    {u.valued}
                    {u.cannotServe ? (
                      <span className="block text-xs font-normal text-red-800" data-testid="value-cannot-serve">
                        {count(u.cannotServe)} more not netted: the approach as chosen cannot serve {u.cannotServe === 1 ? "it" : "them"}
                      </span>
                    ) : null}
                    {u.feedbackLoopNotCosted ? (
                      <span className="block text-xs font-normal text-amber-900" data-testid="value-feedback-loop">
                        {count(u.feedbackLoopNotCosted)} more not netted: {u.feedbackLoopNotCosted === 1 ? "it must" : "they must"} learn from users, and the approach as chosen does so only with a feedback loop its cost is not known to include
                      </span>
                    ) : null}
                  </td>
                  <td className={tdNum}>{u.valued ? money(u.benefit.base) : "—"}</td>
                  <td className={tdNum}>{u.valued ? money(u.cost.base) : "—"}</td>
                  <td className={`${tdNum} ${u.valued && u.net.base < 0 ? "text-red-800" : ""}`} data-testid="net">{u.valued ? <MoneyText text={triple(u.net)} /> : "no value entered"}</td>
                  <td className={tdNum}>
                    {u.noValue}
                    {u.notCosted ? <span className="block text-xs font-normal text-zinc-600">{plural(u.notCosted, "valued use case")} not fully costed</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      ) : null}
      {hoursRateSentence(rate) ? (
        <p className={`mt-2 text-sm ${rate.rateIsDefault ? "text-amber-900" : "text-zinc-600"}`} data-testid="value-hourly-rate">
          {hoursRateSentence(rate)}
        </p>
      ) : null}
      {outside > 0 ? (
        <p className="mt-2 text-sm text-zinc-600" data-testid="value-outside">
          Not in this table: {plural(outside, "more use case")} in view with no value entered and no complete cost as chosen (not assessed, not costed, or
          lacking a figure).
        </p>
      ) : null}
    </Panel>
  );
}
