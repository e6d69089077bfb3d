/**
 * Two production servers on one PostgreSQL, and a round-robin balancer in front of them
 * (playwright.config.ts starts all three; e2e/support/balancer.mjs). The app keeps no state of its
 * own: sessions are signed tokens checked against the database, throttles and revocations are
 * rows, nothing is cached in a server's memory. So a person can be served by either server, and
 * what one server did, the other knows at once:
 *   - a session started on one server is good on the other, and ending it on one ends it on both;
 *   - failed sign-ins on both servers count together;
 *   - an edit saved on one server conflicts with a stale edit on the other, and shows in the
 *     other's list on its next request;
 *   - through the balancer, a page and its own server action are answered by different servers.
 * The second server runs as two worker processes on one port (WEB_CONCURRENCY, server.ts): both
 * serve, and one that dies is replaced while the other answers.
 */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { SECOND_SERVER_WORKERS } from "../playwright.config";
import { expect, test as registryTest } from "./registry-fixtures";
import { test as authTest } from "./fixtures";

const port = Number(process.env.E2E_PORT ?? 3100);
const A = `http://127.0.0.1:${port}`;
const B = `http://127.0.0.1:${port + 500}`;
const BALANCER = `http://127.0.0.1:${port + 1000}`;

registryTest("the balancer really alternates between the two servers", async ({ request }) => {
  const served = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const res = await request.get(`${BALANCER}/api/health`);
    expect(res.status()).toBe(200);
    served.add(res.headers()["x-upstream"] ?? "");
  }
  expect([...served].sort()).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port + 500}`].sort());
});

authTest("a session started on one server is good on the other, and ending it on one ends it on both", async ({ page, auth }) => {
  const org = await auth.makeOrg({ roles: ["ADMIN", "EXECUTIVE"] });
  const exec = org.users.EXECUTIVE!;
  await auth.signIn(page, exec, { from: `${A}${org.path("portfolio")}` });
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();

  await page.goto(`${B}${org.path("use-cases")}`);
  await expect(page.getByRole("heading", { name: "Use cases", level: 1 })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "End all my sessions" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The token is still in the browser's cookie jar only if the sign-out missed it; either way,
  // server A must refuse the session now.
  await page.goto(`${A}${org.path("portfolio")}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

authTest("failed sign-ins on both servers count together", async ({ page, auth }) => {
  const person = await auth.makePerson();
  for (let i = 0; i < 5; i++) {
    await page.goto(`${i % 2 ? B : A}/sign-in`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong email or password.");
  }
  for (const server of [A, B]) {
    await page.goto(`${server}/sign-in`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many attempts, wait \d+ seconds/);
  }
});

registryTest("an edit saved on one server conflicts with a stale edit on the other, and the other's list shows it at once", async ({ page, context, registry }) => {
  const id = await registry.seedUseCase({ title: "Freight quotes", ownerRole: "LEAD", description: "First draft." });
  await registry.signInAs("LEAD");

  await page.goto(`${A}${registry.path(`/${id}/edit`)}`);
  const other = await context.newPage();
  await other.goto(`${B}${registry.path(`/${id}/edit`)}`);
  await other.getByLabel("Title").fill("Freight quotes (EU)");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByText("Changes saved.")).toBeVisible();

  // Server A has never seen the save, but reads the version from the database.
  await page.getByLabel("Description").fill("Quote freight from the rate cards.");
  await page.getByRole("button", { name: "Save changes" }).click();
  // The same person, in another tab on the other server: said as their own save, not "someone else's".
  await expect(page.getByTestId("conflict")).toContainText("You saved this use case since this form was opened.");
  await expect(page.getByTestId("conflict").getByRole("row", { name: /Title/ })).toContainText("Freight quotes (EU)");

  await page.goto(`${A}${registry.path()}`);
  await expect(page.getByRole("link", { name: "Freight quotes (EU)" })).toBeVisible();
});

registryTest("through the balancer, one page visit and its save are spread over both servers, and the save holds", async ({ page, registry }) => {
  const id = await registry.seedUseCase({ title: "Invoice matching", ownerRole: "LEAD" });
  await registry.signInAs("LEAD");
  const upstreams: string[] = [];
  page.on("response", (r) => {
    if (r.url().startsWith(BALANCER) && r.request().resourceType() !== "image") upstreams.push(r.headers()["x-upstream"] ?? "");
  });
  await page.goto(`${BALANCER}${registry.path(`/${id}/edit`)}`);
  await page.getByLabel("Title").fill("Invoice matching (AP)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(new Set(upstreams).size).toBe(2);
  const [row] = await registry.query<{ title: string; version: number }>(`SELECT title, version FROM "UseCase" WHERE id = $1`, [id]);
  expect(row).toEqual({ title: "Invoice matching (AP)", version: 2 });
});

/** The processes started as `server.ts -p <port>`: the primary (no such parent) and its workers. */
function serverProcesses(onPort: number): { primary: number | null; workers: number[] } {
  const found = new Map<number, number>(); // pid → parent pid
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      const p = argv.indexOf("-p");
      if (!argv.some((a) => a.endsWith("server.ts")) || p < 0 || argv[p + 1] !== String(onPort)) continue;
      const ppid = Number(readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      found.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const primary = [...found].find(([, ppid]) => !found.has(ppid))?.[0] ?? null;
  return { primary, workers: [...found].filter(([, ppid]) => ppid === primary).map(([pid]) => pid).sort() };
}

/** CPU time a process has used, in clock ticks. */
const cpuTicks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(f[11]) + Number(f[12]);
};

/** A GET on a connection of its own (no keep-alive): its status code. */
const getOnNewConnection = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 15_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} within 15 s`)));
    req.on("error", reject);
  });

registryTest("the second server's worker processes share its port and all serve; one that dies is replaced while the others answer", async () => {
  const B_PORT = port + 500;
  const before = serverProcesses(B_PORT).workers;
  expect(before).toHaveLength(SECOND_SERVER_WORKERS);
  const ticks = before.map(cpuTicks);
  // A new connection each time: the primary hands connections, not requests, to the workers in turn.
  const visit = async (path: string) => expect(await getOnNewConnection(`${B}${path}`)).toBe(200);
  for (let i = 0; i < 40; i++) await visit("/sign-in");
  // Every worker did part of the work.
  before.forEach((pid, i) => expect(cpuTicks(pid), `worker ${pid}`).toBeGreaterThan(ticks[i]!));

  process.kill(before[0]!, "SIGKILL");
  // The primary notices and starts another (a connection handed to the dying worker in that
  // instant is lost with it, as on any server that crashes).
  await expect
    .poll(() => {
      const now = serverProcesses(B_PORT).workers;
      return now.length === SECOND_SERVER_WORKERS && !now.includes(before[0]!);
    }, { timeout: 60_000 })
    .toBe(true);
  // Meanwhile the other worker answers every request.
  for (let i = 0; i < 10; i++) await visit("/api/health");
  // The replacement serves too: once it has started (its CPU time stops growing on its own), the
  // requests make it grow again.
  const replacement = serverProcesses(B_PORT).workers.find((pid) => !before.includes(pid))!;
  await expect
    .poll(async () => {
      const t = cpuTicks(replacement);
      await new Promise((r) => setTimeout(r, 1_000));
      return cpuTicks(replacement) === t;
    }, { timeout: 60_000 })
    .toBe(true);
  const idle = cpuTicks(replacement);
  for (let i = 0; i < 40; i++) await visit("/sign-in");
  expect(cpuTicks(replacement)).toBeGreaterThan(idle);
});
