/**
 * A real SMTP server inside the test process (smtp-server), which keeps what arrives, parsed
 * (mailparser). `withSmtp()` points SMTP_URL at it for the tests of one file.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /** Messages to this address, oldest first. */
  to(address: string): Received[];
  /** The first link in the newest message to this address whose path starts with `prefix`. */
  linkTo(address: string, prefix: string): string | undefined;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to,
    linkTo(address, prefix) {
      const newest = to(address).at(-1);
      const links = newest?.text.match(/https?:\/\/\S+/g) ?? [];
      return links.find((l) => new URL(l).pathname.startsWith(prefix));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
