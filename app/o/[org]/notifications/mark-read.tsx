"use client";
import { buttonClass } from "@/components/button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markNotificationsRead } from "./actions";
import { ScriptButton } from "@/components/script-button";

export function MarkRead(props: { orgSlug: string; ids?: string[]; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <ScriptButton
        disabled={pending}
        className={buttonClass("secondary", props.ids ? "px-2 py-1 text-xs" : "")}
        onClick={() =>
          start(async () => {
            const r = await markNotificationsRead(props.orgSlug, props.ids ? { ids: props.ids } : { all: true });
            if (!r.ok) return setError(r.message);
            router.refresh();
          })
        }
      >
        {props.label}
      </ScriptButton>
      {error && (
        <span role="alert" className="text-xs text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
