import { APPROACH_LABELS, APPROACHES, type Approach } from "@/lib/domain/assessment";
import { NO_APPROACH } from "@/lib/domain/portfolio/filter";
import { count } from "@/lib/domain/portfolio/format";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { CountLink, link, Panel, ScrollTable, td, tdNum, th, thNum, type ListHref } from "./panel";

export function MatrixPanel({ d, listHref }: { d: Dashboard; listHref: ListHref }) {
  const recs: (Approach | null)[] = [...APPROACHES.filter((a) => d.matrix.some((m) => m.recommended === a)), ...(d.matrix.some((m) => m.recommended === null) ? [null] : [])];
  const cols: (Approach | null)[] = [...APPROACHES.filter((a) => d.matrix.some((m) => m.chosen === a)), null];
  const cell = (r: Approach | null, c: Approach | null) => d.matrix.find((m) => m.recommended === r && m.chosen === c)?.count ?? 0;
  const name = (a: Approach | null, none: string) => (a ? APPROACH_LABELS[a] : none);
  return (
    <Panel title="Recommended against chosen" description="Use cases by the frameworks' recommendation (rows) and the decision (columns). Each count opens the list." testId="matrix-panel">
      <ScrollTable caption="Use cases by recommended approach (rows) and chosen approach (columns)" testId="matrix">
        <thead>
          <tr>
            <th scope="col" className={th}>Recommended ↓ chosen →</th>
            {cols.map((c) => <th key={c ?? "none"} scope="col" className={thNum}>{name(c, "None chosen")}</th>)}
            <th scope="col" className={thNum}>Total</th>
          </tr>
        </thead>
        <tbody>
          {recs.map((r) => {
            const rowTotal = cols.reduce((s, c) => s + cell(r, c), 0);
            return (
              <tr key={r ?? "none"}>
                <th scope="row" className={`${td} text-left font-medium`}>{name(r, "No recommendation (mostly not assessed)")}</th>
                {cols.map((c) => {
                  const n = cell(r, c);
                  const label = `${n} recommended ${name(r, "nothing (not assessed or no framework voted)")}, ${c ? `chosen ${APPROACH_LABELS[c]}` : "none chosen"}`;
                  return (
                    <td key={c ?? "none"} className={`${tdNum} ${r !== null && r === c && n > 0 ? "bg-emerald-50" : ""}`}>
                      {n === 0 ? (
                        <span className="text-zinc-500">0</span>
                      ) : (
                        <CountLink className={link} href={listHref({ recommended: [r ?? NO_APPROACH], chosen: [c ?? NO_APPROACH] })} aria-label={label}>
                          {count(n)}
                        </CountLink>
                      )}
                    </td>
                  );
                })}
                <td className={`${tdNum} font-medium`}>
                  <CountLink className={link} href={listHref({ recommended: [r ?? NO_APPROACH] })} aria-label={`${rowTotal} recommended ${name(r, "nothing (not assessed or no framework voted)")}`}>{count(rowTotal)}</CountLink>
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </Panel>
  );
}
