"use client";
import { buttonClass } from "@/components/button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { commentSchema } from "@/lib/domain/decisions/schemas";
import { addComment } from "../actions";
import { ScriptButton } from "@/components/script-button";

export function CommentForm(props: { orgSlug: string; useCaseId: string; members: string[] }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const input = { useCaseId: props.useCaseId, body };
        const hint = commentSchema.safeParse(input);
        if (!hint.success) return setMessage({ ok: false, text: hint.error.issues.map((i) => i.message).join(" ") });
        start(async () => {
          const r = await addComment(props.orgSlug, input);
          if (!r.ok) return setMessage({ ok: false, text: r.message });
          setBody("");
          setMessage({ ok: true, text: r.data.mentioned > 0 ? `Comment added; ${r.data.mentioned === 1 ? "the person" : `${r.data.mentioned} people`} mentioned will be notified.` : "Comment added." });
          router.refresh();
        });
      }}
    >
      <label htmlFor="comment-body" className="block text-sm font-medium">
        Add a comment
      </label>
      <p id="comment-hint" className="text-xs text-zinc-600">
        Mention a member with @ and their name ({props.members.slice(0, 6).map((m) => `@${m}`).join(", ")}
        {props.members.length > 6 ? ", …" : ""}); they are notified.
      </p>
      <textarea id="comment-body" aria-describedby="comment-hint" rows={3} value={body} onChange={(e) => setBody(e.target.value)} className="block w-full rounded border border-zinc-300 px-2 py-1.5 text-sm" />
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-green-800" : "text-red-800"}`} data-testid="comment-message">
          {message.text}
        </p>
      )}
      <ScriptButton type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Posting…" : "Post comment"}
      </ScriptButton>
    </form>
  );
}
