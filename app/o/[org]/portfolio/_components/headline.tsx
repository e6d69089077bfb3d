import Link from "next/link";
import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { asChosenCounts } from "@/lib/domain/portfolio/assemble";
import { RISK_FLAGS } from "@/lib/domain/portfolio/filter";
import { count, lateStartText, plural, provisionalText, undatedText, wholeShares } from "@/lib/domain/portfolio/format";
import { compactDollars, dollars } from "@/lib/domain/money";
import { ownerEstimatesIn } from "@/lib/domain/costing/owner-estimate";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { APPROACH_COLORS } from "./chart-theme";
import { CountLink, link, type ListHref } from "./panel";

/**
 * The first screen's three answers, for an executive who has a minute: what we spend (this year
 * and over the lifecycle, as chosen), on what (the approaches' shares), and what needs them
 * (use cases awaiting a decision, with a risk flag, where the frameworks disagree), each linked to
 * the use cases behind it.
 */
/** A compact figure in a headline tile, its whole dollars on hover (lib/domain/money.ts). */
function Compact({ cents, className, testId }: { cents: number; className?: string; testId?: string }) {
  return (
    <span className={className} data-testid={testId} title={dollars(cents)}>
      {compactDollars(cents)}
    </span>
  );
}

export function Headline({ d, listHref, disagreementsHref }: { d: Dashboard; listHref: ListHref; disagreementsHref: string }) {
  const chosen = d.scenarioSummaries.find((s) => s.scenario === "chosen")!;
  const thisYear = new Date().getUTCFullYear();
  // This year's spend; else the first later year's, else the latest (all of it in the past), saying which.
  const year = d.spend.find((y) => y.calendarYear === thisYear) ?? d.spend.find((y) => y.calendarYear > thisYear) ?? d.spend.at(-1);
  const whichYear = !year
    ? ""
    : year.calendarYear === thisYear
      ? `in ${thisYear}, this year`
      : year.calendarYear > thisYear
        ? `in ${year.calendarYear}, the first year with costs (none in ${thisYear})`
        : `in ${year.calendarYear}, the latest year with costs (none in ${thisYear} or later)`;
  // How much of that year's figure is from use cases with no planned start, placed in the year they were logged.
  const undated = year ? undatedText(d.undated.find((u) => u.calendarYear === year.calendarYear)) : null;
  // And how much is the full first year of use cases that start late in it (each lifecycle year is counted in the calendar year it begins).
  const late = year ? lateStartText(d.lateStarts.find((u) => u.calendarYear === year.calendarYear), undated !== null) : null;
  // How much of the lifecycle total (and of that year's figure) rests on provisional recommendations.
  const provisional = chosen.costed === 0 ? null : provisionalText(d.provisional, chosen.lifecycle.base, year?.calendarYear);
  const total = d.byApproach.reduce((s, a) => s + a.lifecycle.base, 0);
  const owners = chosen.costed === 0 ? null : ownerEstimatesIn(d.byApproach);
  const shares = [...d.byApproach].sort((a, b) => b.lifecycle.base - a.lifecycle.base);
  // Whole percentages that add up to 100 (each rounded alone, three equal thirds read 99%).
  const percent = wholeShares(shares.map((a) => a.lifecycle.base));
  const inView = asChosenCounts(d.matrix);
  const card = "min-w-0 rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200";

  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="headline">
      <section className={`${card} order-1`} aria-labelledby="headline-spend">
        <h2 id="headline-spend" className="text-sm font-medium text-zinc-600">What we spend, as chosen</h2>
        {chosen.costed === 0 ? (
          <p className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="headline-lifecycle">
            Nothing costed yet <span className="block text-sm font-normal text-zinc-600">no use case in this view has a cost; none is counted as $0</span>
          </p>
        ) : (
          <p className="mt-1 text-3xl font-semibold tabular-nums text-zinc-900" data-testid="headline-lifecycle" title={dollars(chosen.lifecycle.base)}>
            {compactDollars(chosen.lifecycle.base)} <span className="text-base font-normal text-zinc-600">over the lifecycle</span>
          </p>
        )}
        <p className="mt-1 text-sm text-zinc-600">
          {year && chosen.costed > 0 ? (
            <>
              <Compact cents={year.base} className="font-medium text-zinc-900" testId="headline-year" /> {whichYear} (low–high <Compact cents={year.low} />–<Compact cents={year.high} />).{" "}
              {undated ? (
                <>
                  <span data-testid="headline-undated">{undated}</span>{" "}
                </>
              ) : null}
              {late ? (
                <>
                  <span data-testid="headline-late-starts">{late}</span>{" "}
                </>
              ) : null}
            </>
          ) : null}
          {chosen.costed === 0 ? (
            // Nothing costed: no "$0–$0" range, only what is not costed and why.
            chosen.notCosted ? (
              <>
                No use case costed:{" "}
                <CountLink className={link} href={listHref({ costs: ["NOT_COSTED"] })}>
                  {count(chosen.notCosted)} not costed
                </CountLink>
              </>
            ) : (
              <>No use case costed</>
            )
          ) : (
            <>
              Lifecycle low–high <Compact cents={chosen.lifecycle.low} />–<Compact cents={chosen.lifecycle.high} />; {plural(chosen.costed, "use case")} costed
              {chosen.notCosted ? (
                <>
                  ,{" "}
                  <CountLink className={link} href={listHref({ costs: ["NOT_COSTED"] })}>
                    {count(chosen.notCosted)} not
                  </CountLink>
                </>
              ) : null}
            </>
          )}
          {d.notAssessed.count ? (
            <>
              ;{" "}
              <CountLink className={link} href={listHref({ evidence: ["none"] })}>
                {count(d.notAssessed.count)} not assessed
              </CountLink>
              , in no total
            </>
          ) : null}
          .
        </p>
        {provisional ? (
          <p className="mt-1 text-sm text-zinc-600" data-testid="headline-provisional">
            {provisional.text}:{" "}
            <CountLink className={link} href={listHref({ evidence: ["provisional"] })}>
              {provisional.check}
            </CountLink>
            .
          </p>
        ) : null}
        {owners ? (
          <p className="mt-1 text-sm text-zinc-600" data-testid="headline-owner-estimates">
            <Compact cents={owners.base} className="font-medium text-zinc-900" /> of the lifecycle, for {plural(owners.useCases, "use case")}, is {owners.useCases === 1 ? "its owner's" : "their owners'"} manual
            yearly {owners.useCases === 1 ? "estimate" : "estimates"} times the years, not the cost model&apos;s projection: the model does not price agents, pipelines or feedback learning.
          </p>
        ) : null}
      </section>

      <section className={`${card} order-3 lg:order-2`} aria-labelledby="headline-what">
        <h2 id="headline-what" className="text-sm font-medium text-zinc-600">On what</h2>
        {total > 0 ? (
          <>
            <div className="mt-2 flex h-3 overflow-hidden rounded-full bg-zinc-100" aria-hidden="true">
              {shares.map((a) => (
                <span key={a.approach} style={{ width: `${Math.max(1.5, (a.lifecycle.base / total) * 100)}%`, backgroundColor: APPROACH_COLORS[a.approach] }} />
              ))}
            </div>
            <ul className="mt-3 space-y-1 text-sm">
              {shares.slice(0, 4).map((a, i) => (
                <li key={a.approach} className="flex items-baseline justify-between gap-3">
                  <span className="flex min-w-0 items-center gap-2">
                    <span aria-hidden="true" className="inline-block size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: APPROACH_COLORS[a.approach] }} />
                    <CountLink className={link} href={listHref({ asChosen: [a.approach] })}>
                      {APPROACH_LABELS[a.approach]}
                    </CountLink>
                    <span className="text-zinc-600">
                      {plural(inView[a.approach] ?? a.useCases, "use case")}
                      {(inView[a.approach] ?? a.useCases) > a.useCases ? `, ${count((inView[a.approach] ?? a.useCases) - a.useCases)} not costed` : ""}
                    </span>
                  </span>
                  <span className="tabular-nums text-zinc-900">
                    <Compact cents={a.lifecycle.base} /> <span className="text-zinc-600">({percent[i]}%)</span>
                  </span>
                </li>
              ))}
              {shares.length > 4 ? <li className="text-zinc-600">and {plural(shares.length - 4, "other approach", "other approaches")}</li> : null}
            </ul>
          </>
        ) : (
          <p className="mt-2 text-sm text-zinc-600">Nothing is costed yet.</p>
        )}
      </section>

      <section className={`${card} order-2 lg:order-3`} aria-labelledby="headline-needs">
        <h2 id="headline-needs" className="text-sm font-medium text-zinc-600">What needs you</h2>
        <ul className="mt-2 space-y-2 text-sm" data-testid="headline-needs">
          <li>
            {/* The decision queue's "Recommended, no decision" and "Proposed, awaiting approval" (awaitsDecision). */}
            <CountLink className={`${link} font-medium`} href={listHref({ awaitingDecision: ["yes"] })}>
              {plural(d.awaitingDecision, "use case")} awaiting a decision
            </CountLink>
          </li>
          <li>
            <CountLink className={`${link} font-medium`} href={listHref({ flag: [...RISK_FLAGS] })}>
              {plural(d.riskFlagged, "use case")} with a risk flag
            </CountLink>
          </li>
          <li>
            <Link className={`${link} font-medium`} href={disagreementsHref}>
              {plural(d.disagreements, "use case")} where the frameworks split
            </Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
