import { github } from '@tripline/integrations';
import { createGuardedFetch } from '../../engine/nodes/http-request/guarded-fetch.js';
import { getNodeDefinition } from '../../engine/nodes/node-registry.js';
import { testContext } from '../../engine/nodes/node-test-kit.test-helpers.js';
import { IntegrationCatalog } from '../../integrations/integration-catalog.js';
import { LocalRunQueue } from '../../queue/local/local-run-queue.js';
import { RunExecutor } from '../../runs/run-executor.js';
import { RunProcessor } from '../../runs/run-processor.js';
import { RunService } from '../../runs/run-service.js';
import type { Principal } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { TriggerService } from '../../workflows/trigger-service.js';
import { silentLogger } from '../../workflows/workflow-fixtures.test-helpers.js';
import { WorkflowService } from '../../workflows/workflow-service.js';
import { OWNER_TOKEN, startTestApi, type TestApi } from '../test-api.test-helpers.js';
import { runRoutes } from './run-routes.js';
import { workflowRoutes } from './workflow-routes.js';
import { workflowTriggerRoutes } from './workflow-trigger-routes.js';
import { ownerViewerAndStranger, type WorkspaceTokens } from './workspace-tokens.test-helpers.js';

export interface WorkflowApi {
  readonly api: TestApi;
  readonly owner: Principal;
  readonly queue: LocalRunQueue;
  readonly tokens: WorkspaceTokens;
  request<T = { error: { code: string; message: string } }>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options?: { readonly token?: string; readonly body?: unknown; readonly contentType?: string },
  ): Promise<{ status: number; body: T; text: string; headers: Record<string, unknown> }>;
}

/** The real API with the workflow, trigger and run routes over a real SQLite store; the queue is not started. */
export async function startWorkflowApi(): Promise<WorkflowApi> {
  let services!: {
    workflows: WorkflowService;
    triggers: TriggerService;
    runs: RunService;
    queue: LocalRunQueue;
  };
  const catalog = new IntegrationCatalog([github]);
  const api = await startTestApi({
    integrations: [github],
    wrapStore: (store: Store) => {
      const clock = { now: () => Date.now() };
      // Runs here need no sandbox: the documents used have no code or template nodes.
      const executor = new RunExecutor({
        definitions: getNodeDefinition,
        clock,
        logger: silentLogger,
        fetch: createGuardedFetch(),
        sandbox: testContext().sandbox,
      });
      const processor = new RunProcessor({ store, executor, clock, logger: silentLogger });
      const queue = new LocalRunQueue({ store, handler: processor.handle, clock, logger: silentLogger });
      services = {
        workflows: new WorkflowService({ store, catalog, clock, logger: silentLogger }),
        triggers: new TriggerService({ store }),
        runs: new RunService({ store, queue, clock, logger: silentLogger }),
        queue,
      };
      return store;
    },
    routes: [
      (app) => workflowRoutes(app, { workflows: services.workflows }),
      (app) => workflowTriggerRoutes(app, { triggers: services.triggers }),
      (app) => runRoutes(app, { runs: services.runs }),
    ],
  });
  const { owner, tokens } = await ownerViewerAndStranger(api);
  const close = api.close;
  return {
    api: {
      ...api,
      close: async () => {
        await services.queue.stop();
        await close();
      },
    },
    owner,
    queue: services.queue,
    tokens,
    async request<T>(
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      options: { readonly token?: string; readonly body?: unknown; readonly contentType?: string } = {},
    ) {
      const response = await api.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${options.token ?? OWNER_TOKEN}`,
          ...(options.contentType ? { 'content-type': options.contentType } : {}),
        },
        ...(options.body === undefined
          ? {}
          : { payload: typeof options.body === 'string' ? options.body : (options.body as object) }),
      });
      const json = (response.headers['content-type'] ?? '').toString().includes('json');
      return {
        status: response.statusCode,
        body: (json && response.body !== '' ? response.json() : undefined) as T,
        text: response.body,
        headers: response.headers,
      };
    },
  };
}
