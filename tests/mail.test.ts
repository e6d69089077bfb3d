/**
 * Mail: through SMTP when SMTP_URL is set (a real SMTP server runs in this process and we read
 * what arrived), else into the PostgreSQL outbox that the development page shows. Invitations
 * are mailed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inviteMember } from "@/app/o/[org]/members/actions";
import { db } from "@/lib/server/db";
import { outboxPageEnabled, sendMail } from "@/lib/server/mail";
import { createTestOrg } from "./helpers/factory";
import { signInAs, signOut } from "./helpers/session";
import { startSmtp, type TestSmtp } from "./helpers/smtp";

const address = () => `mail-${crypto.randomUUID().slice(0, 8)}@mail.test`;

describe("with SMTP_URL set", () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Tradeoff <tradeoff@mail.test>";
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    await smtp.close();
  });

  it("sends through the SMTP server, from MAIL_FROM, and keeps nothing in the outbox", async () => {
    const to = address();
    const before = await db.outboxMessage.count();
    const res = await sendMail({ to, subject: "Hello there", text: "Line one.\nLine two." });
    expect(res.via).toBe("smtp");
    const [got] = smtp.to(to);
    expect(got).toMatchObject({ from: "tradeoff@mail.test", subject: "Hello there" });
    expect(got!.text).toContain("Line two.");
    expect(await db.outboxMessage.count()).toBe(before);
    expect(outboxPageEnabled()).toBe(false);
  });

  it("mails an invitation to the invited address with the link the admin was shown", async () => {
    const org = await createTestOrg("mailinv");
    const to = address();
    signInAs(org.users.ADMIN.id);
    const res = await inviteMember(org.slug, { email: to, role: "LEAD" });
    signOut();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [got] = smtp.to(to);
    expect(got!.subject).toContain(org.name);
    expect(got!.text).toContain("Project lead");
    expect(smtp.linkTo(to, "/invite/")).toMatch(new RegExp(`${res.data.path}$`));
  });

  it("a mail server that refuses does not undo the invitation; the admin still has the link", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens there
    try {
      const org = await createTestOrg("mailfail");
      signInAs(org.users.ADMIN.id);
      const res = await inviteMember(org.slug, { email: address(), role: "LEAD" });
      signOut();
      expect(res.ok && res.data.mailed).toBe(false);
      expect(await db.invitation.count({ where: { organizationId: org.id } })).toBe(1);
    } finally {
      process.env.SMTP_URL = smtp.url;
    }
  });
});

describe("with nothing set", () => {
  beforeEach(() => {
    delete process.env.SMTP_URL;
  });

  it("keeps the message in the PostgreSQL outbox, which the development page may show", async () => {
    const to = address();
    const res = await sendMail({ to, subject: "Kept", text: "In the outbox." });
    expect(res.via).toBe("outbox");
    const rows = await db.outboxMessage.findMany({ where: { to } });
    expect(rows).toMatchObject([{ subject: "Kept", text: "In the outbox." }]);
    expect(outboxPageEnabled()).toBe(true);
  });

  it("the outbox page is off in production even with no SMTP_URL, unless the two-command start asks for it (its server runs as production)", () => {
    const env = process.env as Record<string, string | undefined>;
    const was = env.NODE_ENV;
    env.NODE_ENV = "production";
    try {
      expect(outboxPageEnabled()).toBe(false);
      env.TRADEOFF_LOCAL_OUTBOX = "1";
      expect(outboxPageEnabled()).toBe(true);
      env.SMTP_URL = "smtp://127.0.0.1:1";
      expect(outboxPageEnabled()).toBe(false);
    } finally {
      env.NODE_ENV = was;
      delete env.TRADEOFF_LOCAL_OUTBOX;
      delete env.SMTP_URL;
    }
  });
});
