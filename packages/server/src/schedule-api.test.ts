import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './engine/dsl/fixtures.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from './test-server.test-helpers.js';

describe('schedules over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('previews the next five times of a cron schedule in its time zone', async () => {
    const preview = await server.api('POST', '/api/v1/schedule-preview', {
      body: { mode: 'cron', cron_expression: '30 6 * * *', timezone: 'Asia/Kolkata' },
    });
    expect(preview.status).toBe(200);
    expect(preview.json.cronExpression).toBe('30 6 * * *');
    expect(preview.json.nextRuns).toHaveLength(5);
    for (const time of preview.json.nextRuns as string[]) expect(time).toMatch(/T01:00:00\.000Z$/);
    const [first, second] = (preview.json.nextRuns as string[]).map(Date.parse);
    expect((second ?? 0) - (first ?? 0)).toBe(24 * 3600_000);
  });

  it('previews a visual schedule', async () => {
    const preview = await server.api('POST', '/api/v1/schedule-preview', {
      body: { mode: 'visual', frequency: 'weekly', visual_config: { time: '2:15 PM', weekdays: ['wed'] } },
    });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ cronExpression: '15 14 * * wed', timezone: 'UTC' });
    for (const time of preview.json.nextRuns as string[]) expect(new Date(time).getUTCDay()).toBe(3);
  });

  it('refuses an invalid schedule naming the field', async () => {
    const refused = await server.api('POST', '/api/v1/schedule-preview', {
      body: { mode: 'cron', cron_expression: '61 * * * *', timezone: 'Mars/Olympus' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('timezone must be an IANA time zone');
  });

  it("lists a published schedule trigger's next runs", async () => {
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: fixture('schedule-trigger.yml'),
    });
    const { id } = (await created.json()) as { id: string };
    expect((await server.api('POST', `/api/v1/workflows/${id}/publish`)).status).toBe(200);
    const triggers = await server.api('GET', `/api/v1/workflows/${id}/triggers`);
    const [trigger] = triggers.json.items;
    expect(trigger.type).toBe('trigger-schedule');
    expect(trigger.nextRuns).toHaveLength(5);
    // 08:00 on weekdays in Berlin.
    for (const time of trigger.nextRuns as string[]) {
      const date = new Date(time);
      expect([1, 2, 3, 4, 5]).toContain(date.getUTCDay());
      expect(date.getUTCMinutes()).toBe(0);
      expect([6, 7]).toContain(date.getUTCHours());
    }
  });
});
