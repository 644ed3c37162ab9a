import type { ParseNodeResult } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';
import { cronProblem, scheduleCronExpression } from './schedule-cron.js';
import {
  isTimeZone,
  parseClockTime,
  SCHEDULE_FREQUENCIES,
  SCHEDULE_MODES,
  type ScheduleFrequency,
  type TriggerScheduleNodeData,
  type VisualConfig,
  WEEKDAYS,
  type Weekday,
} from './schedule-data.js';

export function parseScheduleData(data: unknown, path: string): ParseNodeResult<TriggerScheduleNodeData> {
  const reader = DataReader.of(data, path);
  const mode = reader.oneOf('mode', SCHEDULE_MODES, { fallback: 'visual' });
  const timezone = reader.string('timezone', { optional: true }) ?? 'UTC';
  if (!isTimeZone(timezone))
    reader.fail('timezone', `must be an IANA time zone such as Europe/Berlin (got "${timezone}")`);
  let schedule: TriggerScheduleNodeData | undefined;
  if (mode === 'cron') {
    const expression = reader.string('cron_expression', { nonEmpty: true })?.trim();
    if (expression !== undefined) schedule = { mode, cron_expression: expression, timezone };
  } else if (mode === 'visual') {
    const frequency = reader.oneOf('frequency', SCHEDULE_FREQUENCIES, { fallback: 'daily' });
    const visualConfig = readVisualConfig(reader, frequency);
    if (frequency !== undefined && visualConfig !== undefined) {
      schedule = { mode, frequency, visual_config: visualConfig, timezone };
    }
  }
  if (schedule !== undefined && reader.problems.length === 0) {
    const problem = cronProblem(scheduleCronExpression(schedule), timezone);
    if (problem !== undefined) reader.fail(mode === 'cron' ? 'cron_expression' : 'visual_config', problem);
  }
  return schedule === undefined ? reader.failed() : reader.result(schedule);
}

function readVisualConfig(
  reader: DataReader,
  frequency: ScheduleFrequency | undefined,
): VisualConfig | undefined {
  const config = reader.has('visual_config') ? reader.object('visual_config') : undefined;
  if (reader.has('visual_config') && config === undefined) return undefined;
  const onMinute = config?.number('on_minute', { optional: true, integer: true, min: 0, max: 59 }) ?? 0;
  const time = config?.string('time', { optional: true }) ?? '12:00 AM';
  if (frequency !== 'hourly' && parseClockTime(time) === undefined) {
    config?.fail('time', `must be a time of day like "2:30 PM" or "14:30" (got "${time}")`);
  }
  const weekdays = config?.array('weekdays', { optional: true }) ?? [];
  if (!weekdays.every((day) => (WEEKDAYS as readonly unknown[]).includes(day))) {
    config?.fail('weekdays', `must be a list of ${WEEKDAYS.join(', ')}`);
  } else if (frequency === 'weekly' && weekdays.length === 0) {
    config?.fail('weekdays', 'must name at least one day for a weekly schedule');
  }
  const monthlyDays = config?.array('monthly_days', { optional: true }) ?? [];
  if (
    !monthlyDays.every(
      (day) => day === 'last' || (Number.isInteger(day) && Number(day) >= 1 && Number(day) <= 31),
    )
  ) {
    config?.fail('monthly_days', 'must be a list of days from 1 to 31 or "last"');
  } else if (frequency === 'monthly' && monthlyDays.length === 0) {
    config?.fail('monthly_days', 'must name at least one day for a monthly schedule');
  }
  return {
    on_minute: onMinute,
    time,
    weekdays: weekdays.length > 0 ? (weekdays as Weekday[]) : ['sun'],
    monthly_days: monthlyDays.length > 0 ? (monthlyDays as Array<number | 'last'>) : [1],
  };
}
