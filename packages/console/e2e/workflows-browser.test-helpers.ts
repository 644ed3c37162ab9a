import {
  OWNER_TOKEN,
  openConsole,
  type Page,
  startConsoleServer,
  type TestServer,
} from './browser.test-helpers.js';
import {
  createManualGitHubSubscription,
  deliverGitHubEvent,
  type ManualSubscription,
  waitForDispatch,
} from './github-subscription.test-helpers.js';

/**
 * What the workflow browser tests share: a console with a GitHub subscription to attach triggers
 * to, the workflow they import, and pull requests delivered to that subscription.
 *
 * ```ts
 * beforeAll(async () => {
 *   ({ server, page, subscription } = await openWorkflowConsole());
 *   workflowId = await importAttachedWorkflow({ server, subscription }); // as the editor tests leave it
 * });
 * afterAll(closeConsole); // the browser closed, the server stopped
 * ```
 */

/**
 * A workflow made in Dify's DSL, as a user would paste it: a GitHub trigger still on the wrong
 * event and without a subscription (those are chosen in the console), then an end node that
 * outputs the pull request's title.
 */
export const WORKFLOW_DSL = `kind: app
version: 0.5.0
app:
  name: Pull request titles
  description: Echoes the title of each opened pull request.
  mode: workflow
workflow:
  graph:
    nodes:
      - id: pr-trigger
        data:
          type: trigger-plugin
          title: Pull request opened
          provider_id: github
          event_name: push
          subscription_id: ""
          event_parameters: {}
      - id: end
        data:
          type: end
          title: End
          outputs:
            - variable: title
              value_selector: [pr-trigger, pull_request, title]
              value_type: string
    edges:
      - id: pr-trigger-end
        source: pr-trigger
        sourceHandle: source
        target: end
        targetHandle: target
`;

const OPENED = {
  action: 'opened',
  number: 12,
  pull_request: { title: 'Retry failed deliveries', number: 12 },
};

export interface WorkflowConsole {
  readonly server: TestServer;
  readonly page: Page;
  readonly subscription: ManualSubscription;
}

/** A console server with a manual GitHub subscription, and a page signed in as the owner. */
export async function openWorkflowConsole(): Promise<WorkflowConsole> {
  const server = await startConsoleServer();
  const subscription = await createManualGitHubSubscription(server);
  const page = await openConsole(server);
  return { server, page, subscription };
}

/** Delivers a signed `pull_request.opened` to the subscription; answers the status of the reply. */
export async function deliverPullRequest(
  subscription: ManualSubscription,
  deliveryId: string,
): Promise<number> {
  const { response } = await deliverGitHubEvent(subscription.callbackUrl, {
    event: 'pull_request',
    deliveryId,
    secret: subscription.secret,
    payload: OPENED,
  });
  return response.status;
}

/**
 * {@link WORKFLOW_DSL} as the editor tests leave it, made through the API so that later tests need
 * not click through the editor first: its trigger attached to the subscription for opened pull
 * requests, and one run of the draft from a delivery "Run this step" captured. Answers its id.
 */
export async function importAttachedWorkflow({
  server,
  subscription,
}: Pick<WorkflowConsole, 'server' | 'subscription'>): Promise<string> {
  const attached = WORKFLOW_DSL.replace('event_name: push', 'event_name: pull_request')
    .replace('subscription_id: ""', `subscription_id: "${subscription.id}"`)
    .replace('event_parameters: {}', 'event_parameters: { actions: { type: constant, value: [opened] } }');
  const created = await fetch(`${server.url}/api/v1/workflows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
    body: attached,
  });
  const workflow = (await created.json()) as { id: string };
  if (created.status !== 201) {
    throw new Error(`importing the workflow answered ${created.status}: ${JSON.stringify(workflow)}`);
  }

  const listening = await server.api(
    'POST',
    `/api/v1/workflows/${workflow.id}/draft/nodes/pr-trigger/listen`,
  );
  if (listening.status !== 201) throw new Error(`listening answered ${listening.status}`);
  const status = await deliverPullRequest(subscription, 'setup-pr');
  const { runs } = await waitForDispatch(server, subscription.id, 'setup-pr');
  if (status !== 200 || runs.length !== 1) {
    throw new Error(`the captured delivery answered ${status} and started ${runs.length} runs, not one`);
  }
  return workflow.id;
}
