import pg from "pg";

/** Runs `fn` with a node-postgres client of its own on `url` (the test database unless given), closed afterwards. */
export async function withClient<T>(fn: (c: pg.Client) => Promise<T>, url = process.env.DATABASE_URL!): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
