import Link from "next/link";
import { moveText, reprojectionSentences, type ReprojectionImpact } from "@/lib/domain/costing/reprojection-impact";
import { dollars } from "@/lib/domain/money";

/**
 * The success message of a new assumption version, saved on the Assumptions page or started from
 * the actual cost per call on the Actual spend page: the version, and what re-pricing the use cases
 * moved (the lifecycle total as chosen, before → after; how many use cases moved; the few that
 * moved most, each linked to its page).
 */
export function SavedImpact({ orgSlug, version, reprojected, impact }: { orgSlug: string; version: number; reprojected: number; impact: ReprojectionImpact }) {
  const s = reprojectionSentences(impact, dollars);
  return (
    <div data-testid="assumptions-saved">
      <p>
        Saved version {version}; {reprojected.toLocaleString("en-US")} use case{reprojected === 1 ? "" : "s"} re-projected.
      </p>
      <p className="mt-1 font-normal" data-testid="saved-total">{s.total}</p>
      {s.moved ? <p className="mt-1 font-normal" data-testid="saved-moved">{s.moved}</p> : null}
      {impact.most.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 font-normal" data-testid="saved-most">
          {impact.most.map((uc) => (
            <li key={uc.id}>
              <Link className="underline underline-offset-2" href={`/o/${orgSlug}/use-cases/${encodeURIComponent(uc.id)}`}>
                {uc.title}
              </Link>
              : {moveText(uc, dollars)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
