import Link from "next/link";
import { APPROACH_LABELS } from "@/lib/domain/assessment";
import { missingInWords } from "@/lib/domain/costing";
import { count, plural } from "@/lib/domain/portfolio/format";
import type { Dashboard, UseCaseRef } from "@/lib/domain/portfolio/types";
import { CountLink, link, type ListHref, type UseCaseHref } from "./panel";

function RefList({ refs, useCaseHref, more, allHref }: { refs: UseCaseRef[]; useCaseHref: UseCaseHref; more: number; allHref?: string | null }) {
  return (
    <>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {refs.map((r) => (
          <li key={r.id}>
            <Link className={link} href={useCaseHref(r.id)}>
              {r.title}
            </Link>
            {/* One string, not several text nodes (each costs a marker in the HTML and an entry in the React payload): this list runs to fifty. */}
            <span className="text-zinc-600">{r.approach ? ` (${APPROACH_LABELS[r.approach]})` : " (no recommendation)"}</span>
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p className="mt-1">
          and {count(more)} more
          {allHref ? (
            <>
              :{" "}
              <CountLink className={link} href={allHref}>
                all {count(refs.length + more)} in the use-case list
              </CountLink>
            </>
          ) : null}
          .
        </p>
      ) : null}
    </>
  );
}

/** What the totals leave out: never a silent $0. Counted in a sentence; the use cases on request. */
export function Coverage({ d, useCaseHref, listHref }: { d: Dashboard; useCaseHref: UseCaseHref; listHref: ListHref }) {
  const na = d.notAssessed.count;
  if (na === 0 && d.notCosted.count === 0 && d.incomplete.count === 0) return null;
  const nc = d.notCosted.count;
  const inc = d.incomplete.count;
  return (
    <section className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" aria-label="What the totals leave out" data-testid="coverage">
      {na > 0 ? (
        <details data-testid="not-assessed">
          <summary className="cursor-pointer">
            <span className="font-medium">{plural(na, "use case")} {na === 1 ? "is" : "are"} not assessed</span>: no deciding question answered yet, so no
            recommendation and no cost. {na === 1 ? "It is" : "They are"} in no total here, not counted as $0. <span className="underline">Show {na === 1 ? "it" : "them"}</span>
          </summary>
          <RefList refs={d.notAssessed.examples} useCaseHref={useCaseHref} more={na - d.notAssessed.examples.length} allHref={listHref({ evidence: ["none"] })} />
        </details>
      ) : null}
      {nc > 0 ? (
        <details data-testid="not-costed">
          <summary className="cursor-pointer">
            <span className="font-medium">{plural(nc, "use case")} {nc === 1 ? "has" : "have"} no cost as chosen</span> (an agent
            without a manual estimate, or no recommendation and no decision yet): left out of the totals, not counted as $0. <span className="underline">Show {nc === 1 ? "it" : "them"}</span>
          </summary>
          <RefList refs={d.notCosted.examples} useCaseHref={useCaseHref} more={nc - d.notCosted.examples.length} allHref={listHref({ costs: ["NOT_COSTED"] })} />
        </details>
      ) : null}
      {inc > 0 ? (
        <details data-testid="incomplete">
          <summary className="cursor-pointer">
            <span className="font-medium">
              {plural(inc, "use case")} lack{inc === 1 ? "s" : ""} figures
            </span>
            {d.incomplete.missing.length ? ` (${d.incomplete.missing.slice(0, 3).map((m) => `${missingInWords(m.key)}: ${count(m.useCases)}`).join("; ")})` : " (e.g. a model price)"}: their totals leave those
            costs out. <span className="underline">Show {inc === 1 ? "it" : "them"}</span>
          </summary>
          <RefList refs={d.incomplete.examples} useCaseHref={useCaseHref} more={inc - d.incomplete.examples.length} allHref={listHref({ costs: ["INCOMPLETE"] })} />
        </details>
      ) : null}
    </section>
  );
}
