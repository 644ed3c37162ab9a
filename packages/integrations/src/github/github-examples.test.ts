import { fixedClock } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, formBody, githubDelivery, SECRET } from './examples.test-helpers.js';
import { github } from './github-integration.js';

const clock = fixedClock(Date.parse('2026-01-01T00:00:00Z'));
const properties = { webhook_secret: SECRET };
const cases = EXAMPLES.flatMap((group) =>
  group.examples.map((payload, index) => ({ label: `${group.name} #${index}`, event: group.name, payload })),
);

describe('github with every payload of @octokit/webhooks-examples', () => {
  it('covers every example event and at least 58 of them', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(58);
    expect(cases.length).toBeGreaterThan(300);
    for (const group of EXAMPLES) expect(github.events.has(group.name as never), group.name).toBe(true);
  });

  it.each(cases)('verifies and parses $label', ({ event, payload }) => {
    const request = githubDelivery({ event, body: JSON.stringify(payload) });
    expect(github.verify({ request, properties, clock })).toEqual({ ok: true });
    const parsed = github.parse(request);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.deliveryId).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
    expect(parsed.response.status).toBe(200);
    if (event === 'ping') {
      expect(parsed.events).toEqual([]);
      return;
    }
    expect(parsed.events).toHaveLength(1);
    const [parsedEvent] = parsed.events;
    expect(parsedEvent?.name).toBe(event);
    expect(parsedEvent?.action).toBe(typeof payload.action === 'string' ? payload.action : undefined);
    expect(parsedEvent?.payload).toEqual(payload);
  });

  it.each(cases)(
    'refuses $label when the body is tampered with or the secret is wrong',
    ({ event, payload }) => {
      const request = githubDelivery({ event, body: JSON.stringify(payload) });
      const tampered = {
        ...request,
        body: new TextEncoder().encode(JSON.stringify({ ...payload, injected: true })),
      };
      expect(github.verify({ request: tampered, properties, clock }).ok).toBe(false);
      expect(github.verify({ request, properties: { webhook_secret: `${SECRET}!` }, clock }).ok).toBe(false);
    },
  );

  const formCases = ['push', 'pull_request', 'issues', 'issue_comment', 'release', 'workflow_run'].map(
    (event) => {
      const payload = EXAMPLES.find((group) => group.name === event)?.examples[0];
      if (!payload) throw new Error(`no example for ${event}`);
      return { event, payload };
    },
  );

  it.each(formCases)('verifies and parses a form-encoded $event', ({ event, payload }) => {
    const request = githubDelivery({
      event,
      body: formBody(payload),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(github.verify({ request, properties, clock })).toEqual({ ok: true });
    const parsed = github.parse(request);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.events).toEqual([
      { name: event, ...(typeof payload.action === 'string' ? { action: payload.action } : {}), payload },
    ]);
  });
});
