import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Where the machine's CPU went during one load run, in cores (1 = one CPU busy all the time). */
export interface CpuShare {
  /** The load generator: this process (autocannon runs in it). */
  readonly loadGeneratorCores: number;
  /** Every CPU of the machine that was not idle (user, system, interrupts), for every process. */
  readonly machineBusyCores: number;
}

/**
 * Measures the CPU of a stretch of time: this process's own through `process.cpuUsage`, the
 * machine's from /proc/stat (Linux; elsewhere the machine figure is NaN). On a machine with few
 * CPUs the load generator competes with the server it loads, so the report says how much it took.
 */
export function startCpuMeter(): () => CpuShare {
  const startedAt = process.hrtime.bigint();
  const ownBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  return () => {
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const own = process.cpuUsage(ownBefore);
    const machineAfter = machineTicks();
    let machineBusyCores = Number.NaN;
    if (machineBefore && machineAfter) {
      const total = machineAfter.total - machineBefore.total;
      const idle = machineAfter.idle - machineBefore.idle;
      if (total > 0) machineBusyCores = ((total - idle) / total) * cpus().length;
    }
    return { loadGeneratorCores: (own.user + own.system) / 1e6 / seconds, machineBusyCores };
  };
}

/** The machine's CPU time so far in clock ticks: all of it, and the idle part (idle + iowait). */
function machineTicks(): { readonly total: number; readonly idle: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: guest time is already counted in user.
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { total, idle: (fields[3] ?? 0) + (fields[4] ?? 0) };
  } catch {
    return undefined;
  }
}
