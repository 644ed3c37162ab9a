import { useCallback, useState } from 'react';
import {
  type Draft,
  type DslNode,
  isTriggerNodeType,
  type WorkflowTrigger,
} from '../../api/workflow-types.js';
import { useEscapeKey } from '../../ui/use-escape-key.js';
import { nodeTitle, nodeType } from './dsl-graph.js';
import { PluginTriggerEditor } from './plugin-trigger-editor.js';
import { RunThisStep } from './run-this-step.js';
import { ScheduleTriggerInfo } from './schedule-trigger-info.js';
import { TriggerToggle } from './trigger-toggle.js';
import type { Listening } from './use-listener.js';
import { WebhookTriggerInfo } from './webhook-trigger-info.js';

/**
 * The side panel of a clicked node. On the draft, a trigger is configured here (an integration
 * trigger's subscription, event and filters) and can "Run this step"; on a published version, and
 * for other nodes, it shows what the node holds.
 */
export function NodeSidePanel({
  workflowId,
  node,
  view,
  listening,
  trigger,
  onDraftSaved,
  onTriggerChanged,
  onClose,
}: {
  readonly workflowId: string;
  readonly node: DslNode;
  readonly view: 'draft' | 'published';
  readonly listening: Listening;
  /** The published version's trigger of this node, when it is one. */
  readonly trigger?: WorkflowTrigger;
  readonly onDraftSaved: (draft: Draft) => void;
  readonly onTriggerChanged: () => void;
  readonly onClose: () => void;
}) {
  const type = nodeType(node);
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);

  useEscapeKey(onClose);

  const editable = view === 'draft';
  return (
    <aside className="side-panel" aria-label={`Node ${nodeTitle(node)}`}>
      <div className="spread">
        <div>
          <h2 className="side-panel-title">{nodeTitle(node)}</h2>
          <span className="badge">{type}</span> <span className="muted">id {node.id}</span>
          {editable ? null : <span className="muted"> · published version, read-only</span>}
        </div>
        <button type="button" className="secondary small" onClick={onClose} aria-label="Close the panel">
          Close
        </button>
      </div>
      {editable && isTriggerNodeType(type) ? (
        <RunThisStep
          nodeId={node.id}
          nodeType={type}
          listening={listening}
          {...(dirty ? { blockedBy: 'Save the changes first: listening runs the saved draft.' } : {})}
        />
      ) : null}
      {trigger ? (
        <TriggerToggle workflowId={workflowId} trigger={trigger} onChanged={onTriggerChanged} />
      ) : null}
      {type === 'trigger-plugin' && editable ? (
        <PluginTriggerEditor
          key={node.id}
          workflowId={workflowId}
          node={node}
          onSaved={onDraftSaved}
          onDirtyChange={onDirtyChange}
        />
      ) : null}
      {type === 'trigger-webhook' ? <WebhookTriggerInfo workflowId={workflowId} nodeId={node.id} /> : null}
      {type === 'trigger-schedule' ? <ScheduleTriggerInfo node={node} /> : null}
      {type === 'trigger-plugin' && editable ? null : (
        <details open={!isTriggerNodeType(type)}>
          <summary>Node data</summary>
          <pre>{JSON.stringify(node.data, null, 2)}</pre>
        </details>
      )}
    </aside>
  );
}
