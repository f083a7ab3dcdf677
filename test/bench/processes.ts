import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../src/platform/node-flags';

/** The repository root (where package.json is), wherever this file was compiled to. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Peak resident set size of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms; 0 for one that is gone. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/**
 * Read and write system calls a process has made so far (`syscr` + `syscw` of `/proc/<pid>/io`); NaN
 * when that cannot be read. Every socket read or write is one, so they count round trips between the
 * processes without the noise of a shared machine's CPU figures.
 */
export function syscalls(pid: number): number {
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    return Number(/syscr:\s+(\d+)/.exec(io)?.[1] ?? NaN) + Number(/syscw:\s+(\d+)/.exec(io)?.[1] ?? NaN);
  } catch {
    return NaN; // not ours to read, or gone: unknown rather than none
  }
}

/** Whether `pid` is a redis-server process on this machine (Redis's INFO names its pid in its own namespace). */
export function isRedisServer(pid: number): boolean {
  try {
    return pid > 0 && fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'redis-server';
  } catch {
    return false;
  }
}

/**
 * CPU time of a set of processes between two points, which survives a machine shared with other
 * work (unlike throughput): `const meter = new CpuMeter(pids); … meter.elapsedMs()`. Processes
 * that appear later (a new PostgreSQL backend) count from zero.
 */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  constructor(pids: number[]) {
    for (const pid of pids) this.start.set(pid, cpuMs(pid));
  }
  elapsedMs(pids: number[]): number {
    return pids.reduce((sum, pid) => sum + Math.max(0, cpuMs(pid) - (this.start.get(pid) ?? 0)), 0);
  }
}

/**
 * Read and write system calls of named groups of processes between two points. PostgreSQL's backends
 * are not for it: they use `send()` and `recv()`, which `/proc/<pid>/io` does not count.
 */
export class SyscallMeter<K extends string> {
  private readonly start: [K, number[], number[]][];
  constructor(groups: Partial<Record<K, number[]>>) {
    this.start = (Object.entries(groups) as [K, number[]][]).map(([name, pids]) => [name, pids, pids.map(syscalls)]);
  }
  /** Calls each group made since the meter was made. */
  elapsed(): Partial<Record<K, number>> {
    return Object.fromEntries(
      this.start.map(([name, pids, before]) => [name, pids.reduce((sum, pid, i) => sum + syscalls(pid) - before[i], 0)]),
    ) as Partial<Record<K, number>>;
  }
}

/** A service process (`dist/src/main.js`) with a role. */
export class ServiceChild {
  child?: ChildProcess;
  output = '';

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly execArgv: readonly string[] = SERVICE_NODE_FLAGS,
  ) {}

  start(): void {
    this.child = track(
      spawn(process.execPath, [...this.execArgv, path.join(repoRoot(), 'dist/src/main.js')], {
        cwd: repoRoot(),
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
  }

  get pid(): number {
    return this.child!.pid!;
  }

  async ready(port: string, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child!.exitCode !== null) throw new Error(`${this.name} exited: ${this.output.slice(-800)}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms: ${this.output.slice(-800)}`);
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
  }
}

/**
 * The authority sandbox at zero latency in a process of its own (`npm run sandbox`), so its work
 * neither delays the driver's clocks nor hides in the driver's CPU figure.
 */
export class SandboxChild {
  private child?: ChildProcess;
  readonly url: string;

  constructor(readonly port: number) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number {
    return this.child!.pid!;
  }

  async start(): Promise<void> {
    const child = track(
      spawn(
        process.execPath,
        [
          path.join(repoRoot(), 'dist/src/authorities/sandbox/sandbox.main.js'),
          '--port',
          String(this.port),
          '--latency-scale',
          '0',
          '--quiet',
        ],
        {
          cwd: repoRoot(),
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('listening on')) resolve();
      });
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => reject(new Error(`authority sandbox exited with ${code}: ${output.slice(-400)}`)));
    });
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
  }
}

/** Every process the bench started, so a failed run takes them down with it. */
const started = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Kills whatever the bench started and is still running (a failed run must not leave its ports taken). */
export function killStarted(): void {
  for (const child of started) child.kill('SIGKILL');
}

/** SIGTERM, and SIGKILL if the process has not exited 20 s later; resolves once it has exited. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}
