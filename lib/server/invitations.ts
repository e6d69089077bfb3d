import "server-only";
import { checkAnonymous, countAnonymous } from "./anonymous-throttle";
import { createHash, randomBytes } from "node:crypto";
import { audit } from "./audit";
import { createUser, inAccountTransaction } from "./accounts";
import { db, type Role, type Tx } from "./db";
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from "./errors";
import { recordAttempt, waitFor } from "./login-throttle";
import { hashPassword } from "./passwords";
import { appUrl, sendMailBestEffort } from "./mail";
import { assertStrongPassword, removeUnverifiedAccount, sendVerificationEmail } from "./account-security";

const ROLE_NAMES: Record<Role, string> = { ADMIN: "Admin", EXECUTIVE: "Executive", LEAD: "Project lead", FINANCE: "Finance" };

/**
 * Invitations: an admin invites an email address with a role; the person opens the link, signs
 * up or signs in with that address, and joins. The link's token is 256 random bits shown once to
 * the admin; only its SHA-256 hash is stored. A token works once, for seven days, unless revoked.
 */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Actor {
  organizationId: string;
  actorId: string;
}

export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/**
 * Invitations one admin may send in 15 minutes (the sign-in throttle's window, counted with it in
 * PostgreSQL), then each further one waits, doubling from 30 s. Each invitation mails a stranger
 * text partly of the sender's choosing (the organization's and the inviter's names), so without a
 * limit the app could be used to mail anyone in bulk (a reviewer did). Enough to onboard a team.
 */
export const INVITATIONS_FREE = 50;
const sentKey = (actorId: string) => `invitations:${actorId}`;

export async function createInvitation(actor: Actor, input: { email: string; role: Role }, now = new Date()) {
  const wait = await waitFor([{ key: sentKey(actor.actorId), free: INVITATIONS_FREE }]);
  if (wait > 0) throw new TooManyRequestsError(`You have sent ${INVITATIONS_FREE} invitations in the last 15 minutes. Wait ${wait} second${wait === 1 ? "" : "s"} before sending more.`, wait);
  const token = newInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitation = await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { organizationId: actor.organizationId, user: { email: input.email } },
      select: { id: true },
    });
    if (member) throw new ValidationError("Please correct the highlighted fields.", { email: ["This person is already a member."] });
    // A new invitation for the same address replaces any still pending.
    const replaced = await tx.invitation.findMany({
      where: { organizationId: actor.organizationId, email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true },
    });
    for (const old of replaced) {
      await tx.invitation.update({ where: { id: old.id }, data: { revokedAt: now } });
      await audit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.actorId,
        action: "invitation.revoked",
        entity: "Invitation",
        entityId: old.id,
        before: { revokedAt: null },
        after: { revokedAt: now.toISOString(), reason: "replaced by a new invitation" },
      });
    }
    const inv = await tx.invitation.create({
      data: {
        organizationId: actor.organizationId,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        expiresAt,
        invitedById: actor.actorId,
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await audit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: "invitation.created",
      entity: "Invitation",
      entityId: inv.id,
      after: { email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString() },
    });
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true } });
    const inviter = await tx.user.findUnique({ where: { id: actor.actorId }, select: { name: true } });
    // How many pending invitations to the address this one replaced: their links no longer work, which the admin is told.
    return { ...inv, organizationName: org.name, inviterName: inviter?.name ?? "An admin", replaced: replaced.length };
  });
  await recordAttempt(sentKey(actor.actorId));
  const path = invitationPath(token);
  // Mailed after the commit; a mail server that refuses leaves the invitation valid (the admin
  // is shown the link too, and told the mail did not go).
  const mailed = await sendMailBestEffort({
    to: invitation.email,
    subject: `${invitation.inviterName} invited you to ${invitation.organizationName} on Tradeoff`,
    text: [
      `${invitation.inviterName} invited you to join ${invitation.organizationName} on Tradeoff as ${ROLE_NAMES[invitation.role]}.`,
      "",
      `Accept the invitation: ${appUrl(path)}`,
      "",
      `The link works once, until ${invitation.expiresAt.toUTCString()}. If you did not expect it, ignore this message.`,
    ].join("\n"),
  });
  return { ...invitation, path, mailed };
}

/** Invitations still waiting: not accepted, not revoked, not expired. */
export async function listPendingInvitations(organizationId: string, now = new Date()) {
  return db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export type PendingInvitation = Awaited<ReturnType<typeof listPendingInvitations>>[number];

export async function revokeInvitation(actor: Actor, input: { invitationId: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({
      where: { id: input.invitationId, organizationId: actor.organizationId },
      select: { id: true, email: true, acceptedAt: true, revokedAt: true },
    });
    if (!inv) throw new NotFoundError("That invitation no longer exists.");
    if (inv.acceptedAt) throw new ConflictError("This invitation has already been accepted.");
    if (inv.revokedAt) return { id: inv.id, changed: false };
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: now } });
    await auditRevoked(tx, actor, inv, now);
    return { id: inv.id, changed: true };
  });
}

/** The audit entry of an invitation withdrawn: by an admin, or with `reason` when its sender stopped being one. */
async function auditRevoked(tx: Tx, actor: Actor, inv: { id: string; email: string; role?: Role }, now: Date, reason?: string): Promise<void> {
  await audit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.actorId,
    action: "invitation.revoked",
    entity: "Invitation",
    entityId: inv.id,
    before: { email: inv.email, ...(inv.role ? { role: inv.role } : {}), revokedAt: null },
    after: { email: inv.email, revokedAt: now.toISOString(), ...(reason ? { reason } : {}) },
  });
}

/**
 * Withdraws the pending invitations a member sent, when they stop being an admin (demoted or
 * removed, lib/server/members.ts): an invitation speaks for the admin who sent it
 * (inviterStillAdmin), and one left pending let an outsider join as Admin after its sender had
 * been demoted. Each is audited with the reason.
 */
export async function withdrawInvitationsSentBy(tx: Tx, actor: Actor, userId: string, reason: string, now = new Date()): Promise<void> {
  const pending = await tx.invitation.findMany({
    where: { organizationId: actor.organizationId, invitedById: userId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true },
  });
  if (pending.length === 0) return;
  await tx.invitation.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { revokedAt: now } });
  for (const inv of pending) await auditRevoked(tx, actor, inv, now, reason);
}

export type InvitationStatus = "valid" | "expired" | "used" | "revoked";

export interface InvitationView {
  status: InvitationStatus;
  email: string;
  role: Role;
  expiresAt: Date;
  organization: { id: string; name: string; slug: string };
  /** Whether someone already has an account with the invited address (sign in rather than sign up). */
  accountExists: boolean;
}

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (inv.acceptedAt) return "used";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

/**
 * An invitation speaks for the admin who sent it, so it holds only while they are an admin of the
 * organization: demoting or removing them withdraws their pending invitations (lib/server/members.ts),
 * and one sent before that rule, or in a race with it, is refused here as withdrawn. A review made
 * a lead an admin, had them invite an outside address as Admin, demoted them, and the outsider
 * then joined as Admin.
 */
async function inviterStillAdmin(client: Tx | typeof db, inv: { invitedById: string; organization: { id: string } }): Promise<boolean> {
  return (await client.membership.count({ where: { organizationId: inv.organization.id, userId: inv.invitedById, role: "ADMIN" } })) > 0;
}

/** The invitation's status now: as stored, and withdrawn where its sender is no longer an admin. */
async function statusNow(client: Tx | typeof db, inv: Parameters<typeof statusOf>[0] & Parameters<typeof inviterStillAdmin>[1], now: Date): Promise<InvitationStatus> {
  const status = statusOf(inv, now);
  return status === "valid" && !(await inviterStillAdmin(client, inv)) ? "revoked" : status;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** What the invitation page shows for a token; null when no invitation has it. */
export async function findInvitation(token: string, now = new Date()): Promise<InvitationView | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedById: true,
      organization: { select: { id: true, name: true, slug: true } },
    },
  });
  if (!inv) return null;
  const status = await statusNow(db, inv, now);
  // An account that never confirmed its address does not count: accepting replaces it.
  const account = await db.user.findUnique({ where: { email: inv.email }, select: { id: true, emailVerifiedAt: true } });
  return { status, email: inv.email, role: inv.role, expiresAt: inv.expiresAt, organization: inv.organization, accountExists: !!account?.emailVerifiedAt };
}

export function invitationRefusal(status: Exclude<InvitationStatus, "valid">, organizationName: string): string {
  switch (status) {
    case "expired":
      return `This invitation has expired. Ask an admin of ${organizationName} to send you a new one.`;
    case "used":
      return `This invitation has already been used. If it was you, sign in to reach ${organizationName}.`;
    case "revoked":
      return `This invitation was withdrawn by an admin of ${organizationName}. Ask them for a new one if you still need access.`;
  }
}

export const INVALID_INVITATION_HELP = "Check that you copied the whole link, or ask an admin of the organization for a new one.";
export const INVALID_INVITATION = `This invitation link is not valid. ${INVALID_INVITATION_HELP}`;

/**
 * Invitation links that turn out not to exist are counted per address, and an address that has
 * tried too many is refused for a while (lib/server/anonymous-throttle.ts), before any lookup:
 * guessing tokens is slowed down, for the page and both ways of accepting.
 */
export async function countingInvalidTokens<T>(work: (address: string) => Promise<T>): Promise<T> {
  const address = await checkAnonymous("invite");
  try {
    return await work(address);
  } catch (err) {
    if (err instanceof NotFoundError && err.message === INVALID_INVITATION) await countAnonymous("invite", address);
    throw err;
  }
}

/** The invitation page's lookup, counted like acceptance: null for a link that does not exist. */
export async function findInvitationCounted(token: string): Promise<InvitationView | null> {
  return countingInvalidTokens(async () => {
    const found = await findInvitation(token);
    if (!found) throw new NotFoundError(INVALID_INVITATION);
    return found;
  }).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
}

/**
 * Claims the invitation inside `tx`: refused unless it is still valid. The claim is one
 * conditional UPDATE, so two people racing with one link cannot both join.
 */
async function claim(tx: Tx, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) throw new NotFoundError(INVALID_INVITATION);
  const inv = await tx.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, invitedById: true, organization: { select: { id: true, name: true, slug: true } } },
  });
  if (!inv) throw new NotFoundError(INVALID_INVITATION);
  const status = await statusNow(tx, inv, now);
  if (status !== "valid") throw new ConflictError(invitationRefusal(status, inv.organization.name), { status });
  const { count } = await tx.invitation.updateMany({
    where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (count !== 1) throw new ConflictError(invitationRefusal("used", inv.organization.name), { status: "used" });
  return inv;
}

async function join(tx: Tx, inv: Awaited<ReturnType<typeof claim>>, userId: string, now: Date) {
  const existing = await tx.membership.findFirst({ where: { organizationId: inv.organization.id, userId }, select: { id: true, role: true } });
  await audit(tx, {
    organizationId: inv.organization.id,
    actorId: userId,
    action: "invitation.accepted",
    entity: "Invitation",
    entityId: inv.id,
    before: { acceptedAt: null },
    after: { acceptedAt: now.toISOString(), userId },
  });
  if (existing) return { organization: inv.organization, role: existing.role, alreadyMember: true };
  const membership = await tx.membership.create({ data: { organizationId: inv.organization.id, userId, role: inv.role }, select: { id: true } });
  await audit(tx, {
    organizationId: inv.organization.id,
    actorId: userId,
    action: "membership.created",
    entity: "Membership",
    entityId: membership.id,
    after: { userId, role: inv.role, via: "invitation", invitationId: inv.id },
  });
  return { organization: inv.organization, role: inv.role, alreadyMember: false };
}

function wrongAccount(invitedEmail: string): ConflictError {
  return new ConflictError(`This invitation is for ${invitedEmail}. Sign out, then open the link again and sign in with that address.`);
}

/** A signed-in person accepts an invitation sent to their own address. */
export async function acceptInvitation(user: { id: string; email: string }, token: string, now = new Date()) {
  return countingInvalidTokens(() => acceptInvitationNow(user, token, now));
}

async function acceptInvitationNow(user: { id: string; email: string }, token: string, now: Date) {
  return db.$transaction(async (tx) => {
    const inv = await claim(tx, token, now);
    if (inv.email !== user.email.toLowerCase()) throw wrongAccount(inv.email);
    return join(tx, inv, user.id, now);
  });
}

/** Someone new accepts: an account for the invited address is created and joins, all at once. */
export async function acceptInvitationWithSignUp(input: { token: string; name: string; password: string }, now = new Date()) {
  return countingInvalidTokens(async (address) => {
    // An account made this way counts as a sign-up (a wrong token counts as a guess instead).
    await checkAnonymous("signup", address);
    const joined = await acceptInvitationWithSignUpNow(input, now);
    await countAnonymous("signup", address);
    return joined;
  });
}

async function acceptInvitationWithSignUpNow(input: { token: string; name: string; password: string }, now: Date) {
  // The strength check needs the invited address (its words are easy guesses): read, not claimed yet.
  const peek = TOKEN_SHAPE.test(input.token)
    ? await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(input.token) }, select: { email: true, organization: { select: { name: true } } } })
    : null;
  if (peek) assertStrongPassword("password", input.password, { email: peek.email, name: input.name, organizationName: peek.organization.name });
  const passwordHash = await hashPassword(input.password);
  const joined = await inAccountTransaction(async (tx) => {
    const inv = await claim(tx, input.token, now);
    // An unconfirmed account for the address (someone signed up with it and never confirmed)
    // does not block the invitation: it is replaced.
    await removeUnverifiedAccount(tx, inv.email);
    const user = await createUser(tx, { email: inv.email, name: input.name, passwordHash }).catch((err: unknown) => {
      if (err instanceof ValidationError) {
        throw new ConflictError(`An account for ${inv.email} already exists. Sign in to accept this invitation.`);
      }
      throw err;
    });
    const joined = await join(tx, inv, user.id, now);
    return { ...joined, email: user.email, userId: user.id };
  });
  // The invitation link may have been passed on by hand: the address is confirmed by mail, as at sign-up.
  await sendVerificationEmail(joined.userId).catch((err: Error) => console.error(`[mail] confirmation link not sent: ${err.message}`));
  return joined;
}
