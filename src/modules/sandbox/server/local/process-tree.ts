import { readdirSync, readFileSync } from "node:fs";

/**
 * How much a sandbox's processes use right now, read from the host's /proc.
 *
 * A sandbox's processes are exactly the descendants of its bwrap process: in a pid namespace an
 * orphan is re-parented to the namespace's init (bwrap's own child), never out of the tree. The
 * kernel here lacks /proc/<pid>/task/<tid>/children, so the whole process table is read; one
 * snapshot is shared by all monitors polling within `maxAgeMs` (≈1 ms for 80 processes, read
 * synchronously because thousands of small async reads cost far more).
 */
export type TreeSample = { processes: number; threads: number; rssBytes: number };

type Proc = { ppid: number; threads: number; rssBytes: number };
type Snapshot = { at: number; procs: Map<number, Proc>; children: Map<number, number[]> };

let snapshot: Snapshot | null = null;

export function sampleProcessTree(rootPid: number, maxAgeMs = 50): TreeSample {
  if (!snapshot || performance.now() - snapshot.at > maxAgeMs) snapshot = readProcessTable();
  const sample: TreeSample = { processes: 0, threads: 0, rssBytes: 0 };
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const proc = snapshot.procs.get(pid);
    if (!proc) continue;
    sample.processes++;
    sample.threads += proc.threads;
    sample.rssBytes += proc.rssBytes;
    pending.push(...(snapshot.children.get(pid) ?? []));
  }
  return sample;
}

function readProcessTable(): Snapshot {
  const procs = new Map<number, Proc>();
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
      continue; // exited since readdir
    }
    const ppid = field(status, "PPid");
    procs.set(pid, { ppid, threads: field(status, "Threads"), rssBytes: field(status, "VmRSS") * 1024 });
    const siblings = children.get(ppid);
    if (siblings) siblings.push(pid);
    else children.set(ppid, [pid]);
  }
  return { at: performance.now(), procs, children };
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}
