import { github } from '@tripline/integrations';
import { describe, expect, it, vi } from 'vitest';
import type { RequestLogRecord } from '../store/records.js';
import type { TriggerLinkRecord } from '../store/workflow-records.js';
import { githubDeliveryLog, githubExample } from '../workflows/workflow-fixtures.test-helpers.js';
import { planDelivery } from './plan-delivery.js';
import { planUnheardDelivery } from './plan-unheard-delivery.js';

const subscription = { id: 'sub-1', workspaceId: 'ws-1' };

function stored(event: string, payload: Record<string, unknown>): RequestLogRecord {
  return { ...githubDeliveryLog(subscription, event, payload), dispatchedAt: null, runs: [] };
}

function link(overrides: Partial<TriggerLinkRecord>): TriggerLinkRecord {
  return {
    workflowId: 'wf-1',
    nodeId: 'node-1',
    workspaceId: subscription.workspaceId,
    versionId: 'v-1',
    nodeType: 'trigger-plugin',
    title: 'Issue opened',
    integration: 'github',
    event: 'issues',
    subscriptionId: subscription.id,
    eventParameters: {},
    enabled: true,
    ...overrides,
  };
}

/** What the full plan, which reads the body again, answers for the same delivery. */
function fullPlan(log: RequestLogRecord, links: readonly TriggerLinkRecord[]) {
  return planDelivery({ log, integration: github, links, now: new Date(), newRunId: () => 'run-1' });
}

describe('planUnheardDelivery', () => {
  it('records each event as no listener when no trigger listens, as the full plan does', () => {
    const log = stored('issues', githubExample('issues', 'opened'));
    const links = [
      link({ event: 'pull_request' }),
      link({ subscriptionId: 'sub-2' }),
      link({ workspaceId: 'ws-2' }),
    ];
    const plan = planUnheardDelivery({ log, links });
    expect(plan).toEqual({
      runs: [],
      log: {
        logId: log.id,
        results: [{ index: 0, name: 'issues', action: 'opened', outcome: 'no_listener', triggers: [] }],
      },
    });
    expect(plan).toEqual(fullPlan(log, links));
  });

  it('records disabled triggers as disabled without reading the body, as the full plan does', () => {
    const log = stored('issues', githubExample('issues', 'opened'));
    const links = [link({ enabled: false }), link({ nodeId: 'node-2', enabled: false })];
    const parse = vi.spyOn(github, 'parse');
    try {
      const plan = planUnheardDelivery({ log, links });
      expect(parse).not.toHaveBeenCalled();
      expect(plan?.log.results[0]).toEqual({
        index: 0,
        name: 'issues',
        action: 'opened',
        outcome: 'triggered',
        triggers: [
          { outcome: 'disabled', workflowId: 'wf-1', nodeId: 'node-1' },
          { outcome: 'disabled', workflowId: 'wf-1', nodeId: 'node-2' },
        ],
      });
    } finally {
      parse.mockRestore();
    }
    expect(planUnheardDelivery({ log, links })).toEqual(fullPlan(log, links));
  });

  it('leaves a delivery that an enabled trigger listens to for the full plan', () => {
    const log = stored('issues', githubExample('issues', 'opened'));
    expect(planUnheardDelivery({ log, links: [link({ enabled: false }), link({ nodeId: 'n-2' })] })).toBe(
      undefined,
    );
  });
});
