import type { ScheduleFire, ScheduleFireReceipt, ScheduleTriggerRecord } from '../schedule-records.js';

/** Schedule triggers and the times they fired; several schedulers may share one database. */
export interface ScheduleRepository {
  /** Every enabled schedule trigger of a published version, in every workspace. */
  listActive(): Promise<readonly ScheduleTriggerRecord[]>;
  /**
   * In one transaction: records the fire and creates its queued run, unless (version, node,
   * scheduled time) fired before; then nothing is written and the earlier run is answered.
   */
  fire(fire: ScheduleFire): Promise<ScheduleFireReceipt>;
  /**
   * Retention: deletes up to `limit` fires scheduled before `firedBefore`, earliest first, but
   * never the latest fire of a (workflow, node): `listActive` answers it as `lastFiredAt`, where
   * catching up after a restart starts. Answers how many; fewer than `limit` means none is left.
   */
  pruneFires(input: { readonly firedBefore: Date; readonly limit: number }): Promise<number>;
}
