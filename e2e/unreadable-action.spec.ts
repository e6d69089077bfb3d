/**
 * A hand-made server-action request whose body cannot be read gets a 400 and a sentence, not a
 * 500, and writes nothing (proxy.ts, unreadableActionRefusal). A lead's real save is captured,
 * then replayed with the lead's session and the app's own origin, its body mangled the ways
 * Next.js would otherwise fail on.
 */
import { captureNewUseCaseSave, expect, replayAction, test } from "./registry-fixtures";

test("a server action whose body cannot be read is refused with a 400 and writes nothing; the intact body still saves", async ({ page, registry, baseURL }) => {
  const save = await captureNewUseCaseSave(page, registry, "Saved from the form");
  const origin = new URL(baseURL!).origin;
  const body = save.body;
  const send = (data: string, contentType?: string) => replayAction(page, save, { data, origin, contentType });
  const count = async (table: string) => Number((await registry.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE "organizationId" = $1`, [registry.org.id]))[0]!.n);
  const before = { useCases: await count("UseCase"), audits: await count("AuditEvent") };

  const mangled: [string, string, string?][] = [
    ["cut short", body.slice(0, Math.floor(body.length / 2))],
    ["a bare string", JSON.stringify("Saved from the form")],
    ["a reference to a part a text body cannot have", body.replace('"Saved from the form"', '"$Q1"')],
    ["a broken form", "--zzz\r\nContent-Disposition: form-data; name=\"1\"\r\n\r\nbroken", "multipart/form-data; boundary=zzz"],
  ];
  for (const [what, data, type] of mangled) {
    const res = await send(data, type);
    expect(res.status(), what).toBe(400);
    expect(await res.text(), what).toBe("This request could not be read, so it was refused.");
  }
  expect(await count("UseCase")).toBe(before.useCases);
  expect(await count("AuditEvent")).toBe(before.audits);

  const intact = await send(body.replace("Saved from the form", "Saved again, intact"));
  expect(intact.status()).toBe(200);
  expect(await count("UseCase")).toBe(before.useCases + 1);
});
