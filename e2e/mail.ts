/**
 * The mail the app sent during the browser tests: playwright.config.ts runs a real SMTP server
 * (scripts/smtp-sink.ts) and points the app's SMTP_URL at it; each message arrives as a file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";
import { MAIL_SINK_DIR } from "../playwright.config";

export interface SentMail {
  to: string[];
  subject: string;
  text: string;
}

export function mailTo(address: string): SentMail[] {
  let files: string[] = [];
  try {
    files = readdirSync(MAIL_SINK_DIR).sort();
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(MAIL_SINK_DIR, f), "utf8")) as SentMail)
    .filter((m) => m.to.includes(address.toLowerCase()));
}

/** The paths of the links in `mail` whose path starts with `prefix`. */
function linksIn(mail: SentMail, prefix: string): string[] {
  return (mail.text.match(/https?:\/\/\S+/g) ?? []).map((l) => new URL(l).pathname).filter((p) => p.startsWith(prefix));
}

/**
 * Waits for the `nth` message (1-based) to `address` holding a link whose path starts with
 * `prefix`, and returns that link's path (to open on the test server).
 */
export async function linkInMail(address: string, prefix: string, nth = 1): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const withLink = mailTo(address).filter((m) => linksIn(m, prefix).length > 0);
        found = withLink[nth - 1] ? linksIn(withLink[nth - 1]!, prefix)[0] : undefined;
        return found;
      },
      { message: `mail number ${nth} to ${address} with a link to ${prefix}` },
    )
    .toBeTruthy();
  return found!;
}
