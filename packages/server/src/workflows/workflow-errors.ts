import { HttpError } from '../domain/errors.js';
import type { WorkflowProblem } from '../engine/graph/workflow-problem.js';

/** Problems listed in one message, capped so an answer stays readable. */
const MAX_LISTED = 20;

/**
 * A workflow document, draft or publication refused: 422 `invalid_workflow`, the message listing
 * every problem with its path (node ids included), and the problems kept as a field.
 */
export class InvalidWorkflowError extends HttpError {
  override readonly name = 'InvalidWorkflowError';
  constructor(
    readonly action: string,
    readonly problems: readonly WorkflowProblem[],
  ) {
    const listed = problems.slice(0, MAX_LISTED).map((problem) => problem.message);
    const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
    super(
      422,
      'invalid_workflow',
      `cannot ${action}: ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${listed.join('; ')}${more}`,
    );
  }
}
