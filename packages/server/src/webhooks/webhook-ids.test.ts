import { describe, expect, it } from 'vitest';
import { WebhookIds } from './webhook-ids.js';
import { parseWebhookUrl } from './webhook-path.js';

const target = { workspaceId: 'ws-1', workflowId: 'wf-1', nodeId: '1754500000001' };

describe('WebhookIds', () => {
  it('reads back the node an id was made for, through its URL', () => {
    const ids = new WebhookIds(Buffer.alloc(32, 1));
    const id = ids.idFor(target);
    const url = parseWebhookUrl(`/triggers/webhook/${id}?a=1&a=2`);
    expect(url).toEqual({ mode: 'published', webhookId: id, query: { a: ['1', '2'] } });
    expect(ids.parse(id)).toEqual(target);
  });

  it('refuses an id pointed at another workspace, or made with another key', () => {
    const ids = new WebhookIds(Buffer.alloc(32, 1));
    const [, mac] = ids.idFor(target).split('.');
    const forged = `${Buffer.from(JSON.stringify(['ws-2', 'wf-1', target.nodeId])).toString('base64url')}.${mac}`;
    expect(ids.parse(forged)).toBeUndefined();
    expect(new WebhookIds(Buffer.alloc(32, 2)).parse(ids.idFor(target))).toBeUndefined();
    expect(ids.parse('not-an-id')).toBeUndefined();
  });
});
