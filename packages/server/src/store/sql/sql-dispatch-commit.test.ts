import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { newLog, T0 } from '../contract-fixtures.js';
import { sqliteDialectHooks } from '../sqlite/sqlite-dialect-hooks.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import type { EventDispatch } from '../workflow-records.js';
import type { Database as Tables } from './database.js';
import { commitDispatch } from './sql-dispatch-commit.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tripline-dispatch-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const endpoint = { id: 'sub-1', workspaceId: 'ws-1' };
const event = (name: string): EventDispatch[] => [{ index: 0, name, outcome: 'no_listener', triggers: [] }];

describe('commitDispatch', () => {
  it('marks deliveries that started nothing with one statement per distinct result', async () => {
    const file = path.join(dir, 'marks.db');
    const store = new SqliteStore({ file });
    await store.migrate();
    const logs = Array.from({ length: 5 }, () => newLog(endpoint));
    for (const log of logs) await store.deliveries.write(log);
    await store.close();

    const updates: string[] = [];
    const db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database: new Database(file) }),
      log: (entry) => {
        if (entry.level === 'query' && entry.query.sql.startsWith('update')) updates.push(entry.query.sql);
      },
    });
    try {
      const results = (index: number) => (index < 3 ? event('push') : event('issues'));
      await sqliteDialectHooks.writeTransaction(db, (trx) =>
        commitDispatch(trx, {
          runs: [],
          logs: logs.map((log, index) => ({ logId: log.id, results: results(index) })),
          now: T0,
        }),
      );
      expect(updates).toHaveLength(2);
      const rows = await db
        .selectFrom('request_logs')
        .select(['id', 'dispatch_state', 'dispatched_at', 'runs', 'dispatch_results'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual(
        logs.map((log, index) => ({
          id: log.id,
          dispatch_state: 'done',
          dispatched_at: T0.getTime(),
          runs: '[]',
          dispatch_results: JSON.stringify(results(index)),
        })),
      );
    } finally {
      await db.destroy();
    }
  });
});
