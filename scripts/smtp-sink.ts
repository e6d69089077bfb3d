/**
 * A real SMTP server for the browser tests (playwright.config.ts starts it beside the app, whose
 * SMTP_URL points here): each message that arrives is parsed and written as one JSON file
 * ({ to, subject, text }) in MAIL_SINK_DIR, where the journeys read their links (e2e/mail.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.MAIL_SINK_PORT);
const dir = process.env.MAIL_SINK_DIR;
if (!port || !dir) throw new Error("Set MAIL_SINK_PORT and MAIL_SINK_DIR.");
mkdirSync(dir, { recursive: true });
let n = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const file = join(dir, `${Date.now()}-${process.pid}-${++n}.json`);
        writeFileSync(file, JSON.stringify({ to, subject: mail.subject ?? "", text: mail.text ?? "" }));
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});
server.listen(port, "127.0.0.1", () => console.log(`SMTP sink on 127.0.0.1:${port}, writing to ${dir}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
