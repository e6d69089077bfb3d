/**
 * The anonymous floods of the load test's abuse phase (issue 16), in a process of their own, so
 * that the attackers' work (encoding 10 MB bodies, reading answers) shares the machine with the
 * server, as an attack would, but not the savers' event loop, which an attack from elsewhere
 * never does. Run by scripts/bench/load.ts:
 *   node --import tsx scripts/bench/flood.ts '{"origin":…,"action":…,"seconds":…,"floods":["signups","big","keys"]}'
 * Prints "ready" once its bodies are made (its clock starts then), and at the end what the floods
 * sent and got back as one JSON line.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { actionResult } from "./action-result";

const { origin, action, seconds, floods } = JSON.parse(process.argv[2]!) as { origin: string; action: string; seconds: number; floods: string[] };
// The bodies are made before the clock starts; "ready" tells the load test to start its savers.
const bigText = "x".repeat(10 * 1024 * 1024);
const manyKeys = JSON.stringify([Object.fromEntries(Array.from({ length: 560_000 }, (_, i) => [`k${i}`, 1]))]);
process.stdout.write("ready\n");
const end = performance.now() + seconds * 1000;
const until = async (fn: (n: number) => Promise<void>) => {
  for (let n = 0; performance.now() < end; n++) await fn(n);
};
const signUps = { requests: 0, statuses: {} as Record<string, number> };
const oversized = { requests: 0, statuses: {} as Record<string, number>, medianMs: 0 };
const oversizedMs: number[] = [];
const tally = (into: Record<string, number>, status: number | string) => (into[String(status)] = (into[String(status)] ?? 0) + 1);
const headers = (address: string) => ({ "next-action": action, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin, "x-forwarded-for": address });

const signUpFlood = (address: string) => async (n: number) => {
  // The costliest password to judge: the longest allowed, random (zxcvbn's work grows with length).
  const password = randomBytes(150).toString("base64").slice(0, 200);
  const body = JSON.stringify([{ name: "Flood", email: `flood-${address}-${n}-${randomBytes(4).toString("hex")}@example.test`, password, organizationName: "Flood Co" }]);
  signUps.requests++;
  try {
    const res = await fetch(`${origin}/sign-up`, { method: "POST", headers: headers(address), body });
    const result = actionResult(await res.text());
    tally(signUps.statuses, result && !result.ok ? `${res.status} ${result.code}` : res.status);
  } catch (err) {
    tally(signUps.statuses, String(err).slice(0, 60));
  }
};
const oversizedFlood = (body: string, address: string) => async () => {
  oversized.requests++;
  const t = performance.now();
  try {
    const res = await fetch(`${origin}/sign-up`, { method: "POST", headers: headers(address), body });
    await res.arrayBuffer();
    tally(oversized.statuses, res.status);
  } catch (err) {
    tally(oversized.statuses, String((err as { cause?: { code?: string } }).cause?.code ?? err).slice(0, 60));
  }
  oversizedMs.push(performance.now() - t);
};

await Promise.all(
  floods.flatMap((f) =>
    f === "signups" ? [until(signUpFlood("198.51.100.7")), until(signUpFlood("198.51.100.8"))]
    : f === "big" ? [until(oversizedFlood(bigText, "198.51.100.9"))]
    : f === "keys" ? [until(oversizedFlood(manyKeys, "198.51.100.10"))]
    : [],
  ),
);
const sorted = [...oversizedMs].sort((a, b) => a - b);
oversized.medianMs = sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10 : 0;
process.stdout.write(JSON.stringify({ signUps, oversized }) + "\n");
