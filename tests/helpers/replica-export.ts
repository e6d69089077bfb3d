import { Prisma } from "@/lib/server/db";
import { cursorCsvStream } from "@/lib/server/export/cursor-stream";

/**
 * An export that holds one export connection (on the replica when it serves exports) until it is
 * cancelled: its first chunk has been read, so the connection is taken, and 19,000 rows remain.
 * Returns the reader and that first chunk ("true\n…" when it reads on a standby).
 */
export async function holdOneExportConnection(organizationId: string): Promise<{ reader: ReadableStreamDefaultReader<Uint8Array>; first: string }> {
  const reader = cursorCsvStream<{ standby: boolean }>({
    name: "holds the replica's one export connection",
    organizationId,
    head: "",
    query: Prisma.sql`SELECT pg_is_in_recovery() AS standby FROM generate_series(1, 20000)`,
    fetchSize: 1000,
    createFormatter: () => (r) => `${r.standby}\n`,
  }).getReader();
  let first = "";
  while (!first) first = new TextDecoder().decode((await reader.read()).value);
  return { reader, first };
}
