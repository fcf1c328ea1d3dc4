/**
 * CPU time of the processes a bench loads, read from /proc (Linux): per thread of a process (schedstat counts exactly,
 * not by clock ticks), of PostgreSQL (every process of the OS user `postgres`: keep other databases on the machine
 * idle), and of the whole machine by state.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds by thread of `pid`: 'main' for the main thread, else `<name> <tid>` */
export function threadCpu(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out[tid === String(pid) ? 'main' : `${name} ${tid}`] = ns / 1e9;
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** the machine's CPU time so far by state (user, nice, system, idle, iowait, …), from /proc/stat, in ticks */
export function machineCpu(): number[] {
  return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
}

export function postgresCpu(): Map<string, number> {
  let pids: string[] = [];
  try {
    pids = execFileSync('pgrep', ['-u', 'postgres']).toString().trim().split('\n');
  } catch {
    // none
  }
  const out = new Map<string, number>();
  for (const pid of pids) {
    try {
      out.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}
