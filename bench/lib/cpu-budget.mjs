// A CPU budget for a process: a cgroup of its own with a CFS quota (cgroup v2's cpu.max, or v1's
// cpu.cfs_quota_us), as a node on a machine of its own with that much CPU would have. Used by the
// cluster section to measure how nodes add up when each node, not the shared machine, is the limit.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PERIOD_US = 10_000;

/** Where CPU cgroups can be made on this machine, or undefined. */
function cpuHierarchy() {
  const v2 = '/sys/fs/cgroup';
  try {
    if (readFileSync(join(v2, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu')) return { root: v2, v2: true };
  } catch {
    // not cgroup v2
  }
  const v1 = '/sys/fs/cgroup/cpu';
  return existsSync(join(v1, 'cpu.cfs_quota_us')) ? { root: v1, v2: false } : undefined;
}

/**
 * Moves `pid` (all its threads) into a new cgroup limited to `cpus` CPUs.
 * @param {number} pid
 * @param {number} cpus  e.g. 0.25 for a quarter of one CPU
 * @returns {{ release: () => void } | { failure: string }}
 */
export function limitCpu(pid, cpus) {
  const hierarchy = cpuHierarchy();
  if (!hierarchy) return { failure: 'no cgroup CPU controller on this machine' };
  const dir = join(hierarchy.root, `switchboard-bench-${process.pid}-${pid}`);
  const quota = Math.round(cpus * PERIOD_US);
  try {
    mkdirSync(dir);
    if (hierarchy.v2) writeFileSync(join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
    else {
      writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quota));
    }
    writeFileSync(join(dir, 'cgroup.procs'), String(pid));
  } catch (err) {
    try {
      rmdirSync(dir);
    } catch {
      // never made
    }
    return { failure: `cannot limit a process's CPU here: ${err instanceof Error ? err.message : String(err)}` };
  }
  // A cgroup can be removed once its processes have exited.
  return {
    release: () => {
      try {
        rmdirSync(dir);
      } catch {
        // still in use: left for the machine to clean
      }
    },
  };
}
