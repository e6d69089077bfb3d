/**
 * The Sources page numbers each document as the rest of the app cites it: "002 says…" finds 002
 * here. It numbered them 1 to 5, so "002" pointed a reader to the wrong document (item 2 is 001).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import SourcesPage from "@/app/o/[org]/sources/page";
import SourcePage from "@/app/o/[org]/sources/[id]/page";
import { SOURCES } from "@/lib/domain/sources";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { signInAs } from "./helpers/session";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg("sources");
});

describe("the Sources page", () => {
  it("numbers each document by the id it is cited by, 000 to 004", async () => {
    signInAs(org.users.LEAD.id);
    const html = renderToStaticMarkup(await SourcesPage({ params: Promise.resolve({ org: org.slug }) }));
    const items = [...html.matchAll(/data-testid="source"[^>]*>.*?<a[^>]*href="([^"]+)"[^>]*>(.*?)<\/a>/gs)].map((m) => ({ href: m[1]!, text: m[2]!.replace(/<[^>]+>/g, "") }));
    expect(items.map((i) => i.text.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]);
    expect(items[2]).toEqual({ href: `/o/${org.slug}/sources/002`, text: `002 · ${SOURCES[2]!.title}` });
    expect(html).not.toMatch(/>1\. /);
  });

  it("names a document's number on its own page", async () => {
    signInAs(org.users.LEAD.id);
    const html = renderToStaticMarkup(await SourcePage({ params: Promise.resolve({ org: org.slug, id: "003" }) }));
    expect(html).toContain("Source 003, as the app cites it.");
  });
});
