import { APPROACH_LABELS, APPROACHES, type Approach } from "@/lib/domain/assessment";
import { EVIDENCE_LEVELS, type Evidence } from "@/lib/domain/frameworks";
import { NO_APPROACH } from "@/lib/domain/portfolio/filter";
import { count } from "@/lib/domain/portfolio/format";
import type { Dashboard } from "@/lib/domain/portfolio/types";
import { CountLink, link, Panel, ScrollTable, td, tdNum, th, thNum, type ListHref } from "./panel";

/**
 * A row of the matrix: an approach recommended, or nothing recommended, said apart by why: not
 * assessed (no deciding answer yet) or assessed with the frameworks' picks held back (they cannot
 * serve the use case, or wait on the answers that would justify training a model).
 */
type MatrixRow = { rec: Approach } | { rec: null; assessed: boolean };

const NOT_ASSESSED = { label: "No recommendation: not assessed", said: "nothing (not assessed)" };
const HELD_BACK = { label: "No recommendation: assessed, held back", said: "nothing (assessed, the frameworks' picks held back)" };

export function MatrixPanel({ d, listHref }: { d: Dashboard; listHref: ListHref }) {
  const none = d.matrix.filter((m) => m.recommended === null);
  const rows: MatrixRow[] = [
    ...APPROACHES.filter((a) => d.matrix.some((m) => m.recommended === a)).map((rec) => ({ rec })),
    ...(none.some((m) => m.notAssessed > 0) ? [{ rec: null, assessed: false }] : []),
    ...(none.some((m) => m.count > m.notAssessed) ? [{ rec: null, assessed: true }] : []),
  ];
  const cols: (Approach | null)[] = [...APPROACHES.filter((a) => d.matrix.some((m) => m.chosen === a)), null];
  const cell = (r: MatrixRow, c: Approach | null) => {
    const m = d.matrix.find((x) => x.recommended === r.rec && x.chosen === c);
    if (!m) return 0;
    return r.rec !== null ? m.count : r.assessed ? m.count - m.notAssessed : m.notAssessed;
  };
  const rowName = (r: MatrixRow) => (r.rec ? APPROACH_LABELS[r.rec] : r.assessed ? HELD_BACK.label : NOT_ASSESSED.label);
  const rowSaid = (r: MatrixRow) => (r.rec ? APPROACH_LABELS[r.rec] : r.assessed ? HELD_BACK.said : NOT_ASSESSED.said);
  const rowFilter = (r: MatrixRow) =>
    r.rec ? { recommended: [r.rec] } : { recommended: [NO_APPROACH], evidence: r.assessed ? EVIDENCE_LEVELS.filter((e) => e !== "none") : (["none"] as Evidence[]) };
  const key = (r: MatrixRow) => (r.rec ?? (r.assessed ? "held-back" : "not-assessed"));
  return (
    <Panel title="Recommended against chosen" description="Use cases by the frameworks' recommendation (rows) and the decision (columns). “None chosen” holds every use case with no decision, those with nothing recommended too; only those with a recommendation or a proposal count as awaiting a decision. Each count opens the list." testId="matrix-panel">
      <ScrollTable caption="Use cases by recommended approach (rows) and chosen approach (columns)" testId="matrix">
        <thead>
          <tr>
            <th scope="col" className={th}>Recommended ↓ chosen →</th>
            {cols.map((c) => <th key={c ?? "none"} scope="col" className={thNum}>{c ? APPROACH_LABELS[c] : "None chosen"}</th>)}
            <th scope="col" className={thNum}>Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const rowTotal = cols.reduce((s, c) => s + cell(r, c), 0);
            return (
              <tr key={key(r)} data-testid={`matrix-row-${key(r)}`}>
                <th scope="row" className={`${td} text-left font-medium`}>{rowName(r)}</th>
                {cols.map((c) => {
                  const n = cell(r, c);
                  const label = `${n} recommended ${rowSaid(r)}, ${c ? `chosen ${APPROACH_LABELS[c]}` : "none chosen"}`;
                  return (
                    <td key={c ?? "none"} className={`${tdNum} ${r.rec !== null && r.rec === c && n > 0 ? "bg-emerald-50" : ""}`}>
                      {n === 0 ? (
                        <span className="text-zinc-500">0</span>
                      ) : (
                        <CountLink className={link} href={listHref({ ...rowFilter(r), chosen: [c ?? NO_APPROACH] })} aria-label={label}>
                          {count(n)}
                        </CountLink>
                      )}
                    </td>
                  );
                })}
                <td className={`${tdNum} font-medium`}>
                  <CountLink className={link} href={listHref(rowFilter(r))} aria-label={`${rowTotal} recommended ${rowSaid(r)}`}>{count(rowTotal)}</CountLink>
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </Panel>
  );
}
