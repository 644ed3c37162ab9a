import { apiRequest } from '../../api/http.js';
import type { WebhookUrls } from '../../api/workflow-types.js';
import { CopyButton, ErrorMessage, Loading } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';

/** A webhook trigger's addresses: the one that runs the published version, and the draft's debug one. */
export function WebhookTriggerInfo({
  workflowId,
  nodeId,
}: {
  readonly workflowId: string;
  readonly nodeId: string;
}) {
  const webhooks = useAsync(
    () => apiRequest<WebhookUrls>(`/workflows/${encodeURIComponent(workflowId)}/webhooks`),
    [workflowId],
  );
  if (webhooks.error) return <ErrorMessage error={webhooks.error} />;
  if (!webhooks.data) return <Loading what="webhook URLs" />;
  const webhook = webhooks.data.items.find((item) => item.nodeId === nodeId);
  if (!webhook) {
    return (
      <p className="muted">The server lists no URL for this node yet: save the draft, then open it again.</p>
    );
  }
  return (
    <dl className="facts">
      <dt>Webhook URL</dt>
      <dd>
        <code>{webhook.url}</code> <CopyButton value={webhook.url} />
        <div className="muted">Runs the published version, any HTTP method.</div>
      </dd>
      <dt>Debug URL</dt>
      <dd>
        <code>{webhook.debugUrl}</code> <CopyButton value={webhook.debugUrl} />
        <div className="muted">
          Runs the draft while “Run this step” listens on this node; otherwise answers 409.
        </div>
      </dd>
    </dl>
  );
}
