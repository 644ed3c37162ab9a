#!/usr/bin/env node
import { startServer } from './app.js';
import { BackupError, type BackupResult, backUpData } from './backup/back-up-data.js';
import { type Config, ConfigError, loadConfig } from './config/config.js';
import { NEW_SECRET_KEY_ENV, rotateSecretKey, SecretKeyRotationError } from './crypto/rotate-secret-key.js';
import { SECRET_KEY_ENV, SECRET_KEY_FILE } from './crypto/secret-key.js';
import { openStore } from './store/open-store.js';

const USAGE = `usage: tripline <command>

commands:
  serve              migrate the database, then serve the API and the webhook ingress (default)
  migrate            apply pending database migrations and exit
  rotate-secret-key  re-encrypt every stored secret under a new key; stop every Tripline process
                     first. The new key is ${NEW_SECRET_KEY_ENV}, or generated when unset
  backup <dir>       copy the SQLite database (a consistent snapshot, also while serving) and the
                     secret key file into <dir>
  help               show this text`;

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  switch (command) {
    case 'serve': {
      const server = await startServer({ config: loadConfig() });
      if (server.generatedBootstrapToken !== undefined) {
        // Shown once: only its hash is stored.
        console.log(
          `\nFirst start: the owner's API token of workspace "Default" is\n\n  ${server.generatedBootstrapToken}\n\nKeep it now; it is not shown again. Use it as: Authorization: Bearer <token>\n`,
        );
      }
      server.logger.info({ url: server.url }, 'Tripline is serving');
      const stop = (signal: string) => {
        server.logger.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            server.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      return -1;
    }
    case 'migrate': {
      const config = loadConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl });
      try {
        const applied = await store.migrate();
        console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'rotate-secret-key':
      await rotateSecretKeyCommand(loadConfig(), process.env[NEW_SECRET_KEY_ENV] || undefined);
      return 0;
    case 'backup':
      return backupCommand(loadConfig(), argv[1]);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** A backup into `targetDir`, with what to do to restore it. */
function backupCommand(config: Config, targetDir: string | undefined): number {
  if (targetDir === undefined || targetDir === '') {
    console.error(`backup needs the directory to write into: tripline backup <dir>\n\n${USAGE}`);
    return 2;
  }
  let result: BackupResult;
  try {
    result = backUpData({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      configuredKey: config.secretKey,
      targetDir,
    });
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`backup failed: ${error.message}`);
    return 1;
  }
  console.log(`Backed up the database to ${result.databaseFile} (${result.databaseBytes} bytes, checked).`);
  if (result.keyFile !== undefined) console.log(`Backed up the secret key to ${result.keyFile}.`);
  if (result.keyInEnvironment) {
    console.log(
      `The secret key is ${SECRET_KEY_ENV} and was not copied: keep it with this backup, as the credentials and webhook secrets in it cannot be opened without it.`,
    );
  }
  const key =
    result.keyFile === undefined ? '' : `, ${result.keyFile} to ${config.dataDir}/${SECRET_KEY_FILE}`;
  console.log(
    `To restore: stop Tripline, delete ${result.sourceFile}-wal and ${result.sourceFile}-shm if they are there (they belong to the database being replaced), copy ${result.databaseFile} to ${result.sourceFile}${key}, and start it.`,
  );
  return 0;
}

/** Re-keying with the service stopped: same store and key as `serve`, the new key as the operator chose. */
async function rotateSecretKeyCommand(config: Config, newKey: string | undefined): Promise<void> {
  const store = openStore({ databaseUrl: config.databaseUrl });
  let shownKey = false;
  try {
    const applied = await store.migrate();
    if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
    const result = await rotateSecretKey({
      sealedValues: store.sealedValues,
      dataDir: config.dataDir,
      configuredKey: config.secretKey,
      newKey,
      beforeRewrite: (plan) => {
        if (plan.resumed) console.log('Finishing the re-keying an earlier run started, with its new key.');
        if (plan.generatedKey === undefined) return;
        // Shown before the commit: after it, the values open with this key only.
        shownKey = true;
        console.log(`\nThe new secret key (shown once; keep it now):\n\n  ${plan.generatedKey}\n`);
      },
    });
    console.log(`Re-encrypted ${result.rewritten} sealed values under the new key.`);
    if (result.origin.kind === 'file') {
      console.log(
        `The new key is in ${result.origin.file}. The replaced key is kept in ${result.previousKeyFile} for backups of the database taken before now; delete it once they are gone.`,
      );
    } else if (result.generatedKey !== undefined) {
      console.log(`Set ${SECRET_KEY_ENV} to the new key shown above before starting Tripline again.`);
    } else {
      console.log(
        `Set ${SECRET_KEY_ENV} to the value of ${NEW_SECRET_KEY_ENV} (and unset ${NEW_SECRET_KEY_ENV}) before starting Tripline again.`,
      );
    }
    console.log(
      'Webhook trigger URLs (/triggers/webhook/...) are signed with the secret key and have changed: whoever held the old key could forge them. Give their senders the new URLs (GET /api/v1/workflows/{id}/webhooks). Subscription endpoints (/triggers/plugin/...) are unchanged.',
    );
  } catch (error) {
    if (shownKey)
      console.error(`Nothing changed: keep ${SECRET_KEY_ENV} as it is; the key shown above is not in use.`);
    throw error;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof SecretKeyRotationError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
