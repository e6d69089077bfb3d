/**
 * The zod the domain's schemas are built with. In the browser it runs "jitless": by default zod
 * probes whether it may compile parsers with `new Function`, and under the app's
 * Content-Security-Policy (no 'unsafe-eval') that probe, although caught, is reported as a
 * policy violation on every page with a form. On the server nothing changes.
 *
 * Pure: no Next.js, Prisma or I/O.
 */
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
