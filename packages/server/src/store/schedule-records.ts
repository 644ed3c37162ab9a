import type { NewRunRecord } from './workflow-records.js';

/** An enabled schedule trigger of a published version, and when it last fired. */
export interface ScheduleTriggerRecord {
  readonly workspaceId: string;
  readonly workflowId: string;
  readonly nodeId: string;
  readonly versionId: string;
  /** When the version was published: a schedule never catches up on times before it. */
  readonly publishedAt: Date;
  /** The latest time this node fired, in any version of the workflow; null when never. */
  readonly lastFiredAt: Date | null;
}

/** One time a schedule fires: the run it starts, keyed by (run.versionId, run.trigger.nodeId, scheduledAt). */
export interface ScheduleFire {
  readonly scheduledAt: Date;
  /** A queued run of a published version (`versionId` set). */
  readonly run: NewRunRecord;
}

/** The outcome of recording a fire: the run that stands for it, and whether this call created it. */
export interface ScheduleFireReceipt {
  readonly created: boolean;
  readonly runId: string;
}
