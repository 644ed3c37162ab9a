import type { Logger } from '@tripline/sdk';
import { parseScheduleData } from '../engine/nodes/trigger-schedule/parse-schedule-data.js';
import type { ScheduleTriggerRecord } from '../store/schedule-records.js';
import type { Store } from '../store/store.js';
import { ScheduleClock } from './schedule-clock.js';

/**
 * The schedule of each published trigger node, read from its version's document once: versions
 * never change, so a (version, node) pair keeps its schedule for as long as it is listed.
 */
export class ScheduleCatalog {
  readonly #store: Store;
  readonly #logger: Logger;
  #clocks = new Map<string, ScheduleClock | null>();

  constructor(options: { readonly store: Store; readonly logger: Logger }) {
    this.#store = options.store;
    this.#logger = options.logger;
  }

  /** The clocks of these triggers (null where the node's schedule cannot be read); forgets the rest. */
  async clocksOf(
    triggers: readonly ScheduleTriggerRecord[],
  ): Promise<ReadonlyMap<ScheduleTriggerRecord, ScheduleClock | null>> {
    const next = new Map<string, ScheduleClock | null>();
    const result = new Map<ScheduleTriggerRecord, ScheduleClock | null>();
    for (const trigger of triggers) {
      const key = `${trigger.versionId}/${trigger.nodeId}`;
      let clock = next.get(key) ?? this.#clocks.get(key);
      if (clock === undefined) clock = await this.#read(trigger);
      next.set(key, clock);
      result.set(trigger, clock);
    }
    this.#clocks = next;
    return result;
  }

  async #read(trigger: ScheduleTriggerRecord): Promise<ScheduleClock | null> {
    const version = await this.#store.workflows.getVersion(trigger.workspaceId, trigger.versionId);
    const node = version?.document.graph.nodes.find((candidate) => candidate.id === trigger.nodeId);
    const parsed = node && parseScheduleData(node.data, `nodes.${trigger.nodeId}.data`);
    if (parsed?.ok) return new ScheduleClock(parsed.data);
    // Publishing validated the node, so this is a version written by something else: skip it, say why.
    this.#logger.warn(
      {
        workflowId: trigger.workflowId,
        versionId: trigger.versionId,
        nodeId: trigger.nodeId,
        problems: parsed?.ok === false ? parsed.problems : ['the node is not in its version'],
      },
      'a schedule trigger cannot be read and never fires',
    );
    return null;
  }
}
