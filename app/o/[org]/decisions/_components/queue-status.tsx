"use client";
/**
 * The queue's status line: what a step just taken on one of its lines did ("Approved Fine-tuning
 * for …"). It lives above the list, not on the line: an approved line leaves the list, or changes,
 * once the page is refreshed, and a message on it went with it. It is always on the page (empty
 * until a step is taken), so screen readers announce what is put in it.
 */
import { createContext, useContext, useState, type ReactNode } from "react";

const QueueStatusContext = createContext<((text: string) => void) | null>(null);

/** Says `text` in the queue's status line; null outside a QueueStatus (the step then says it in place). */
export function useQueueStatus(): ((text: string) => void) | null {
  return useContext(QueueStatusContext);
}

export function QueueStatus({ children }: { children: ReactNode }) {
  const [text, setText] = useState("");
  return (
    <QueueStatusContext.Provider value={setText}>
      <p role="status" data-testid="queue-status" className={text ? "mb-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" : "sr-only"}>
        {text}
      </p>
      {children}
    </QueueStatusContext.Provider>
  );
}
