import type { NewRunRecord } from '../store/workflow-records.js';

/** What every way of starting a run decides; the rest of a first attempt has the same defaults. */
export type FirstRunFields = Pick<
  NewRunRecord,
  'id' | 'workspaceId' | 'workflowId' | 'versionId' | 'trigger' | 'invokeFrom' | 'inputs' | 'createdAt'
> &
  Partial<Pick<NewRunRecord, 'document' | 'deliveryLogId' | 'eventIndex' | 'createdBy'>>;

/**
 * A run's first attempt: no retry of anything, and unless given, no draft document, no delivery
 * it was started for (only the dispatcher's runs name one) and no member who asked for it.
 */
export function firstRun(fields: FirstRunFields): NewRunRecord {
  return {
    document: null,
    deliveryLogId: null,
    eventIndex: null,
    createdBy: null,
    ...fields,
    attempt: 1,
    retryOf: null,
  };
}
