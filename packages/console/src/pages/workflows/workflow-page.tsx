import { useCallback, useMemo, useState } from 'react';
import { apiRequest } from '../../api/http.js';
import type {
  Draft,
  DslGraph,
  TriggerList,
  WorkflowSummary,
  WorkflowVersion,
  WorkflowVersionList,
} from '../../api/workflow-types.js';
import { Link, navigate } from '../../app/router.js';
import { ErrorMessage, Loading } from '../../ui/feedback.js';
import type { GraphNodeStatus } from '../../ui/graph-types.js';
import { useAsync } from '../../ui/use-async.js';
import { NodeSidePanel } from './node-side-panel.js';
import { PublishButton } from './publish-button.js';
import { TriggerTable } from './trigger-table.js';
import { useListener } from './use-listener.js';
import { DRAFT_OPTION, VersionSelect } from './version-select.js';
import { type ExportSource, exportWorkflow } from './workflow-export.js';
import { WorkflowGraphView } from './workflow-graph-view.js';

/** The `?version=` value that stands for whichever version is published now. */
const PUBLISHED_VERSION = 'published';

/**
 * `/workflows/:id`: a workflow's draft or one of its published versions, publishing, its
 * triggers, and the side panel of a clicked node (trigger settings and "Run this step" on the
 * draft). `version` is a version id, {@link PUBLISHED_VERSION}, or undefined for the draft.
 */
export function WorkflowPage({
  id,
  version,
}: {
  readonly id: string;
  readonly version?: string | undefined;
}) {
  const path = `/workflows/${encodeURIComponent(id)}`;
  const workflow = useAsync(() => apiRequest<WorkflowSummary>(path), [path]);
  const draft = useAsync(() => apiRequest<Draft>(`${path}/draft`), [path]);
  const publishedNumber = workflow.data?.publishedVersion ?? null;
  const publishedVersionId = workflow.data?.publishedVersionId ?? null;
  const triggers = useAsync(() => apiRequest<TriggerList>(`${path}/triggers`), [path, publishedNumber]);
  const versions = useAsync(
    () => apiRequest<WorkflowVersionList>(`${path}/versions`),
    [path, publishedVersionId],
  );
  const versionId = version === PUBLISHED_VERSION ? (publishedVersionId ?? undefined) : version;
  const shown = useAsync(
    () =>
      versionId === undefined
        ? Promise.resolve(undefined)
        : apiRequest<WorkflowVersion>(`${path}/versions/${encodeURIComponent(versionId)}`),
    [path, versionId],
  );
  const listening = useListener(id);
  const [selectedId, setSelectedId] = useState<string>();
  const [exportError, setExportError] = useState<unknown>();
  const close = useCallback(() => setSelectedId(undefined), []);

  const viewingVersion = versionId !== undefined;
  const isPublishedNow = viewingVersion && versionId === publishedVersionId;
  // A reload keeps the previous answer on screen: another version's graph must not stand in.
  const versionShown = shown.data?.id === versionId ? shown.data : undefined;
  const graph: DslGraph | undefined = viewingVersion ? versionShown?.graph : draft.data?.graph;
  const selected = graph?.nodes.find((node) => node.id === selectedId);
  const statuses = useMemo(() => {
    const progress = listening.state.nodes;
    return new Map<string, GraphNodeStatus>(progress.map((node) => [node.nodeId, node.status]));
  }, [listening.state.nodes]);

  if (workflow.error && !workflow.data) {
    return (
      <section>
        <Link to="/workflows">← Workflows</Link>
        <ErrorMessage error={workflow.error} />
      </section>
    );
  }
  if (!workflow.data) return <Loading what="the workflow" />;
  const current = workflow.data;
  // A version exports once its number is known (for the file name), the draft at once.
  const exportSource: ExportSource | undefined = viewingVersion
    ? versionShown && { versionId: versionShown.id, version: versionShown.version }
    : 'draft';

  return (
    <section>
      <Link to="/workflows">← Workflows</Link>
      <div className="spread">
        <div>
          <h1>{current.name}</h1>
          {current.description ? <p className="muted">{current.description}</p> : null}
        </div>
        <div className="row">
          <VersionSelect
            versions={versions.data?.items ?? []}
            publishedVersionId={publishedVersionId}
            selected={versionId ?? DRAFT_OPTION}
            onSelect={(value) => {
              setSelectedId(undefined);
              navigate(value === DRAFT_OPTION ? path : `${path}?version=${encodeURIComponent(value)}`);
            }}
          />
          <button
            type="button"
            className="secondary"
            disabled={exportSource === undefined}
            onClick={() => {
              if (exportSource === undefined) return;
              setExportError(undefined);
              exportWorkflow(current, exportSource).catch(setExportError);
            }}
          >
            Export
          </button>
          <Link to={`/runs?workflow=${encodeURIComponent(id)}`}>Runs</Link>
        </div>
      </div>
      <ErrorMessage error={exportError} />
      <ErrorMessage error={versions.error} />
      {viewingVersion ? null : (
        <DraftStatus draft={draft.data} onPublished={() => workflow.reload()} workflowId={id} />
      )}
      <ErrorMessage error={viewingVersion ? shown.error : draft.error} />
      {graph ? (
        <WorkflowGraphView
          key={versionId ?? DRAFT_OPTION}
          graph={graph}
          {...(viewingVersion ? {} : { statuses })}
          {...(selectedId === undefined ? {} : { selectedId })}
          onOpen={setSelectedId}
        />
      ) : (
        <Loading what="the graph" />
      )}
      <p className="muted">
        {viewingVersion
          ? `Published versions are read-only.${
              isPublishedNow || publishedNumber === null
                ? ''
                : ` This one's triggers no longer fire: version ${publishedNumber} is published.`
            }`
          : 'Click a trigger to choose its subscription, event and filters, or to run this step.'}
      </p>
      <h2>Triggers{publishedNumber === null ? '' : ` of version ${publishedNumber}`}</h2>
      <ErrorMessage error={triggers.error} />
      {triggers.data ? (
        <TriggerTable workflowId={id} triggers={triggers.data} onChanged={triggers.reload} />
      ) : triggers.error ? null : (
        <Loading what="triggers" />
      )}
      {selected ? (
        <NodeSidePanel
          key={`${versionId ?? DRAFT_OPTION}/${selected.id}`}
          workflowId={id}
          node={selected}
          view={viewingVersion ? 'published' : 'draft'}
          listening={listening}
          {...(isPublishedNow
            ? { trigger: triggers.data?.items.find((item) => item.nodeId === selected.id) }
            : {})}
          onDraftSaved={() => draft.reload()}
          onTriggerChanged={triggers.reload}
          onClose={close}
        />
      ) : null}
    </section>
  );
}

/** The draft's publish button and what stands in its way. */
function DraftStatus({
  draft,
  workflowId,
  onPublished,
}: {
  readonly draft: Draft | undefined;
  readonly workflowId: string;
  readonly onPublished: () => void;
}) {
  return (
    <div className="card">
      <div className="spread">
        <span>
          Draft
          {draft ? (
            <span className="muted"> · saved {new Date(draft.updatedAt).toLocaleString()}</span>
          ) : null}
        </span>
        <PublishButton workflowId={workflowId} onPublished={onPublished} />
      </div>
      {draft && draft.problems.length > 0 ? (
        <div className="draft-problems">
          <strong>
            {draft.problems.length} {draft.problems.length === 1 ? 'problem blocks' : 'problems block'}{' '}
            publishing:
          </strong>
          <ul className="problem-list">
            {draft.problems.map((problem) => (
              <li key={`${problem.path}/${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
