import { Cron } from 'croner';
import { parseClockTime, type TriggerScheduleNodeData } from './schedule-data.js';

/** The 5-field cron expression a schedule runs on; the visual forms are converted to one. */
export function scheduleCronExpression(data: TriggerScheduleNodeData): string {
  if (data.mode === 'cron') return data.cron_expression;
  const config = data.visual_config;
  if (data.frequency === 'hourly') return `${config.on_minute} * * * *`;
  const { hour, minute } = parseClockTime(config.time) ?? { hour: 0, minute: 0 };
  switch (data.frequency) {
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekly':
      return `${minute} ${hour} * * ${config.weekdays.join(',')}`;
    case 'monthly':
      return `${minute} ${hour} ${config.monthly_days.map((day) => (day === 'last' ? 'L' : day)).join(',')} * *`;
    default: {
      const exhaustive: never = data.frequency;
      return exhaustive;
    }
  }
}

function cronOf(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, mode: '5-part' });
}

/** Why a cron expression cannot run, or undefined when it can. */
export function cronProblem(expression: string, timezone: string): string | undefined {
  try {
    const cron = cronOf(expression, timezone);
    if (cron.nextRun(new Date(0)) === null) return `"${expression}" never runs`;
    return undefined;
  } catch (error) {
    return `"${expression}" is not a valid 5-field cron expression (minute hour day month weekday): ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The next times a schedule runs after `from`, in its time zone.
 *
 * @example
 * nextRuns({ mode: 'cron', cron_expression: '0 9 * * mon', timezone: 'Europe/Berlin' }, new Date(), 3)
 */
export function nextRuns(data: TriggerScheduleNodeData, from: Date, count = 5): Date[] {
  return cronOf(scheduleCronExpression(data), data.timezone).nextRuns(count, from);
}
