import "server-only";
import { findMentions } from "@/lib/domain/decisions/mentions";
import { audit } from "./audit";
import { db, type Tx } from "./db";
import { NotFoundError } from "./errors";
import { notify } from "./notifications";
import type { WriteContext } from "./use-cases/write";
import { compareByName } from "@/lib/domain/title-order";

/**
 * Comments on a use case (issue 20 item 5). Any member may comment (finance too: a question about
 * a budget is a comment); the members mentioned ("@Name") are notified; each comment is audited
 * on the use case.
 */

export const COMMENT_AUDIT = "comment.created";

export interface CommentItem {
  id: string;
  body: string;
  createdAt: Date;
  author: string;
  mentions: string[];
}

/** The organization's members, as a comment can mention them. */
export async function mentionableMembers(tx: Tx | typeof db, organizationId: string) {
  const rows = await tx.membership.findMany({ where: { organizationId }, select: { user: { select: { id: true, name: true, email: true } } } });
  return rows.map((r) => r.user).sort(compareByName);
}

export async function addComment(tx: Tx, ctx: WriteContext, input: { useCaseId: string; body: string }): Promise<{ id: string; mentioned: number }> {
  const { organizationId } = ctx;
  const uc = await tx.useCase.findFirst({ where: { id: input.useCaseId, organizationId, deletedAt: null }, select: { id: true, title: true } });
  if (!uc) throw new NotFoundError("This use case does not exist.");
  const members = await mentionableMembers(tx, organizationId);
  const mentions = findMentions(input.body, members);
  const comment = await tx.useCaseComment.create({ data: { organizationId, useCaseId: uc.id, authorId: ctx.actorId, body: input.body, mentions } });
  await audit(tx, {
    organizationId,
    actorId: ctx.actorId,
    action: COMMENT_AUDIT,
    entity: "UseCase",
    entityId: uc.id,
    before: null,
    after: { comment: input.body },
  });
  const author = members.find((m) => m.id === ctx.actorId)?.name ?? "Someone";
  const excerpt = input.body.length > 140 ? `${input.body.slice(0, 139)}…` : input.body;
  const mentioned = await notify(tx, {
    organizationId,
    userIds: mentions,
    actorId: ctx.actorId,
    kind: "mention",
    useCaseId: uc.id,
    message: `${author} mentioned you on “${uc.title}”: ${excerpt}`,
  });
  return { id: comment.id, mentioned };
}

export async function listComments(organizationId: string, useCaseId: string): Promise<CommentItem[]> {
  const rows = await db.useCaseComment.findMany({
    where: { organizationId, useCaseId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, body: true, createdAt: true, authorId: true, mentions: true },
  });
  const ids = [...new Set(rows.flatMap((r) => [r.authorId, ...r.mentions]))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids }, memberships: { some: { organizationId } } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt, author: names.get(r.authorId) ?? "a former member", mentions: r.mentions.map((m) => names.get(m) ?? "a former member") }));
}
