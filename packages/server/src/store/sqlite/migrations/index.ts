import type { Migration } from 'kysely';
import { initialMigration } from '../../sql/migrations/000001-initial.js';
import * as workflows from '../../sql/migrations/000002-workflows.js';
import * as scheduleFires from '../../sql/migrations/000003-schedule-fires.js';
import * as automaticSubscriptions from '../../sql/migrations/000004-automatic-subscriptions.js';
import * as oauthConfirmations from '../../sql/migrations/000005-oauth-confirmations.js';
import * as runsByWorkspace from '../../sql/migrations/000006-runs-by-workspace.js';
import * as builderBuildStarted from '../../sql/migrations/000007-builder-build-started.js';
import * as scheduleFiresByTime from '../../sql/migrations/000008-schedule-fires-by-time.js';

/**
 * Every SQLite migration by name, imported (not read from a directory) so dist/ carries them.
 * The SQL is shared in store/sql/migrations; a migration that needs dialect-specific SQL gets a
 * file of its own here.
 */
export const sqliteMigrations: Readonly<Record<string, Migration>> = {
  '000001-initial': initialMigration({ binaryType: 'blob' }),
  '000002-workflows': workflows,
  '000003-schedule-fires': scheduleFires,
  '000004-automatic-subscriptions': automaticSubscriptions,
  '000005-oauth-confirmations': oauthConfirmations,
  '000006-runs-by-workspace': runsByWorkspace,
  '000007-builder-build-started': builderBuildStarted,
  '000008-schedule-fires-by-time': scheduleFiresByTime,
};
