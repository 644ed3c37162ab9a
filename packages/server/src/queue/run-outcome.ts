import type { RunRecord } from '../store/workflow-records.js';
import type { RunHandler, RunOutcome } from './queue.js';

/**
 * Runs the handler for a claimed run and answers how the run ended. The port asks handlers not to
 * throw; one that does fails its run with the error's message, so every claim gets an ending.
 */
export async function runOutcome(
  handler: RunHandler,
  run: RunRecord,
  signal: AbortSignal,
): Promise<RunOutcome> {
  try {
    return await handler(run, signal);
  } catch (error) {
    return {
      status: 'failed',
      outputs: null,
      error: (error as Error).message ?? String(error),
      trace: [],
    };
  }
}

/**
 * Said when storing an ending changed nothing: the run was failed as abandoned (its worker looked
 * dead) or deleted while it ran.
 */
export const DROPPED_ENDING_MESSAGE =
  'a run ended after it was failed as abandoned or deleted; its result is dropped';
