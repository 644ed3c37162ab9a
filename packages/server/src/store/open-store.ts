import type { Logger } from '@tripline/sdk';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** `sqlite:<file>` or `postgres://...` (also `postgresql://`). */
  readonly databaseUrl: string;
  readonly logger?: Logger;
  /** Told the number of deliveries of each transaction the delivery writer commits (for metrics). */
  readonly onDeliveryCommit?: (rows: number) => void;
}

/** Picks the store adapter from the database URL. Call `migrate()` before use. */
export function openStore(options: OpenStoreOptions): Store {
  const { databaseUrl, logger, onDeliveryCommit } = options;
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return new PostgresStore({ connectionString: databaseUrl, logger, onDeliveryCommit });
  }
  const file = sqliteFileOf(databaseUrl);
  if (file !== undefined) {
    if (file === '' || file === ':memory:') {
      throw new Error(
        `TRIPLINE_DATABASE_URL "${databaseUrl}" must name a file (sqlite:/path/to/tripline.db): deliveries are written from a second connection, which an in-memory database cannot share`,
      );
    }
    return new SqliteStore({ file, logger, onDeliveryCommit });
  }
  throw new Error(
    `TRIPLINE_DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl.split('@').pop()}")`,
  );
}

/** The file of a `sqlite:` database URL (`sqlite:/abs/path`, `sqlite:///abs/path`, `sqlite:rel`), or undefined. */
export function sqliteFileOf(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  return databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
}
