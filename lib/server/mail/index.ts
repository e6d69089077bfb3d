import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "../db";

/**
 * Mail that really goes out. With SMTP_URL set (smtp://user:pass@host:587, smtps://… for TLS
 * from the start) every message is sent through that server with nodemailer; with nothing set,
 * it is kept in PostgreSQL (OutboxMessage), where the development outbox page shows it, so
 * `npm start` works with nothing configured and several app servers share one outbox.
 * MAIL_FROM names the sender (default "Tradeoff <no-reply@localhost>").
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export function smtpUrl(): string | undefined {
  const url = process.env.SMTP_URL?.trim();
  return url ? url : undefined;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || "Tradeoff <no-reply@localhost>";
}

/** The public address of the app, for links in mail (NEXTAUTH_URL, as next-auth uses it). */
export function appUrl(path: string): string {
  const base = (process.env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path}`;
}

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * The outbox is shown only where no mail goes out, and only outside production or where the
 * two-command start asks for it on a newcomer's own machine (TRADEOFF_LOCAL_OUTBOX=1,
 * scripts/lib/seed-policy.ts localOutboxAllowed): its server runs as production.
 */
export function outboxPageEnabled(): boolean {
  return !smtpUrl() && (process.env.NODE_ENV !== "production" || process.env.TRADEOFF_LOCAL_OUTBOX === "1");
}

/**
 * Sends one message (or keeps it in the outbox). Call it after the transaction that made the
 * link or change has committed: a message about something that was rolled back must not leave.
 */
export async function sendMail(mail: Mail): Promise<{ via: "smtp" | "outbox" }> {
  const url = smtpUrl();
  if (url) {
    await transportFor(url).sendMail({ from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text });
    return { via: "smtp" };
  }
  await db.outboxMessage.create({ data: { to: mail.to, subject: mail.subject, text: mail.text } });
  return { via: "outbox" };
}

/**
 * Sends, and logs rather than throws when the mail server refuses: for mail whose failure must
 * not undo what was already done (an invitation stays valid; the person can ask again).
 */
export async function sendMailBestEffort(mail: Mail): Promise<boolean> {
  try {
    await sendMail(mail);
    return true;
  } catch (err) {
    console.error(`[mail] could not send "${mail.subject}": ${(err as Error).message}`);
    return false;
  }
}

/** The outbox's newest messages, for the development page. */
export async function latestOutbox(limit = 50) {
  return db.outboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
