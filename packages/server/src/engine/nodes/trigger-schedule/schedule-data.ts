export const SCHEDULE_MODES = ['visual', 'cron'] as const;
export const SCHEDULE_FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
export type Weekday = (typeof WEEKDAYS)[number];

/** Dify's visual schedule: only the fields of the chosen frequency matter. */
export interface VisualConfig {
  /** Hourly: the minute of each hour. */
  readonly on_minute: number;
  /** Daily, weekly, monthly: `2:30 PM` (Dify's form) or `14:30`. */
  readonly time: string;
  readonly weekdays: readonly Weekday[];
  readonly monthly_days: ReadonlyArray<number | 'last'>;
}

export type TriggerScheduleNodeData =
  | { readonly mode: 'cron'; readonly cron_expression: string; readonly timezone: string }
  | {
      readonly mode: 'visual';
      readonly frequency: ScheduleFrequency;
      readonly visual_config: VisualConfig;
      readonly timezone: string;
    };

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `2:30 PM`, `12:00 AM` or `14:30` as hour and minute of a day. */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})\s*(AM|PM)?\s*$/i.exec(text);
  if (match === null) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const half = match[3]?.toUpperCase();
  if (minute > 59) return undefined;
  if (half === undefined) return hour <= 23 ? { hour, minute } : undefined;
  if (hour < 1 || hour > 12) return undefined;
  return { hour: (hour % 12) + (half === 'PM' ? 12 : 0), minute };
}
