// One statement on a connection of its own (creating and dropping the schemas of a run).
import pg from 'pg';

/** @param {string} url @param {string} sql */
export async function postgres(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
