import type { ReactNode } from "react";

/** An amount as lib/domain/money.ts writes it, its sign with it: "−$51,083.32", "$2,866,412", "$1.2M". */
const AMOUNT = /[−-]?\$\d[\d,]*(?:\.\d+)?[kMB]?/g;

/**
 * Text with amounts in it, each amount kept on one line: a browser may break a line between a minus
 * sign and the dollar sign ("… / −" then "$51,083.32" on the next line), which reads as two
 * figures. The text between them still wraps where it may ("$1 / $2 / $3" at its spaces).
 */
export function MoneyText({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(AMOUNT)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(
      <span key={m.index} className="whitespace-nowrap">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
