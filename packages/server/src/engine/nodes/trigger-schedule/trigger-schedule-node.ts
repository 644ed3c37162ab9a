import type { NodeDefinition } from '../node-definition.js';
import { parseScheduleData } from './parse-schedule-data.js';
import type { TriggerScheduleNodeData } from './schedule-data.js';

/** When the schedule fired: `scheduled_time` in the trigger input (ISO text or epoch ms), else now. */
function scheduledTime(
  triggerInput: Readonly<Record<string, unknown>> | undefined,
  nowMs: number,
): Date | undefined {
  const given = triggerInput?.scheduled_time;
  if (given === undefined || given === null) return new Date(nowMs);
  const date = typeof given === 'string' || typeof given === 'number' ? new Date(given) : undefined;
  return date !== undefined && Number.isFinite(date.getTime()) ? date : undefined;
}

/** Starts a run at the times of its schedule; outputs the time the run was due. */
export const triggerScheduleNode: NodeDefinition<TriggerScheduleNodeData> = {
  type: 'trigger-schedule',
  parse: parseScheduleData,
  references: () => [],
  outputNames: () => ['scheduled_time', 'timezone'],
  async execute({ node, context, triggerInput }) {
    const inputs = triggerInput ?? {};
    const time = scheduledTime(triggerInput, context.clock.now());
    if (time === undefined) {
      return {
        status: 'failed',
        inputs,
        error: `scheduled_time ${JSON.stringify(triggerInput?.scheduled_time)} is not a time`,
      };
    }
    return {
      status: 'succeeded',
      inputs,
      outputs: { scheduled_time: time.toISOString(), timezone: node.data.timezone },
    };
  },
};
