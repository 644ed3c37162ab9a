import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { SealedValueRepository } from '../store/store.js';
import { keyFilesOf, moveKeyFile, readKeyFile, writeKeyFile } from './key-files.js';
import { SealedValueError, SecretBox } from './secret-box.js';
import {
  type CurrentSecretKey,
  decodeKey,
  encodeKey,
  readSecretKey,
  SECRET_KEY_ENV,
  type SecretKeyOrigin,
} from './secret-key.js';

/** The environment variable that gives the new key; unset, a new key is generated. */
export const NEW_SECRET_KEY_ENV = 'TRIPLINE_NEW_SECRET_KEY';

export interface RotateSecretKeyOptions {
  readonly sealedValues: SealedValueRepository;
  readonly dataDir: string;
  /** TRIPLINE_SECRET_KEY, when set; else the key file of the data dir is the current key. */
  readonly configuredKey: string | undefined;
  /** TRIPLINE_NEW_SECRET_KEY, when set; else a key is generated. */
  readonly newKey: string | undefined;
  /**
   * Called once the new key can no longer be lost and before any value changes. When the key comes
   * from the environment and was generated here, this is the one moment to show it: a crash right
   * after the commit must not leave values sealed with a key nobody has.
   */
  readonly beforeRewrite?: (plan: RotationPlan) => void;
}

export interface RotationPlan {
  readonly origin: SecretKeyOrigin;
  /** The new key as TRIPLINE_SECRET_KEY takes it, when it came from the environment and was generated. */
  readonly generatedKey: string | undefined;
  /** True when an interrupted earlier run left its new key in `<key file>.next`, which is used again. */
  readonly resumed: boolean;
}

export interface RotationResult extends RotationPlan {
  /** Sealed values now under the new key. */
  readonly rewritten: number;
  /** Where the replaced key was kept (key file only). */
  readonly previousKeyFile: string | undefined;
}

/**
 * Re-keying at rest: every sealed value is opened with the current key and sealed with the new one
 * in one store transaction, so a failure leaves every value as it was. With the key file, the new
 * key is first written to `secret.key.next` and takes the place of `secret.key` only after the
 * commit, the old key kept as `secret.key.previous`; running again after a crash finishes the job
 * (values already under the new key are accepted). With TRIPLINE_SECRET_KEY, no file is written:
 * the operator sets the variable to the new key before the next start.
 *
 * Every process using the store must be stopped: one still running would seal with the old key.
 *
 * @example
 * const result = await rotateSecretKey({ sealedValues: store.sealedValues, dataDir, configuredKey, newKey });
 * console.log(`${result.rewritten} values re-encrypted`);
 */
export async function rotateSecretKey(options: RotateSecretKeyOptions): Promise<RotationResult> {
  const current = refuseUnreadable(() =>
    readSecretKey({ configured: options.configuredKey, dataDir: options.dataDir }),
  );
  if (current === undefined) {
    throw new SecretKeyRotationError(
      `there is no secret key to replace: ${SECRET_KEY_ENV} is not set and the data dir ${options.dataDir} has no key file; nothing has been sealed yet`,
    );
  }
  const { newKey } = options;
  const given =
    newKey === undefined ? undefined : refuseUnreadable(() => decodeKey(newKey, NEW_SECRET_KEY_ENV));
  const files = current.origin.kind === 'file' ? keyFilesOf(current.origin.file) : undefined;
  const pending = files === undefined ? undefined : refuseUnreadable(() => readKeyFile(files.next));
  if (files !== undefined && pending !== undefined && given !== undefined && !sameKey(pending, given)) {
    throw new SecretKeyRotationError(
      `an interrupted re-keying left its new key in ${files.next}; unset ${NEW_SECRET_KEY_ENV} and run the command again to finish it with that key`,
    );
  }
  const next = pending ?? given ?? randomBytes(32);
  if (sameKey(next, current.key)) {
    throw new SecretKeyRotationError(
      `${NEW_SECRET_KEY_ENV} holds the current key; give a different key, or leave it unset to generate one`,
    );
  }
  const plan: RotationPlan = {
    origin: current.origin,
    generatedKey: current.origin.kind === 'environment' && given === undefined ? encodeKey(next) : undefined,
    resumed: pending !== undefined,
  };
  const wroteNext = files !== undefined && pending === undefined;
  if (files !== undefined && wroteNext) writeKeyFile(files.next, next);

  let rewritten: number;
  try {
    options.beforeRewrite?.(plan);
    rewritten = await options.sealedValues.rewriteAll(resealer(current, next));
  } catch (error) {
    // Nothing was committed, so the new key is not needed by anything.
    if (files !== undefined && wroteNext) rmSync(files.next, { force: true });
    throw findMismatch(error) ?? error;
  }
  if (files !== undefined) {
    try {
      writeKeyFile(files.previous, current.key);
      moveKeyFile(files.next, files.current);
    } catch (error) {
      throw new SecretKeyRotationError(
        `every value is sealed with the new key in ${files.next}, but ${files.current} could not be replaced with it (${String(error)}); run the command again to finish`,
        { cause: error },
      );
    }
  }
  return { ...plan, rewritten, previousKeyFile: files?.previous };
}

/**
 * Opens with the current key and seals with the new one. A value that already opens with the new
 * key was rewritten by an interrupted earlier run and is sealed again; one that opens with neither
 * means the current key is wrong, and aborts the transaction.
 */
function resealer(current: CurrentSecretKey, next: Buffer): (sealed: string) => string {
  const oldBox = new SecretBox(current.key);
  const newBox = new SecretBox(next);
  return (sealed: string): string => {
    try {
      return newBox.seal(oldBox.open(sealed));
    } catch (error) {
      if (!(error instanceof SealedValueError)) throw error;
      try {
        return newBox.seal(newBox.open(sealed));
      } catch {
        throw new SecretKeyMismatchError(current.origin, { cause: error });
      }
    }
  };
}

/** A key that cannot be read (wrong length, not base64 or hex) stops the command before anything changes. */
function refuseUnreadable<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new SecretKeyRotationError((error as Error).message, { cause: error });
  }
}

function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The store may wrap what the reseal threw; the operator should read the mismatch itself. */
function findMismatch(error: unknown): SecretKeyMismatchError | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    if (cause instanceof SecretKeyMismatchError) return cause;
    cause = cause.cause;
  }
  return undefined;
}

/** Re-keying refused before anything changed. */
export class SecretKeyRotationError extends Error {
  override readonly name: string = 'SecretKeyRotationError';
}

/** A sealed value does not open with the key said to be current: nothing was changed. */
export class SecretKeyMismatchError extends SecretKeyRotationError {
  override readonly name = 'SecretKeyMismatchError';

  constructor(origin: SecretKeyOrigin, options?: ErrorOptions) {
    const source = origin.kind === 'environment' ? SECRET_KEY_ENV : origin.file;
    super(
      `a sealed value does not open with the current secret key from ${source}: that is not the key the values were sealed with (or a value was damaged); nothing was changed. Give the key Tripline runs with as the current key`,
      options,
    );
  }
}
