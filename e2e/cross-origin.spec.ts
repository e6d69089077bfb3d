/**
 * Server actions refuse cross-origin calls. A lead saves a use case through the real form; the
 * browser's server-action request (its action id, headers and body) is captured, then replayed
 * with the lead's session cookie:
 *   - from a foreign origin (and from the opaque origin "null", what a sandboxed frame sends):
 *     refused, and nothing is written;
 *   - from the app's own origin: accepted, and the use case is there.
 * The refusing is the proxy's (proxy.ts, crossOriginActionRefusal: a 403 with a sentence), which
 * applies Next.js's own rule first (the Origin header's host must equal the X-Forwarded-Host,
 * else the Host header; serverActions.allowedOrigins stays empty), so a forged call is not a 500. The session cookie is SameSite=Lax, which already keeps a cross-site
 * page's POST from carrying it; this test sends the cookie anyway, as a sibling subdomain (same
 * site, another origin) could, so the Origin check alone is what stops it.
 */
import { captureNewUseCaseSave, expect, replayAction, test } from "./registry-fixtures";

test("a server action replayed from a foreign origin is refused and writes nothing; from the app's origin it is accepted", async ({ page, registry, baseURL }) => {
  const save = await captureNewUseCaseSave(page, registry, "Original from the form");
  const replay = (title: string, origin: string) => replayAction(page, save, { data: save.body.replace("Original from the form", title), origin });
  const titles = async () => (await registry.query<{ title: string }>(`SELECT title FROM "UseCase" WHERE "organizationId" = $1 ORDER BY title`, [registry.org.id])).map((r) => r.title);
  const audits = async () => Number((await registry.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE "organizationId" = $1`, [registry.org.id]))[0]!.n);

  const auditsBefore = await audits();
  for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example", "null"]) {
    const res = await replay(`Forged from ${origin}`, origin);
    expect(res.status(), `a call from ${origin} is refused`).toBe(403);
    expect(await res.text()).toBe("This request came from another site, so it was refused.");
  }
  expect(await titles()).toEqual(["Original from the form"]);
  expect(await audits()).toBe(auditsBefore);

  const same = await replay("Replayed from the app itself", new URL(baseURL!).origin);
  expect(same.status()).toBe(200);
  expect(await titles()).toEqual(["Original from the form", "Replayed from the app itself"]);
  expect(await audits()).toBe(auditsBefore + 1);
});
