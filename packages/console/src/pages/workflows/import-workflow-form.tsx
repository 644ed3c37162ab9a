import { useState } from 'react';
import { apiRequest } from '../../api/http.js';
import type { WorkflowSummary } from '../../api/workflow-types.js';
import { WorkflowError } from './workflow-error.js';

/** JSON documents open with `{`; anything else is sent as YAML, which the server reads with its own checks. */
function mediaTypeOf(text: string, filename?: string): 'application/json' | 'application/yaml' {
  if (filename?.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{'))
    return 'application/json';
  return 'application/yaml';
}

/**
 * Imports a Dify DSL document, pasted or picked from a file, as a new workflow. The server
 * imports it whole or refuses it whole; a refusal shows every problem it listed.
 */
export function ImportWorkflowForm({
  onImported,
  onCancel,
}: {
  readonly onImported: (workflow: WorkflowSummary) => void;
  readonly onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [filename, setFilename] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="card"
      aria-label="Import a workflow"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') {
          setError(new Error('paste a DSL document or choose a .yml, .yaml or .json file first'));
          return;
        }
        setBusy(true);
        setError(undefined);
        apiRequest<WorkflowSummary>('/workflows', {
          method: 'POST',
          body: text,
          contentType: mediaTypeOf(text, filename),
        }).then(
          (workflow) => {
            setBusy(false);
            onImported(workflow);
          },
          (failure: unknown) => {
            setBusy(false);
            setError(failure);
          },
        );
      }}
    >
      <h2>Import a workflow</h2>
      <p className="muted">
        A Dify workflow app DSL document (YAML or JSON). It is imported whole or not at all.
      </p>
      <label>
        DSL file
        <input
          type="file"
          accept=".yml,.yaml,.json,application/yaml,application/json,text/yaml"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            file.text().then(
              (content) => {
                setFilename(file.name);
                setText(content);
              },
              (failure: unknown) => setError(failure),
            );
          }}
        />
      </label>
      <label>
        DSL document
        <textarea
          name="dsl"
          value={text}
          spellCheck={false}
          placeholder={'kind: app\nversion: 0.5.0\napp:\n  mode: workflow\n  name: …'}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setFilename(undefined);
          }}
        />
      </label>
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <WorkflowError error={error} />
    </form>
  );
}
