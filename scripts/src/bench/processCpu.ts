import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * CPU time of other processes, read from Linux's /proc: utime + stime of /proc/<pid>/stat (every
 * thread included) for a process and all its descendants, so that a gateway's cluster workers or
 * Hive Gateway's forks count with their parent. Elsewhere than Linux every reading is undefined
 * and the bench prints no CPU column.
 */
export const procAvailable = existsSync('/proc/self/stat');

let ticksPerSecond = 100;
try {
  if (procAvailable) ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  // getconf missing: Linux's USER_HZ is 100 everywhere it runs
}

function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited
  }
}

const allPids = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);

/** The process and every descendant alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const f = statFields(pid);
    if (!f) continue;
    const ppid = Number(f[1]); // field 4 of the whole line
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The processes holding a listening TCP socket on this port (IPv4 or IPv6). */
export function listeningPids(port: number): number[] {
  if (!procAvailable) return [];
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; column 10 is the inode.
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return [];
  const out: number[] = [];
  for (const pid of allPids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1])) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** A group of processes whose CPU time is read together: one service. */
export class CpuProbe {
  private constructor(
    readonly name: string,
    private readonly roots: number[],
  ) {}

  /** The service listening on `port` with its descendants; undefined when nothing listens there. */
  static onPort(name: string, port: number): CpuProbe | undefined {
    const pids = listeningPids(port);
    return pids.length ? new CpuProbe(name, pids) : undefined;
  }

  static ofProcess(name: string, pid: number | undefined): CpuProbe | undefined {
    return procAvailable && pid ? new CpuProbe(name, [pid]) : undefined;
  }

  /** CPU milliseconds consumed so far by the roots and their current descendants. */
  read(): number {
    let ticks = 0;
    for (const root of this.roots) {
      for (const pid of processTree(root)) {
        const f = statFields(pid);
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
        if (f) ticks += Number(f[11]) + Number(f[12]);
      }
    }
    return (ticks * 1000) / ticksPerSecond;
  }
}
