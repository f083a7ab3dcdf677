import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../src/platform/node-flags';
import { waitFor } from './private-redis';

const ROOT = path.join(__dirname, '../..');

/** The built service (`dist/`, made by `npm test`'s pretest build) as a child process, as users run it. */
export class ServiceProcess {
  private child?: ChildProcess;
  stdout = '';
  stderr = '';
  exitCode: number | null = null;

  constructor(private readonly env: Record<string, string>) {}

  get port(): string {
    return this.env.PORT;
  }

  start(): void {
    this.stdout = '';
    this.stderr = '';
    this.exitCode = null;
    this.child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      // METRICS_PORT=0 unless a test names one: several processes on one host cannot share the default.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', METRICS_PORT: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.stdout += d));
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    // A process killed by a signal has no exit code: report it the way a shell does (128 + signal).
    this.child.on('exit', (code, signal) => (this.exitCode = code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  }

  async ready(timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    await this.until(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${this.port}/health/ready`)).status === 200;
        } catch {
          return false;
        }
      },
      timeoutMs,
      100,
    );
    return Date.now() - started;
  }

  /** Waits for a condition the process should bring about; a failure says how the process fared (its exit, its last words). */
  async until(check: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 50): Promise<void> {
    try {
      await waitFor(
        async () => {
          if (this.exitCode !== null) throw new Error(`service exited with ${this.exitCode}`);
          return check();
        },
        timeoutMs,
        stepMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; the service's last output: ${(this.stderr + this.stdout).slice(-1500)}`, {
        cause: error,
      });
    }
  }

  async exited(timeoutMs = 30_000): Promise<number> {
    await waitFor(() => this.exitCode !== null, timeoutMs, 50);
    return this.exitCode!;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }
}
