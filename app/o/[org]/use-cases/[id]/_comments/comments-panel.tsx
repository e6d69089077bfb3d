/** Comments on a use case, oldest first, and the form to add one (issue 20 item 5). */
import { listComments, mentionableMembers } from "@/lib/server/comments";
import { db } from "@/lib/server/db";
import { formatDateTime } from "../../_components/labels";
import { CommentForm } from "./comment-form";

export async function CommentsPanel(props: { orgSlug: string; organizationId: string; useCaseId: string }) {
  const [comments, members] = await Promise.all([listComments(props.organizationId, props.useCaseId), mentionableMembers(db, props.organizationId)]);
  return (
    <section aria-labelledby="comments-heading" className="space-y-4">
      <h2 id="comments-heading" className="text-base font-semibold">
        Comments
      </h2>
      {comments.length === 0 ? (
        <p className="text-sm text-zinc-600">No comments yet.</p>
      ) : (
        <ol className="space-y-3" data-testid="comments">
          {comments.map((c) => (
            <li key={c.id} className="rounded border border-zinc-200 p-3">
              <p className="text-sm">
                <span className="font-medium">{c.author}</span>
                <span className="text-zinc-500"> · {formatDateTime(c.createdAt)}</span>
                {c.mentions.length > 0 && <span className="text-zinc-500"> · mentions {c.mentions.join(", ")}</span>}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-sm">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <CommentForm orgSlug={props.orgSlug} useCaseId={props.useCaseId} members={members.map((m) => m.name)} />
    </section>
  );
}
