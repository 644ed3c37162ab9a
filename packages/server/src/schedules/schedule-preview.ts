import { ValidationError } from '../domain/errors.js';
import { parseScheduleData } from '../engine/nodes/trigger-schedule/parse-schedule-data.js';
import { nextRuns, scheduleCronExpression } from '../engine/nodes/trigger-schedule/schedule-cron.js';
import type { TriggerScheduleNodeData } from '../engine/nodes/trigger-schedule/schedule-data.js';

/** The next times a schedule fires, as the console shows them beside the node. */
export interface SchedulePreview {
  readonly cronExpression: string;
  readonly timezone: string;
  /** ISO times, earliest first. */
  readonly nextRuns: string[];
}

/** The next `count` times after `from` of a schedule node's data (cron or visual form). */
export function previewSchedule(data: TriggerScheduleNodeData, from: Date, count = 5): SchedulePreview {
  return {
    cronExpression: scheduleCronExpression(data),
    timezone: data.timezone,
    nextRuns: nextRuns(data, from, count).map((date) => date.toISOString()),
  };
}

/** Validates a schedule as a trigger-schedule node's data, then previews it; problems answer 400. */
export function previewScheduleBody(body: unknown, from: Date, count = 5): SchedulePreview {
  const parsed = parseScheduleData(body, 'body');
  if (!parsed.ok) throw new ValidationError(parsed.problems.join('; '));
  return previewSchedule(parsed.data, from, count);
}

/** The next times a schedule node of a published document fires, or undefined for other nodes. */
export function nextRunsOfNode(
  nodes: readonly { readonly id: string; readonly type: string; readonly data: unknown }[],
  nodeId: string,
  from: Date,
): string[] | undefined {
  const node = nodes.find((candidate) => candidate.id === nodeId);
  if (node?.type !== 'trigger-schedule') return undefined;
  const parsed = parseScheduleData(node.data, `nodes.${nodeId}.data`);
  return parsed.ok ? previewSchedule(parsed.data, from).nextRuns : undefined;
}
