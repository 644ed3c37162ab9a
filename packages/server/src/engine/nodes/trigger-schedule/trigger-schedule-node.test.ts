import { describe, expect, it } from 'vitest';
import { parsed, problems, run } from '../node-test-kit.test-helpers.js';
import { nextRuns, scheduleCronExpression } from './schedule-cron.js';
import { parseClockTime } from './schedule-data.js';
import { triggerScheduleNode } from './trigger-schedule-node.js';

const from = new Date('2026-03-02T10:00:00Z'); // a Monday

function runsOf(data: Record<string, unknown>, count = 3): string[] {
  return nextRuns(parsed(triggerScheduleNode, data), from, count).map((date) => date.toISOString());
}

describe('trigger-schedule', () => {
  it('converts each visual frequency to cron', () => {
    const expressions = [
      { frequency: 'hourly', visual_config: { on_minute: 15 } },
      { frequency: 'daily', visual_config: { time: '2:30 PM' } },
      { frequency: 'weekly', visual_config: { time: '9:00 AM', weekdays: ['mon', 'fri'] } },
      { frequency: 'monthly', visual_config: { time: '12:00 AM', monthly_days: [1, 15, 'last'] } },
    ].map((visual) =>
      scheduleCronExpression(parsed(triggerScheduleNode, { mode: 'visual', timezone: 'UTC', ...visual })),
    );
    expect(expressions).toEqual(['15 * * * *', '30 14 * * *', '0 9 * * mon,fri', '0 0 1,15,L * *']);
  });

  it('lists the next runs of a cron schedule in its time zone', () => {
    expect(runsOf({ mode: 'cron', cron_expression: '0 9 * * mon-fri', timezone: 'Europe/Berlin' })).toEqual([
      '2026-03-03T08:00:00.000Z',
      '2026-03-04T08:00:00.000Z',
      '2026-03-05T08:00:00.000Z',
    ]);
  });

  it('lists monthly runs including the last day of the month', () => {
    expect(
      runsOf(
        {
          mode: 'visual',
          frequency: 'monthly',
          visual_config: { time: '23:00', monthly_days: [15, 'last'] },
          timezone: 'UTC',
        },
        4,
      ),
    ).toEqual([
      '2026-03-15T23:00:00.000Z',
      '2026-03-31T23:00:00.000Z',
      '2026-04-15T23:00:00.000Z',
      '2026-04-30T23:00:00.000Z',
    ]);
  });

  it('lists five runs by default', () => {
    expect(
      nextRuns(
        parsed(triggerScheduleNode, { mode: 'visual', frequency: 'hourly', visual_config: { on_minute: 5 } }),
        from,
      ),
    ).toHaveLength(5);
  });

  it('reads Dify clock times', () => {
    expect(['12:00 AM', '12:30 PM', '2:30 PM', '14:30', '7:05'].map(parseClockTime)).toEqual([
      { hour: 0, minute: 0 },
      { hour: 12, minute: 30 },
      { hour: 14, minute: 30 },
      { hour: 14, minute: 30 },
      { hour: 7, minute: 5 },
    ]);
    expect(['13:00 PM', '24:00', '9', '9:60'].map(parseClockTime)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('outputs the time the run was due, or now', async () => {
    const node = { mode: 'cron', cron_expression: '*/5 * * * *', timezone: 'Asia/Tokyo' };
    expect(
      await run(triggerScheduleNode, node, { triggerInput: { scheduled_time: '2026-03-02T09:55:00Z' } }),
    ).toMatchObject({
      status: 'succeeded',
      outputs: { scheduled_time: '2026-03-02T09:55:00.000Z', timezone: 'Asia/Tokyo' },
    });
    expect(await run(triggerScheduleNode, node)).toMatchObject({
      outputs: { scheduled_time: '2026-03-02T10:00:00.000Z' },
    });
    expect(await run(triggerScheduleNode, node, { triggerInput: { scheduled_time: 'soon' } })).toMatchObject({
      status: 'failed',
      error: 'scheduled_time "soon" is not a time',
    });
  });

  it.each([
    [
      { mode: 'cron', cron_expression: '0 9 * *' },
      'cron_expression "0 9 * *" is not a valid 5-field cron expression (minute hour day month weekday)',
    ],
    [
      { mode: 'cron', cron_expression: '0 0 9 * * *' },
      'cron_expression "0 0 9 * * *" is not a valid 5-field cron expression',
    ],
    [
      { mode: 'cron', cron_expression: '61 * * * *' },
      'cron_expression "61 * * * *" is not a valid 5-field cron expression',
    ],
    [{ mode: 'cron', cron_expression: '0 0 30 2 *' }, 'cron_expression "0 0 30 2 *" never runs'],
    [
      { mode: 'cron', cron_expression: '0 9 * * *', timezone: 'Mars/Olympus' },
      'timezone must be an IANA time zone such as Europe/Berlin (got "Mars/Olympus")',
    ],
    [{ mode: 'weekly' }, 'mode must be one of visual, cron (got "weekly")'],
    [{ frequency: 'yearly' }, 'frequency must be one of hourly, daily, weekly, monthly (got "yearly")'],
    [
      { frequency: 'hourly', visual_config: { on_minute: 60 } },
      'visual_config.on_minute must be an integer from 0 to 59 (got 60)',
    ],
    [
      { frequency: 'daily', visual_config: { time: '25:00' } },
      'visual_config.time must be a time of day like "2:30 PM" or "14:30" (got "25:00")',
    ],
    [
      { frequency: 'weekly', visual_config: { weekdays: ['monday'] } },
      'visual_config.weekdays must be a list of sun, mon, tue, wed, thu, fri, sat',
    ],
    [
      { frequency: 'monthly', visual_config: { monthly_days: [0] } },
      'visual_config.monthly_days must be a list of days from 1 to 31 or "last"',
    ],
  ])('refuses %j', (data, message) => {
    const found = problems(triggerScheduleNode, data);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`nodes[0]: ${message}`);
  });
});
