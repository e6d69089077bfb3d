/**
 * What the production server does when the reader of its log goes away (`npm start | tee log` and
 * tee is stopped, a log shipper restarting, the terminal closed): it keeps serving, and stops
 * writing the log to a pipe nobody reads.
 *
 * Without this, the next line logged fails with EPIPE; an unhandled stream error is an uncaught
 * exception; Next.js's handler logs it, which fails with EPIPE again, and so on: the server spun
 * on one core and answered nothing until it was killed (found 2026-12-06, when a benchmark's
 * parent process died and left its server behind). A write that fails this way is now dropped
 * quietly, once per stream, and any other stream error is reported on the other stream if it can be.
 *
 * Plain Node.js, no Next.js: server.ts calls it first, before Next.js installs its handlers.
 */
import type { Writable } from "node:stream";

/** Codes of a write to a reader that is gone. */
const GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ECONNRESET"]);

export function keepServingWhenLogReaderCloses(streams: readonly Writable[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    let closed = false;
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (GONE.has(err.code ?? "")) {
        if (!closed) {
          closed = true;
          // From now on a write to this stream is a no-op that succeeds: nothing left to fail.
          stream.write = ((_chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
            const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
            if (typeof done === "function") queueMicrotask(() => (done as (e?: Error | null) => void)(null));
            return true;
          }) as Writable["write"];
        }
        return;
      }
      // Not a closed reader: say so where it can still be read, without failing again.
      const other = streams.find((s) => s !== stream && !s.destroyed);
      try {
        other?.write(`log stream error: ${err.message}\n`);
      } catch {
        // nowhere left to say it
      }
    });
  }
}
