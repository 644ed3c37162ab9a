import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../contract-fixtures.js';
import { expectDeliveryCommitsCounted } from '../delivery-commits.test-helpers.js';
import { openStore } from '../open-store.js';
import { describeStoreContract } from '../store.contract.js';
import { PostgresStore } from './postgres-store.js';

// One database per test file, one schema per store: creating a schema is cheap, a database is not.
const server = 'postgres://postgres@127.0.0.1:5432';
const database = `tripline_test_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: `${server}/postgres` });
const urls = new Map<object, string>();
let schemas = 0;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create database ${database}`);
});

afterAll(async () => {
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
});

async function freshUrl(): Promise<string> {
  const schema = `store_${++schemas}`;
  const client = new pg.Client({ connectionString: `${server}/${database}` });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  return `${server}/${database}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

describeStoreContract(
  'postgres',
  async () => {
    const url = await freshUrl();
    const store = new PostgresStore({ connectionString: url });
    urls.set(store, url);
    return store;
  },
  { openPeer: async (store) => new PostgresStore({ connectionString: urls.get(store)! }) },
);

describe('postgres store adapter', () => {
  it('openStore opens PostgreSQL from a postgres:// URL', async () => {
    const store = openStore({ databaseUrl: await freshUrl() });
    try {
      expect(store.dialect).toBe('postgres');
      expect(await store.migrate()).toEqual([...ALL_MIGRATIONS]);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('tells how many deliveries each committed transaction wrote', async () => {
    const databaseUrl = await freshUrl();
    await expectDeliveryCommitsCounted(async (onDeliveryCommit) =>
      openStore({ databaseUrl, onDeliveryCommit }),
    );
  });
});
