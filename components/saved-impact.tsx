import Link from "next/link";
import { moveText, reprojectionSentences, savedHeadline, type ImpactMood, type ReprojectionImpact } from "@/lib/domain/costing/reprojection-impact";
import { dollars } from "@/lib/domain/money";

/**
 * The success message of a new assumption version, saved on the Assumptions page or started from
 * the actual cost per call on the Actual spend page: the version, and what re-pricing the use cases
 * moved (the lifecycle total as chosen, before → after; how many use cases moved; the few that
 * moved most, each linked to its page; the recommendations that changed).
 */
export function SavedImpact({ orgSlug, version, reprojected, impact }: { orgSlug: string; version: number; reprojected: number; impact: ReprojectionImpact }) {
  return (
    <div data-testid="assumptions-saved">
      <p>{savedHeadline(version, reprojected, impact)}</p>
      <ImpactDetails orgSlug={orgSlug} impact={impact} mood="done" testIds="saved" />
    </div>
  );
}

/**
 * What saving the form would do, before anything is saved (the Assumptions page's preview): the
 * same sentences as the success message, in the conditional.
 */
export function PreviewImpact({ orgSlug, version, impact }: { orgSlug: string; version: number; impact: ReprojectionImpact }) {
  return (
    <div data-testid="assumptions-preview">
      <p className="font-medium">
        If you save these figures as version {version}, for the {impact.useCases.toLocaleString("en-US")} use case{impact.useCases === 1 ? "" : "s"} not in the trash:
      </p>
      <ImpactDetails orgSlug={orgSlug} impact={impact} mood="preview" testIds="preview" />
      <p className="mt-1 text-zinc-600">Nothing is saved yet. Change a figure and preview again, or save below.</p>
    </div>
  );
}

function ImpactDetails({ orgSlug, impact, mood, testIds }: { orgSlug: string; impact: ReprojectionImpact; mood: ImpactMood; testIds: "saved" | "preview" }) {
  const s = reprojectionSentences(impact, dollars, mood);
  return (
    <>
      <p className="mt-1 font-normal" data-testid={`${testIds}-total`}>{s.total}</p>
      {s.moved ? <p className="mt-1 font-normal" data-testid={`${testIds}-moved`}>{s.moved}</p> : null}
      {impact.most.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 font-normal" data-testid={`${testIds}-most`}>
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
      {s.missing ? <p className="mt-1 font-normal text-amber-900" data-testid={`${testIds}-missing`}>{s.missing}</p> : null}
      {s.rerecommended ? <p className="mt-1 font-normal" data-testid={`${testIds}-rerecommended`}>{s.rerecommended}</p> : null}
    </>
  );
}
