/**
 * Mentions in a comment: "@" followed by a member's name (or the part of their email before the
 * "@"), matched without regard to case, the longest name first, so "@Ana Lima" is Ana Lima and not
 * a member called Ana. An "@" that names nobody is left as text.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

export function findMentions(body: string, members: readonly Mentionable[]): string[] {
  const handles = members
    .flatMap((m) => [m.name, m.email.split("@")[0] ?? ""].filter((h) => h.trim().length > 0).map((h) => ({ id: m.id, handle: h.trim().toLowerCase() })))
    .sort((a, b) => b.handle.length - a.handle.length);
  const text = body.toLowerCase();
  const found: string[] = [];
  for (let i = text.indexOf("@"); i !== -1; i = text.indexOf("@", i + 1)) {
    // An email address in the text ("ana@example.com") is not a mention.
    if (i > 0 && /[a-z0-9._-]/.test(text[i - 1]!)) continue;
    const rest = text.slice(i + 1);
    const hit = handles.find((h) => rest.startsWith(h.handle) && !/[\p{L}\p{N}_]/u.test(rest[h.handle.length] ?? ""));
    if (hit && !found.includes(hit.id)) found.push(hit.id);
  }
  return found;
}
