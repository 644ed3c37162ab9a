import { ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../ui/feedback.js';
import { splitProblems } from './split-problems.js';

/** An API error; a refused workflow document lists each of its problems on a line of its own. */
export function WorkflowError({ error }: { readonly error: unknown }) {
  if (!(error instanceof ApiError) || error.code !== 'invalid_workflow')
    return <ErrorMessage error={error} />;
  const split = splitProblems(error.message);
  if (!split) return <ErrorMessage error={error} />;
  return (
    <div className="error" role="alert">
      {split.summary}:
      <ul className="problem-list">
        {split.problems.map((problem, index) => (
          // Problems can repeat word for word (two nodes with the same fault), so the index keys them.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole for each error
          <li key={index}>{problem}</li>
        ))}
        {split.more ? <li>{split.more}</li> : null}
      </ul>
      <span className="error-code">({error.code})</span>
    </div>
  );
}
