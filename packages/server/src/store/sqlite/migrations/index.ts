import type { Migration } from 'kysely';
import * as initial from './000001-initial.js';

/** Every SQLite migration by name, imported (not read from a directory) so dist/ carries them. */
export const sqliteMigrations: Readonly<Record<string, Migration>> = {
  '000001-initial': initial,
};
