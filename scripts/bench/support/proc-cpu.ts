import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time from /proc (Linux), in milliseconds. The kernel counts in clock ticks of 1/100 s
 * (USER_HZ is 100 on every Linux ABI Node runs on).
 */
const TICK_MS = 10;

export type ProcessCpu = {
  /** The process itself (user + system). */
  selfMs: number;
  /** Its children that have exited and been waited for (sandbox commands, mount, rm…). */
  childrenMs: number;
};

/** Fields after the `(comm)`, which may itself contain spaces and parentheses. */
function statFields(pid: number | "self"): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // gone
  }
}

/** utime, stime, cutime, cstime are fields 14–17 of /proc/<pid>/stat (11–14 after the comm). */
export function processCpu(pid: number | "self" = "self"): ProcessCpu {
  const f = statFields(pid);
  if (!f) return { selfMs: 0, childrenMs: 0 };
  const n = (i: number) => Number(f[i]) * TICK_MS;
  return { selfMs: n(11) + n(12), childrenMs: n(13) + n(14) };
}

/**
 * CPU of a whole process tree: every live descendant's own time, plus what each of them (and the
 * root) collected from children already gone.
 */
export function treeCpuMs(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (f) parents.set(Number(name), Number(f[1]));
  }
  let total = 0;
  const visit = (pid: number) => {
    const cpu = processCpu(pid);
    total += cpu.selfMs + cpu.childrenMs;
    for (const [child, parent] of parents) if (parent === pid) visit(child);
  };
  visit(rootPid);
  return total;
}

/** Busy and total CPU time of the whole machine (all cores) from /proc/stat. */
export function machineCpuMs(): { busyMs: number; totalMs: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busyMs: busy * TICK_MS, totalMs: (busy + idle! + iowait!) * TICK_MS };
}

/** The pid of the process whose command line contains `needle` (e.g. a Postgres data directory). */
export function findPid(needle: string): number | null {
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").some((arg) => arg.includes(needle))) return Number(name);
    } catch {
      // gone
    }
  }
  return null;
}
