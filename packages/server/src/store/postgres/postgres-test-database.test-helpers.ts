import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER = 'postgres://postgres@127.0.0.1:5432';

export interface PostgresTestDatabase {
  /** A URL whose connections work in a fresh, empty schema of the database. */
  freshUrl(): Promise<string>;
  /** Drops the database and everything in it. */
  drop(): Promise<void>;
}

/**
 * One database with a random name for a test file, one schema per store: creating a schema is
 * cheap, a database is not. Call `drop` in afterAll.
 */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const database = `tripline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`create database ${database}`);
  let schemas = 0;
  return {
    async freshUrl() {
      const schema = `store_${++schemas}`;
      const client = new pg.Client({ connectionString: `${SERVER}/${database}` });
      await client.connect();
      try {
        await client.query(`create schema ${schema}`);
      } finally {
        await client.end();
      }
      return `${SERVER}/${database}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
    async drop() {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    },
  };
}
