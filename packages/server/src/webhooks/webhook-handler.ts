import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger } from '@tripline/sdk';
import { redactUrl } from '../api/log-redaction.js';
import { newTimeOrderedId } from '../domain/ids.js';
import { validateWebhookRequest } from '../engine/nodes/trigger-webhook/validate-webhook-request.js';
import {
  parseWebhookData,
  type TriggerWebhookNodeData,
} from '../engine/nodes/trigger-webhook/webhook-data.js';
import { EndpointRateLimiter } from '../ingress/endpoint-rate-limiter.js';
import { errorAnswer, type IngressAnswer, sendAnswer } from '../ingress/ingress-answer.js';
import { discardRest, readBody } from '../ingress/read-body.js';
import type { ListenerService } from '../listening/listener-service.js';
import type { RunQueue } from '../queue/queue.js';
import { firstRun } from '../runs/first-run.js';
import type { Store } from '../store/store.js';
import type { WebhookIds, WebhookTarget } from './webhook-ids.js';
import { parseWebhookUrl } from './webhook-path.js';

export interface WebhookHandlerOptions {
  readonly store: Store;
  readonly queue: RunQueue;
  readonly listeners: ListenerService;
  readonly webhookIds: WebhookIds;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** Per webhook id, as the integration ingress limits each endpoint (TRIPLINE_ENDPOINT_RATE_LIMIT/BURST). */
  readonly rateLimit: { readonly ratePerSecond: number; readonly burst: number };
}

type Resolved =
  | {
      readonly ok: true;
      readonly data: TriggerWebhookNodeData;
      readonly start: (inputs: Record<string, unknown>) => Promise<IngressAnswer | undefined>;
    }
  | { readonly ok: false; readonly answer: IngressAnswer };

/**
 * `ANY /triggers/webhook/{id}` runs the published version's webhook trigger;
 * `ANY /triggers/webhook-debug/{id}` runs the draft, only for a listener waiting on that node.
 * The request is checked against the node's declarations, and the run (holding the validated
 * request as its input) is stored before the node's configured answer is sent: a 2xx means the
 * run will happen. The id carries its workspace under a MAC, so it can only reach its own workflow.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const limiter = new EndpointRateLimiter({ ...options.rateLimit, clock: options.clock });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { mode, webhookId, query } = parseWebhookUrl(req.url ?? '/');
    const target = webhookId === undefined ? undefined : options.webhookIds.parse(webhookId);
    if (!target || webhookId === undefined) {
      sendAnswer(res, errorAnswer(404, 'not_found', `webhook "${webhookId ?? ''}" was not found`));
      return;
    }
    // Only ids that verified are counted, so a flood of forged ids cannot evict real buckets cheaply.
    const waitMs = limiter.take(webhookId);
    if (waitMs > 0) {
      req.resume();
      const seconds = String(Math.max(1, Math.ceil(waitMs / 1000)));
      const message = `webhook "${target.nodeId}" receives more requests than its limit of ${options.rateLimit.ratePerSecond} per second; retry after ${seconds} s`;
      sendAnswer(res, errorAnswer(429, 'rate_limited', message, { 'retry-after': seconds }));
      return;
    }
    const resolved =
      mode === 'debug' ? resolveDebug(options, target) : await resolvePublished(options, target);
    if (!resolved.ok) {
      req.resume();
      sendAnswer(res, resolved.answer);
      return;
    }
    const body = await readBody(req, options.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too_large') {
      discardRest(req, options.maxBodyBytes);
      sendAnswer(
        res,
        errorAnswer(413, 'payload_too_large', `the body is larger than ${options.maxBodyBytes} bytes`),
      );
      return;
    }
    const checked = await validateWebhookRequest(resolved.data, {
      method: req.method ?? 'GET',
      headers: req.headers,
      query,
      body: body.body,
    });
    if (!checked.ok) {
      const code =
        checked.status === 400
          ? 'invalid_request'
          : checked.status === 405
            ? 'method_not_allowed'
            : 'unsupported_media_type';
      const message = checked.field === undefined ? checked.message : `${checked.field}: ${checked.message}`;
      sendAnswer(res, errorAnswer(checked.status, code, message));
      return;
    }
    const refused = await resolved.start({ ...checked.variables });
    sendAnswer(res, refused ?? configuredAnswer(resolved.data));
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error, url: redactUrl(req.url ?? '/') }, 'a webhook request failed');
      sendAnswer(res, errorAnswer(500, 'internal_error', 'the webhook request could not be handled'));
    });
  };
}

function configuredAnswer(data: TriggerWebhookNodeData): IngressAnswer {
  let type = 'text/plain; charset=utf-8';
  try {
    if (data.response_body !== '') {
      JSON.parse(data.response_body);
      type = 'application/json; charset=utf-8';
    }
  } catch {
    // Not JSON: sent as text.
  }
  return {
    status: data.status_code,
    headers: data.response_body === '' ? {} : { 'content-type': type },
    body: data.response_body,
  };
}

function resolveDebug(options: WebhookHandlerOptions, target: WebhookTarget): Resolved {
  const { listeners } = options;
  const waiting = listeners.registry
    .waiting()
    .flatMap((listener) =>
      listener.workspaceId === target.workspaceId && listener.workflowId === target.workflowId
        ? listener.targets.flatMap((candidate) =>
            candidate.kind === 'webhook' && candidate.nodeId === target.nodeId
              ? [{ listener, candidate }]
              : [],
          )
        : [],
    );
  const first = waiting[0];
  if (!first) {
    return {
      ok: false,
      answer: errorAnswer(
        409,
        'not_listening',
        `no one is listening on webhook trigger "${target.nodeId}" of this draft; click "Run this step" on the node (POST /api/v1/workflows/${target.workflowId}/draft/nodes/${target.nodeId}/listen) first, then send the request again`,
      ),
    };
  }
  return {
    ok: true,
    data: first.candidate.data,
    start: async (inputs) => {
      let started = false;
      for (const { listener } of waiting) {
        const runId = await listeners.startDraftRun(listener, {
          nodeId: target.nodeId,
          trigger: { nodeId: target.nodeId, type: 'trigger-webhook' },
          inputs,
          event: inputs,
        });
        if (runId !== undefined) started = true;
      }
      return started
        ? undefined
        : errorAnswer(409, 'not_listening', 'the listener captured another event first; listen again');
    },
  };
}

async function resolvePublished(options: WebhookHandlerOptions, target: WebhookTarget): Promise<Resolved> {
  const { store, queue, clock, logger } = options;
  const notFound: Resolved = {
    ok: false,
    answer: errorAnswer(
      404,
      'not_found',
      'this webhook has no published workflow; publish the workflow first',
    ),
  };
  const links = await store.triggerLinks.list(target.workspaceId, target.workflowId);
  const link = links.find(
    (candidate) => candidate.nodeId === target.nodeId && candidate.nodeType === 'trigger-webhook',
  );
  if (!link) return notFound;
  if (!link.enabled) {
    return {
      ok: false,
      answer: errorAnswer(409, 'trigger_disabled', `webhook trigger "${link.title}" is switched off`),
    };
  }
  const version = await store.workflows.getVersion(target.workspaceId, link.versionId);
  const node = version?.document.graph.nodes.find((candidate) => candidate.id === target.nodeId);
  const parsed = node ? parseWebhookData(node.data, `node "${target.nodeId}" (trigger-webhook)`) : undefined;
  if (!version || !parsed?.ok) return notFound;
  return {
    ok: true,
    data: parsed.data,
    start: async (inputs) => {
      const now = clock.now();
      const run = await store.runs.create(
        firstRun({
          id: newTimeOrderedId(now),
          workspaceId: target.workspaceId,
          workflowId: target.workflowId,
          versionId: version.id,
          trigger: { nodeId: target.nodeId, type: 'trigger-webhook' },
          invokeFrom: 'webhook',
          inputs,
          createdAt: new Date(now),
        }),
      );
      await queue.enqueue([run.id]);
      logger.debug({ runId: run.id, workflowId: target.workflowId }, 'webhook run queued');
      return undefined;
    },
  };
}
