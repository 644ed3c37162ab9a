import type { NodeTrace } from '../../../api/run-types.js';
import { formatDuration } from '../format-time.js';
import { RunStatusBadge } from './run-status-badge.js';

/** A run's per-node trace: each node's status, branch, time taken, inputs, outputs and error. */
export function NodeTraceTable({ trace }: { readonly trace: readonly NodeTrace[] }) {
  if (trace.length === 0) return <p className="muted">No node has run yet.</p>;
  return (
    <table aria-label="Node trace">
      <thead>
        <tr>
          <th>Node</th>
          <th>Status</th>
          <th>Took</th>
          <th>Inputs and outputs</th>
        </tr>
      </thead>
      <tbody>
        {trace.map((node) => (
          <tr key={node.nodeId}>
            <td>
              {node.title}
              <div className="muted">
                {node.type} · {node.nodeId}
              </div>
            </td>
            <td>
              <RunStatusBadge status={node.status} />
              {node.branch ? <div className="muted">branch {node.branch}</div> : null}
            </td>
            <td className="muted">{formatDuration(node.startedAt, node.finishedAt)}</td>
            <td className="trace-data">
              {node.error ? <div className="error">{node.error}</div> : null}
              {node.inputs ? <JsonDetails label="Inputs" value={node.inputs} /> : null}
              {node.outputs ? <JsonDetails label="Outputs" value={node.outputs} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function JsonDetails({ label, value }: { readonly label: string; readonly value: unknown }) {
  return (
    <details>
      <summary>{label}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
