/**
 * Throttles on anonymous work (issue 16): guessing invitation tokens is slowed per address, on
 * the page's lookup and on both ways of accepting; accepting as someone new counts as a sign-up.
 * Every call goes through the real action or lookup; the address is the one the request came
 * from (tests/helpers/client-address.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, acceptInvitationWithSignUp } from "@/app/(auth)/invite/[token]/actions";
import { createInvitation, findInvitationCounted } from "@/lib/server/invitations";
import { db } from "@/lib/server/db";
import { createTestOrg, type TestOrg } from "./helpers/factory";
import { actFrom } from "./helpers/client-address";
import { signInAs, signOut } from "./helpers/session";

let org: TestOrg;
const guess = () => randomBytes(32).toString("base64url");
const invite = async (email = `new-${randomUUID()}@example.test`) => {
  const inv = await createInvitation({ organizationId: org.id, actorId: org.users.ADMIN.id }, { email, role: "LEAD" });
  return { email, token: inv.path.replace("/invite/", "") };
};

beforeAll(async () => {
  org = await createTestOrg("Throttled");
});
afterEach(() => {
  actFrom(null);
  signOut();
});

describe("guessing invitation tokens", () => {
  it("ten wrong tokens from one address, then even a real one waits; another address is not held up", async () => {
    actFrom(`guesser-${randomUUID()}`);
    for (let i = 0; i < 10; i++) {
      expect(await acceptInvitationWithSignUp({ token: guess(), name: "Guesser", password: "a long password" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    const real = await invite();
    const users = await db.user.count();
    expect(await acceptInvitationWithSignUp({ token: real.token, name: "Guesser", password: "a long password" })).toMatchObject({
      ok: false,
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/^Too many attempts from your network\. Wait \d+ seconds and try again\.$/),
    });
    await expect(findInvitationCounted(real.token)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await db.user.count()).toBe(users);

    actFrom(`someone-else-${randomUUID()}`);
    expect(await findInvitationCounted(real.token)).toMatchObject({ email: real.email });
    expect(await acceptInvitationWithSignUp({ token: real.token, name: "Invitee", password: "a long password" })).toMatchObject({ ok: true });
  });

  it("holds each refusal for the refusal delay before answering (a flood runs at about one a second)", async () => {
    actFrom(`held-${randomUUID()}`);
    for (let i = 0; i < 10; i++) await acceptInvitationWithSignUp({ token: guess(), name: "Guesser", password: "a long password" });
    process.env.REFUSAL_DELAY_MS = "300";
    try {
      const started = performance.now();
      expect(await acceptInvitationWithSignUp({ token: guess(), name: "Guesser", password: "a long password" })).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
      // A lower bound only: the answer can come later under load, never sooner.
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      process.env.REFUSAL_DELAY_MS = "0";
    }
  });

  it("counts the page's lookups and a signed-in acceptance too", async () => {
    actFrom(`page-guesser-${randomUUID()}`);
    for (let i = 0; i < 5; i++) expect(await findInvitationCounted(guess())).toBeNull();
    signInAs(org.users.LEAD.id);
    for (let i = 0; i < 5; i++) expect(await acceptInvitation({ token: guess() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await acceptInvitation({ token: guess() })).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
  });

  it("real tokens used as meant are not counted against the address", async () => {
    actFrom(`office-${randomUUID()}`);
    for (let i = 0; i < 12; i++) {
      const real = await invite();
      expect(await findInvitationCounted(real.token)).toMatchObject({ email: real.email });
    }
  });
});
