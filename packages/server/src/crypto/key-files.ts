import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { decodeKey, encodeKey } from './secret-key.js';

/**
 * The files of one re-keying next to the key file: the new key waits in `<key file>.next` until
 * every value is sealed with it, and the key it replaced is kept in `<key file>.previous`.
 */
export interface KeyFiles {
  readonly current: string;
  /** The new key, written before any value changes so that it can never be lost. */
  readonly next: string;
  /** The replaced key, for backups of the database taken before the re-keying. */
  readonly previous: string;
}

export function keyFilesOf(currentFile: string): KeyFiles {
  return { current: currentFile, next: `${currentFile}.next`, previous: `${currentFile}.previous` };
}

/** The key a key file holds, or undefined when the file does not exist. */
export function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return decodeKey(text.trim(), file);
}

/**
 * Writes a key file so that it is either whole or absent, even after a crash: a temporary file
 * with mode 0600 in the same directory, flushed to disk, renamed over the target, and the
 * directory flushed so that the rename itself is durable.
 */
export function writeKeyFile(file: string, key: Uint8Array): void {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${encodeKey(key)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(file));
}

/** Renames a key file durably (the new key file takes the place of the old one). */
export function moveKeyFile(from: string, to: string): void {
  renameSync(from, to);
  syncDirectory(path.dirname(to));
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
