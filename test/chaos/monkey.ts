import { Prng } from '../../src/authorities/sandbox/prng';
import { sleep, type ChaosCluster } from './cluster';

export const KILL_KINDS = ['api', 'worker', 'redis', 'postgres'] as const;
export type KillKind = (typeof KILL_KINDS)[number];

/** Share of each kind among random strikes: process kills are cheap, restarts of the stores less so. */
const WEIGHTS: Record<KillKind, number> = { api: 0.3, worker: 0.3, redis: 0.2, postgres: 0.2 };

/**
 * Kills things at random moments and brings them back: kill -9 of an API or worker process (down
 * 0.2–2 s), a redis-server killed and started empty (no persistence: every job, delayed or not, is
 * gone), a PostgreSQL fast shutdown (every connection cut, open transactions rolled back) and start.
 * One strike at a time; the next waits until the last has recovered.
 */
export class ChaosMonkey {
  readonly kills: Record<KillKind, number> = { api: 0, worker: 0, redis: 0, postgres: 0 };
  private readonly rng: Prng;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly cluster: ChaosCluster,
    seed: number,
    private readonly log: (message: string) => void,
  ) {
    this.rng = Prng.from(seed, 'monkey');
  }

  /** Strikes every `gapMs` (a random pause within the range) until stopped. */
  startRandom(gapMs: [number, number]): void {
    this.loop = (async () => {
      while (!this.stopped) {
        await this.pause(this.rng.int(gapMs[0], gapMs[1]));
        if (this.stopped) break;
        const roll = this.rng.next();
        let sum = 0;
        const kind = KILL_KINDS.find((k) => (sum += WEIGHTS[k]) > roll) ?? 'api';
        await this.strike(kind);
      }
    })();
  }

  /**
   * One strike of each kind, in random order, each when `progress()` (0–1) passes its mark: the
   * short version that runs in `npm test`.
   */
  startOnceEach(progress: () => number, marks = [0.1, 0.25, 0.4, 0.55]): void {
    const order = [...KILL_KINDS].sort(() => this.rng.next() - 0.5);
    this.loop = (async () => {
      for (const [i, kind] of order.entries()) {
        // Stopping early (the workload was quicker than the strikes) does not skip the rest: each kind strikes once.
        while (!this.stopped && progress() < marks[i]) await sleep(100);
        await this.strike(kind);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  async strike(kind: KillKind): Promise<void> {
    const down = this.rng.int(200, 2000);
    const t0 = Date.now();
    if (kind === 'api' || kind === 'worker') {
      const pool = kind === 'api' ? this.cluster.apis : this.cluster.workers;
      const victim = pool[this.rng.int(0, pool.length - 1)];
      await victim.kill();
      await sleep(down);
      victim.start();
      await victim.ready().catch((e: Error) => this.log(`${victim.name} did not come back: ${e.message.slice(0, 300)}`));
      this.log(`kill -9 ${victim.name}, back after ${Date.now() - t0} ms`);
    } else if (kind === 'redis') {
      await this.cluster.restartRedis(down);
      this.log(`redis-server killed and started empty, back after ${Date.now() - t0} ms`);
    } else {
      await this.cluster.restartPostgres(down);
      this.log(`PostgreSQL stopped and started, back after ${Date.now() - t0} ms`);
    }
    this.kills[kind]++;
    // Anything that died on its own meanwhile comes back too (and is reported as a crash).
    this.cluster.reviveCrashed();
  }

  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopped && Date.now() < until) await sleep(100);
  }
}
