import type { Migration } from 'kysely';
import * as initial from './000001-initial.js';
import * as workflows from './000002-workflows.js';
import * as scheduleFires from './000003-schedule-fires.js';

/** Every PostgreSQL migration by name, imported (not read from a directory) so dist/ carries them. */
export const postgresMigrations: Readonly<Record<string, Migration>> = {
  '000001-initial': initial,
  '000002-workflows': workflows,
  '000003-schedule-fires': scheduleFires,
};
