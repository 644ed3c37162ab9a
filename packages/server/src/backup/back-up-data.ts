import { chmodSync, constants, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readSecretKey, SECRET_KEY_ENV, SECRET_KEY_FILE } from '../crypto/secret-key.js';
import { sqliteFileOf } from '../store/open-store.js';

/** A backup that could not be made; nothing usable was left at the target. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupResult {
  /** The database that was copied: where a restore puts the copy back. */
  readonly sourceFile: string;
  /** The copy of the database: a consistent snapshot, checked. */
  readonly databaseFile: string;
  readonly databaseBytes: number;
  /** The copy of the key file, when the key is the data dir's file. */
  readonly keyFile: string | undefined;
  /** The key is TRIPLINE_SECRET_KEY: not copied, the operator must keep it with the backup. */
  readonly keyInEnvironment: boolean;
}

/** The name the backed-up database gets: what the data dir holds, so restoring is copying both files back. */
export const BACKUP_DATABASE_FILE = 'tripline.db';

/**
 * Backs up an embedded (SQLite) installation into `targetDir`: the database as one consistent
 * snapshot taken while the service may be running and writing (`VACUUM INTO`, inside one read
 * transaction, so a busy ingress neither spoils nor restarts it), and the secret key file, without
 * which the credentials and webhook secrets in the copy cannot be opened. Both copies are readable
 * by their owner only. Refuses a PostgreSQL database (pg_dump is the tool), a missing database and
 * a target that already holds a backup (nothing is overwritten).
 */
export function backUpData(input: {
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** TRIPLINE_SECRET_KEY, when set. */
  readonly configuredKey: string | undefined;
  readonly targetDir: string;
}): BackupResult {
  const source = sqliteFileOf(input.databaseUrl);
  if (source === undefined) {
    throw new BackupError(
      `TRIPLINE_DATABASE_URL is a PostgreSQL database: back it up with pg_dump (for example pg_dump --format=custom --file=tripline.dump "$TRIPLINE_DATABASE_URL"), and keep the secret key (${SECRET_KEY_ENV}) with the dump`,
    );
  }
  if (!existsSync(source)) throw new BackupError(`there is no database at ${source}: nothing to back up`);
  const targetDir = path.resolve(input.targetDir);
  const databaseFile = path.join(targetDir, BACKUP_DATABASE_FILE);
  const keyTarget = path.join(targetDir, SECRET_KEY_FILE);
  for (const file of [databaseFile, keyTarget]) {
    if (existsSync(file))
      throw new BackupError(`${file} exists already: back up into an empty directory (nothing was written)`);
  }
  // Read before anything is written: a key that does not decode stops the backup at once.
  const key = readSecretKey({ configured: input.configuredKey, dataDir: input.dataDir });
  mkdirSync(targetDir, { recursive: true });

  try {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('VACUUM INTO ?').run(databaseFile);
    } finally {
      db.close();
    }
    chmodSync(databaseFile, 0o600);
    checkIntegrity(databaseFile);
  } catch (error) {
    // A partial or damaged copy must not pass for a backup.
    rmSync(databaseFile, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the database could not be copied: ${describe(error)}`, { cause: error });
  }

  let keyFile: string | undefined;
  if (key?.origin.kind === 'file') {
    copyFileSync(key.origin.file, keyTarget, constants.COPYFILE_EXCL);
    chmodSync(keyTarget, 0o600);
    keyFile = keyTarget;
  }
  return {
    sourceFile: path.resolve(source),
    databaseFile,
    databaseBytes: statSync(databaseFile).size,
    keyFile,
    keyInEnvironment: key?.origin.kind === 'environment',
  };
}

function checkIntegrity(file: string): void {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = (copy.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`the copy at ${file} failed its integrity check: ${problems.join('; ')}`);
    }
  } finally {
    copy.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
