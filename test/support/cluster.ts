import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { removeDir, startServer, type RunningServer } from './server';

// Cluster mode: nodes on one PostgreSQL schema or MySQL database, told of each other's changes
// over this machine's Redis (a cluster name of their own, so nothing else on the Redis
// interferes).
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterDatabase {
  name: string;
  env: Record<string, string>;
  create: () => Promise<void>;
  drop: () => Promise<void>;
  query: (sql: string) => Promise<void>;
  rows: (sql: string) => Promise<Record<string, unknown>[]>; // the rows a query answers
  table: (table: string) => string; // the table's qualified, quoted name
}

export function clusterDatabase(type: 'postgres' | 'mysql'): ClusterDatabase {
  const name = `sb_cluster_${randomBytes(4).toString('hex')}`;
  const rows = async (sql: string): Promise<Record<string, unknown>[]> => {
    if (type === 'postgres') {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    }
    const connection = await mysql.createConnection(MYSQL_URL);
    try {
      const [result] = await connection.query(sql);
      return Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
    } finally {
      await connection.end();
    }
  };
  const onServer = async (sql: string) => {
    await rows(sql);
  };
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return type === 'postgres'
    ? {
        name,
        env: { DB_TYPE: 'postgres', DB_URL: POSTGRES_URL, DB_SCHEMA: name, REDIS_URL, CLUSTER_NAME: name },
        create: () => onServer(`CREATE SCHEMA "${name}"`),
        drop: () => onServer(`DROP SCHEMA "${name}" CASCADE`),
        query: onServer,
        rows,
        table: (table) => `"${name}"."${table}"`,
      }
    : {
        name,
        env: { DB_TYPE: 'mysql', DB_URL: url.toString(), REDIS_URL, CLUSTER_NAME: name },
        create: () => onServer(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`),
        drop: () => onServer(`DROP DATABASE \`${name}\``),
        query: onServer,
        rows,
        table: (table) => `\`${name}\`.\`${table}\``,
      };
}

// Are this machine's database and Redis reachable? Unreachable ones skip their specs loudly,
// unless REQUIRE_DATABASES=1 (CI), where they fail.
export async function reachable(db: ClusterDatabase): Promise<boolean> {
  if (process.env.REQUIRE_DATABASES === '1') return true;
  const redis = new URL(REDIS_URL);
  const client = new Redis({ host: redis.hostname, port: Number(redis.port || 6379), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await db.query('SELECT 1');
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    console.warn(`\n!!! cluster specs SKIPPED: ${(error as Error).message} (set REQUIRE_DATABASES=1 to fail instead)\n`);
    return false;
  } finally {
    client.disconnect();
  }
}

// Two nodes of one cluster for the specs of a describe block, started one after the other (the
// first takes the lease of the cluster's jobs); the block is skipped when the services are not
// reachable.
export function twoNodes(db: ClusterDatabase, env: Record<string, string>): { readonly first: RunningServer; readonly second: RunningServer } {
  const nodes: RunningServer[] = [];
  let available = false;
  beforeAll(async () => {
    available = await reachable(db);
    if (!available) return;
    await db.create();
    nodes.push(await startServer({ env }));
    nodes.push(await startServer({ env }));
  });
  beforeEach((context) => {
    if (!available) context.skip();
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    for (const node of nodes) removeDir(node.dataDir);
    if (available) await db.drop();
  });
  return {
    get first() {
      return nodes[0];
    },
    get second() {
      return nodes[1];
    },
  };
}
