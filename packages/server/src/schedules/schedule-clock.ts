import { Cron } from 'croner';
import { scheduleCronExpression } from '../engine/nodes/trigger-schedule/schedule-cron.js';
import type { TriggerScheduleNodeData } from '../engine/nodes/trigger-schedule/schedule-data.js';

/** When one schedule fires, in its time zone. */
export class ScheduleClock {
  readonly #cron: Cron;

  constructor(data: TriggerScheduleNodeData) {
    this.#cron = new Cron(scheduleCronExpression(data), { timezone: data.timezone, mode: '5-part' });
  }

  /** The latest time it fired at or before `at`, or undefined. */
  latestAtOrBefore(at: Date): Date | undefined {
    return this.#cron.previousRuns(1, new Date(at.getTime() + 1))[0];
  }

  /** The first time it fires strictly after `after`, or undefined when it never does again. */
  nextAfter(after: Date): Date | undefined {
    return this.#cron.nextRun(after) ?? undefined;
  }
}
