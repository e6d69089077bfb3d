/**
 * What pages and route handlers read from the URL (issue 8): hostile query strings and path
 * segments never make a server error, and the URL readers keep only what their queries can hold.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptedValues, FILTER_PARAMS, parsePortfolioFilter, type PortfolioFilter } from "@/lib/domain/portfolio/filter";
import { AUDIT_PARAMS, parseAuditQuery } from "@/lib/domain/audit/filter";
import { readAuditPage } from "@/lib/server/audit-log";
import { isStorableText } from "@/lib/domain/text";
import { parseListQuery } from "@/lib/domain/use-case-list";
import { computeOverview } from "@/lib/server/portfolio/overview";
import { getUseCase } from "@/lib/server/use-cases/read";
import { listUseCases } from "@/lib/server/use-cases/list";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { loadCallables, type Callable } from "./helpers/entry-points";
import { hostileKey, hostileString } from "./helpers/hostile";
import { RUNS, TIMEOUT } from "./helpers/hostile-checks";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
let callables: Callable[] = [];

beforeAll(async () => {
  org = await createTestOrg("hostile-urls");
  callables = await loadCallables();
});

const PARAM_NAMES = [...Object.values(FILTER_PARAMS), ...AUDIT_PARAMS, "q", "sort", "dir", "page", "size", "hide", "guide", "example", "tab", "compare"];
/**
 * Parameters with a value their filter accepts, so that the fuzzing also reaches the reads behind
 * a valid filter and not only the parser's refusals (a valid governance value once failed the
 * dashboard's reads, and random pairs almost never named one).
 */
const VALID_PAIRS = (Object.keys(FILTER_PARAMS) as (keyof PortfolioFilter)[]).flatMap((k) =>
  (acceptedValues(k) ?? []).map((v): [string, string] => [FILTER_PARAMS[k], v]),
);
const hostilePair = fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...PARAM_NAMES), weight: 4 }, hostileKey), hostileString.filter((v) => v.length <= 10_000));
const queryString = fc.array(fc.oneof({ arbitrary: hostilePair, weight: 3 }, { arbitrary: fc.constantFrom(...VALID_PAIRS), weight: 2 }), { maxLength: 6 });
const toSearchParams = (pairs: [string, string][]) => {
  const sp = new URLSearchParams();
  for (const [k, v] of pairs) sp.append(k, v);
  return sp;
};

describe("hostile query strings and path segments", () => {
  it("every route handler answers without a server error and its body reads to the end", { timeout: TIMEOUT }, async () => {
    const routes = callables.filter((c) => c.entry?.kind === "route" && Array.isArray(c.entry.roles));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const roles = route.entry!.roles as readonly string[];
      const role = (roles.includes("ADMIN") ? "ADMIN" : roles[0]) as keyof TestOrg["users"];
      await fc.assert(
        fc.asyncProperty(queryString, hostileString, async (pairs, id) => {
          signInAs(org.users[role].id);
          try {
            const url = `http://localhost/o/${org.slug}/x?${toSearchParams(pairs)}`;
            const res = (await route.fn(new Request(url), { params: Promise.resolve({ org: org.slug, id }) })) as Response;
            const body = await res.text();
            expect(res.status, `${route.entry!.name} ${url.slice(0, 300)} → ${body.slice(0, 300)}`).toBeLessThan(500);
          } finally {
            signOut();
          }
        }),
        { numRuns: RUNS.url, endOnFailure: true, examples: [[[["bu", "a\u0000b"], ["owner", "\uD800"]], "\u0000"]] },
      );
    }
  });

  it("the list's and the portfolio's URL readers keep only text a query can hold, and the reads behind the pages do not fail", { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(queryString, hostileString, async (pairs, id) => {
        const sp = toSearchParams(pairs);
        const query = parseListQuery(sp);
        const texts = [query.q, ...Object.values(query.filter).flat()];
        expect(texts.filter((t) => !isStorableText(t))).toEqual([]);
        expect(parsePortfolioFilter(sp)).toEqual(query.filter);
        await listUseCases(org.id, query);
        await computeOverview(org.id, query.filter, 2026);
        expect(await getUseCase(org.id, id, { includeDeleted: true })).toBeNull();
      }),
      { numRuns: RUNS.url, endOnFailure: true, examples: [[[["q", `${"x".repeat(199)}😀`], ["bu", "\u0000"]], "a\u0000"]] },
    );
  });

  it("the audit page's URL reader keeps only values its query can hold, and the page's read does not fail", { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (pairs) => {
        const query = parseAuditQuery(toSearchParams(pairs));
        const { kind: _kind, ...texts } = query.filter;
        expect(Object.values(texts).filter((t) => !isStorableText(t!) || /[\s%]/.test(t!))).toEqual([]);
        await readAuditPage(org.id, query.filter, { after: query.after, before: query.before });
      }),
      { numRuns: RUNS.url, endOnFailure: true, examples: [[[["action", "a\u0000"], ["after", "2026-02-30T00:00:00.000Z_x"], ["from", "0000-01-01"], ["person", "\uD800"]]]] },
    );
  });
});
